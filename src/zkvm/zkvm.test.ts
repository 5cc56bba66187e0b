// End-to-end: a guest program proved and verified, and the proofs a verifier must reject.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { computeWitnesses, execute } from '../executor/index.js';
import { PROFILES } from '../fri/index.js';
import { WorkerPool } from '../parallel/index.js';
import { stateMachines } from '../sm/registry.js';
import { decodeProof, encodeProof, prove as proveStark, starkInstance } from '../stark/index.js';
import { transpile } from '../transpiler/index.js';
import { runFast } from '../emulator/index.js';
import { defaultSystem, outputsToPublics, proveElf, verifyProof, type ProveOptions } from './index.js';
import { guestElf, guestInput } from './test-support/examples.js';

const guest = guestElf;
const input = guestInput;

/** Small instances, so that the families with enough work have several of them. */
const SMALL: ProveOptions = {
  security: 'test',
  chunkSize: 256,
  logRows: { Main: 9, Mem: 8, MemAlign: 6, Binary: 8, BinaryAdd: 8, BinaryExtension: 6, Arith: 5, InputData: 5, RomData: 5, MemAlignStraddle: 4 },
};

const pool = new WorkerPool({ workers: 2 });
after(() => pool.close());

const sort = { elf: guest('sort'), input: input('sort', 'small') };
const proofs = new Map<string, Uint8Array>();
async function sortProof(): Promise<Uint8Array> {
  let p = proofs.get('sort');
  if (!p) {
    const r = await proveElf(sort.elf, { ...SMALL, input: sort.input, pool });
    proofs.set('sort', (p = r.proof));
    const counts = new Map<string, number>();
    for (const i of r.instances) counts.set(i.air, (counts.get(i.air) ?? 0) + 1);
    assert.ok((counts.get('Main') ?? 0) >= 3 && (counts.get('Mem') ?? 0) >= 2 && (counts.get('Binary') ?? 0) >= 2, `several instances: ${[...counts]}`);
  }
  return p;
}

test('a proof of sort verifies, with its ELF, and establishes the outputs of a direct run', async () => {
  const proof = await sortProof();
  const v = verifyProof(proof, { elf: sort.elf, security: 'test' });
  assert.equal(v.ok, true, v.ok ? '' : `${v.check}: ${v.message}`);
  if (!v.ok) return;
  assert.deepEqual(v.outputs, runFast(transpile(sort.elf), sort.input).outputs);
  assert.match(v.programId, /^[0-9a-f]{64}$/);
});

test('the standard profile is required unless the caller accepts test proofs', async () => {
  const v = verifyProof(await sortProof(), { elf: sort.elf });
  assert.equal(v.ok, false);
  if (!v.ok) assert.match(v.message, /insecure test profile/);
});

test('a proof checked against a different ELF is rejected', async () => {
  const v = verifyProof(await sortProof(), { elf: guest('fibonacci'), security: 'test' });
  assert.equal(v.ok, false);
  if (!v.ok) assert.equal(v.check, 'program-root');
  const junk = verifyProof(await sortProof(), { elf: new Uint8Array([1, 2, 3]), security: 'test' });
  assert.equal(!junk.ok && junk.check, 'program');
});

test('a proof with edited outputs is rejected', async () => {
  const proof = await sortProof();
  const decoded = decodeProof(defaultSystem(), proof);
  assert.ok(decoded.ok);
  if (!decoded.ok) return;
  const publics = [...decoded.value.publics];
  publics[0] = publics[0]! ^ 1n;
  const edited = encodeProof(defaultSystem(), { ...decoded.value, publics });
  const v = verifyProof(edited, { elf: sort.elf, security: 'test' });
  assert.equal(v.ok, false);
  // Changing the statement changes every challenge: some instance's check fails first.
  if (!v.ok) assert.notEqual(v.check, 'internal');
});

test('instance proofs swapped between two proofs of the same program are rejected', async () => {
  const a = decodeProof(defaultSystem(), await sortProof());
  const other = await proveElf(sort.elf, { ...SMALL, input: input('sort', 'duplicates'), pool, logRows: { ...SMALL.logRows, Main: 12 } });
  const b = decodeProof(defaultSystem(), other.proof);
  assert.ok(a.ok && b.ok);
  if (!a.ok || !b.ok) return;
  const rom = (p: typeof a.value) => p.instances.findIndex((i) => defaultSystem().airs[i.commitment.airIndex]!.name === 'Rom');
  const instances = [...a.value.instances];
  instances[rom(a.value)] = b.value.instances[rom(b.value)]!;
  const v = verifyProof(encodeProof(defaultSystem(), { ...a.value, instances }), { elf: sort.elf, security: 'test' });
  assert.equal(v.ok, false);
});

test('random byte mutations are all rejected with a reason, none throws', async () => {
  const proof = await sortProof();
  let seed = 12345;
  const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const seen = new Map<string, number>();
  for (let k = 0; k < 200; k++) {
    const bad = proof.slice(0, k % 20 === 0 ? rand(proof.length) : proof.length);
    if (bad.length === proof.length) bad[rand(bad.length)]! ^= 1 << rand(8);
    const v = verifyProof(bad, { elf: sort.elf, security: 'test' });
    assert.equal(v.ok, false);
    if (!v.ok) {
      assert.notEqual(v.check, 'internal', v.message);
      seen.set(v.check, (seen.get(v.check) ?? 0) + 1);
    }
  }
  assert.ok(seen.size >= 3, `rejections of several kinds: ${[...seen]}`);
});

test('a witness with one changed cell, proved anyway, is rejected', async () => {
  const rom = transpile(sort.elf);
  const plan = execute(rom, sort.input, stateMachines, { chunkSize: SMALL.chunkSize!, logRows: SMALL.logRows! });
  const { instances } = computeWitnesses(plan);
  const system = defaultSystem();
  const built = plan.instances.map((p) => instances.get(p.globalId)!);
  const binary = built.find((i) => i.air.name === 'Binary')!;
  binary.trace.setU32(3, binary.air.cols.c[0]!, (Number(binary.trace.get(3, binary.air.cols.c[0]!)) + 1) & 0xff);
  const bytes = await proveStark(system, built.map((i) => starkInstance(system, i)), outputsToPublics(plan.outputs), PROFILES.test.params, { pool });
  const v = verifyProof(bytes, { elf: sort.elf, security: 'test' });
  assert.equal(v.ok, false);
  if (!v.ok) assert.ok(['constraints', 'bus-sum'].includes(v.check), `${v.check}: ${v.message}`);
});

test('proofs made with 1 and with 2 workers are the same bytes', async () => {
  const fib = { elf: guest('fibonacci'), input: input('fibonacci', 'small') };
  const one = await proveElf(fib.elf, { ...SMALL, input: fib.input, workers: 1 });
  const two = await proveElf(fib.elf, { ...SMALL, input: fib.input, pool });
  assert.deepEqual(one.proof, two.proof);
  assert.equal(verifyProof(one.proof, { elf: fib.elf, security: 'test' }).ok, true);
});

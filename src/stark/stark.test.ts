import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILES } from '../fri/index.js';
import { Matrix } from '../matrix/index.js';
import { WorkerPool } from '../parallel/index.js';
import {
  assembleProof,
  commitStage1,
  defineSystem,
  drawGlobalChallenges,
  encodeInstanceProof,
  decodeInstanceProof,
  instanceShape,
  prove,
  proveInstance,
  starkInstance,
  verify,
  verifyInstanceProof,
  TreeKind,
  type ProgressEvent,
} from './index.js';
import {
  byteLookupInstances,
  byteTableAir,
  fibResult,
  fibOutInstance,
  fibonacciAir,
  fibonacciInstance,
  mixedInstances,
  programAir,
  testSystem,
  wide8,
  wideAir,
  wideInstance,
  wordBytesAir,
} from './test-support/examples.js';

const show = (r: unknown) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v));

const params = PROFILES.test.params;
const pools = [new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

test('Fibonacci, the wide degree-3 AIR and the lookup pair prove and verify', async () => {
  const fib = defineSystem({ airs: [fibonacciAir] });
  const r1 = verify(fib, await prove(fib, [starkInstance(fib, fibonacciInstance(6))], [], params), params);
  assert.equal(r1.ok, true, show(r1));

  const w = wideAir(12);
  const wide = defineSystem({ airs: [w] });
  const r2 = verify(wide, await prove(wide, [starkInstance(wide, wideInstance(w, 6))], [], params), params);
  assert.equal(r2.ok, true, show(r2));

  const lookup = defineSystem({ airs: [byteTableAir, wordBytesAir] });
  const insts = byteLookupInstances(5, 30).map((i) => starkInstance(lookup, i));
  const r3 = verify(lookup, await prove(lookup, insts, [], params), params);
  assert.ok(r3.ok, show(r3));
  assert.deepEqual(r3.instances.map((i) => [i.air, i.logRows]), [['ByteTable', 8], ['WordBytes', 5]]);
});

test('instances of five AIRs with different heights, a public output and a program in one proof', async () => {
  const { instances, publics } = mixedInstances();
  const bytes = await prove(testSystem, instances, publics, params);
  const r = verify(testSystem, bytes, params, { publics });
  assert.ok(r.ok, show(r));
  assert.deepEqual(r.instances.map((i) => i.logRows), [8, 3, 4, 5, 3]);
  assert.equal(r.publics[0], fibResult(4));
  const root = r.instances[4]!.programRoot!;
  assert.equal(root.length, 4);
  // The program root is the program's identity: a caller can require it.
  assert.ok(verify(testSystem, bytes, params, { programRoots: { Doubler: root } }).ok);
  const other = verify(testSystem, bytes, params, { programRoots: { Doubler: [1n, 2n, 3n, 4n] } });
  assert.equal(other.ok ? 'ok' : other.check, 'program-root');
  assert.equal(!other.ok && other.instance, 4);
  // A wrong expected public is named as such.
  const pub = verify(testSystem, bytes, params, { publics: [publics[0]! + 1n] });
  assert.equal(pub.ok ? 'ok' : pub.check, 'publics');
  // Other parameters than the caller requires are refused.
  const std = verify(testSystem, bytes);
  assert.equal(std.ok ? 'ok' : std.check, 'params');
});

test('the proof bytes do not depend on the number of workers or on dropping the stage-1 LDE', async () => {
  const { instances, publics } = mixedInstances();
  // Large enough for every pool path (Merkle subtrees, column ranges of the LDE, DEEP row blocks).
  const big = wideInstance(wide8, 13);
  const all = [...instances, starkInstance(testSystem, big)];
  const one = await prove(testSystem, all, publics, params);
  for (const pool of pools) {
    assert.deepEqual(await prove(testSystem, all, publics, params, { pool }), one, `${pool.workers} workers`);
  }
  assert.deepEqual(await prove(testSystem, all, publics, params, { keepStage1Lde: false, pool: pools[0] }), one, 'recomputed stage 1');
  assert.deepEqual(await prove(testSystem, all, publics, params, { keepStage1Lde: true, pool: pools[0] }), one, 'kept stage-1 LDE');
  assert.deepEqual(await prove(testSystem, all, publics, params, { keepStage1Lde: 'tree' }), one, 'kept tree, recomputed LDE');
  assert.ok(verify(testSystem, one, params).ok);
});

test('the phases: instance proofs check on their own, travel as bytes, and assemble into the same proof', async () => {
  const { instances, publics } = mixedInstances();
  const events: ProgressEvent[] = [];
  const whole = await prove(testSystem, instances, publics, params, { progress: (e) => events.push(e) });
  const stage1 = [];
  for (const inst of instances) stage1.push(await commitStage1(testSystem, params, inst));
  const global = drawGlobalChallenges(testSystem, params, publics, stage1.map((s) => s.commitment));
  const proofs = [];
  for (let i = 0; i < instances.length; i++) {
    const p = await proveInstance(testSystem, params, i, stage1[i]!, global);
    assert.deepEqual(verifyInstanceProof(testSystem, params, global, i, p), { ok: true }, `instance ${i}`);
    // A coordinator receives bytes.
    const decoded = decodeInstanceProof(testSystem, params, encodeInstanceProof(testSystem, p));
    assert.ok(decoded.ok);
    proofs.push(decoded.value);
  }
  // An instance proof checked at another position (another fork of the transcript) fails.
  assert.equal(verifyInstanceProof(testSystem, params, global, 1, proofs[0]!).ok, false);
  assert.deepEqual(assembleProof(testSystem, params, publics, proofs), whole);
  // Progress: every phase reported once per instance, counting up to the total.
  for (const phase of ['stage1', 'stage2', 'quotient', 'openings', 'fri', 'queries'] as const) {
    const es = events.filter((e) => e.phase === phase);
    assert.deepEqual(es.map((e) => e.done), [1, 2, 3, 4, 5], phase);
    assert.ok(es.every((e) => e.total === 5));
  }
});

test('instance shapes: trees with columns only; next-row openings are the columns read at the next row', () => {
  const s = instanceShape(wordBytesAir, 5, params);
  assert.deepEqual(s.trees.map((t) => t.kind), [TreeKind.Stage1, TreeKind.Stage2, TreeKind.Quotient]);
  // WordBytes reads no stage-1 column at the next row; its LogUp columns all are.
  assert.deepEqual(s.trees[0]!.next, []);
  assert.equal(s.trees[1]!.next.length, wordBytesAir.stage2Width);
  const p = instanceShape(programAir, 4, params);
  assert.deepEqual(p.trees.map((t) => [t.kind, t.width, t.next]), [
    [TreeKind.Program, 1, []],
    [TreeKind.Stage1, 2, [1]],
    [TreeKind.Quotient, 3, []],
  ]);
  assert.equal(p.zetaOpenings, 6);
  assert.equal(p.nextOpenings, 1);
  assert.equal(instanceShape(wide8, 4, params).quotientChunks, 2);
  assert.equal(instanceShape(fibonacciAir, 4, params).quotientChunks, 1);
});

test('prover arguments are checked at the boundary', async () => {
  const fib = defineSystem({ airs: [fibonacciAir] });
  const inst = starkInstance(fib, fibonacciInstance(4));
  await assert.rejects(prove(fib, [], [], params), /at least one instance/);
  await assert.rejects(prove(fib, [inst], [1n], params), /publics/);
  await assert.rejects(prove(fib, [{ ...inst, airIndex: 3 }], [], params), /airIndex 3/);
  await assert.rejects(prove(fib, [{ ...inst, trace: new Matrix(2, 12) }], [], params), /power of two/);
  await assert.rejects(prove(fib, [inst], [], { ...params, numQueries: 0 }), /numQueries/);
  await assert.rejects(prove(fib, [{ ...inst, airValues: [0n, 1n, 2n ** 64n] }], [], params), /canonical/);
  assert.throws(() => defineSystem({ airs: [fibonacciAir, fibonacciAir] }), /unique/);
});

test('the debug check names the broken constraint or bus before proving', async () => {
  const bad = fibOutInstance(4);
  bad.trace.set(5, 1, 12345n);
  await assert.rejects(
    prove(testSystem, [starkInstance(testSystem, bad)], [fibResult(4)], params, { debugCheck: true }),
    /debug check: FibOut: row 4 breaks constraint 'b' = a \+ b'/,
  );
  const ok = fibOutInstance(4);
  await assert.rejects(
    prove(testSystem, [starkInstance(testSystem, ok)], [fibResult(4) + 1n], params, { debugCheck: true }),
    /debug check: bus 5/,
  );
});

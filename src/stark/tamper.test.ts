import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBusBalanceReference, checkConstraintsReference, type AirInstance } from '../air/index.js';
import { PROFILES } from '../fri/index.js';
import { P } from '../field/index.js';
import { Matrix } from '../matrix/index.js';
import { decodeProof, defineSystem, encodeProof, prove, starkInstance, verify, type StarkProof, type VerifyResult } from './index.js';
import {
  byteLookupInstances,
  byteTableAir,
  cloneMatrix,
  fibOutInstance,
  fibResult,
  fibonacciAir,
  fibonacciInstance,
  mixedInstances,
  programAir,
  programInstance,
  testSystem,
  wideAir,
  wideInstance,
  wordBytesAir,
} from './test-support/examples.js';
import { mutate, prng } from './test-support/mutate.js';

const params = PROFILES.test.params;
const why = (r: VerifyResult) => (r.ok ? 'accepted' : r.check);

function tamperCell(inst: AirInstance, row: number, col: number): AirInstance {
  const trace = cloneMatrix(inst.trace);
  trace.set(row, col, (trace.get(row, col) + 1n) % P);
  return { ...inst, trace };
}

test('every example: a trace with one cell changed fails the debug checker, and the verifier when proved anyway', async () => {
  const wide = wideAir(9);
  const [table, words] = byteLookupInstances(4, 12);
  const cases: Array<{ name: string; airs: AirInstance['air'][]; honest: AirInstance[]; target: number; row: number; col: number }> = [
    { name: 'Fibonacci', airs: [fibonacciAir], honest: [fibonacciInstance(5)], target: 0, row: 7, col: 1 },
    { name: 'Fibonacci first row', airs: [fibonacciAir], honest: [fibonacciInstance(5)], target: 0, row: 0, col: 0 },
    { name: 'Wide', airs: [wide], honest: [wideInstance(wide, 5)], target: 0, row: 13, col: 4 },
    { name: 'Wide last row', airs: [wide], honest: [wideInstance(wide, 5)], target: 0, row: 31, col: 8 },
    { name: 'WordBytes', airs: [byteTableAir, wordBytesAir], honest: [table, words], target: 1, row: 3, col: wordBytesAir.cols.word as number },
    { name: 'Doubler', airs: [programAir], honest: [programInstance(4)], target: 0, row: 9, col: 0 },
  ];
  for (const c of cases) {
    const system = defineSystem({ airs: c.airs });
    for (const inst of c.honest) assert.deepEqual(checkConstraintsReference(withFixed(inst)), { ok: true }, c.name);
    const insts = c.honest.slice();
    insts[c.target] = tamperCell(insts[c.target]!, c.row, c.col);
    const check = checkConstraintsReference(withFixed(insts[c.target]!));
    assert.equal(check.ok, false, `${c.name}: debug checker`);
    // The first failing row is the changed one, or the row before it (a transition into it).
    assert.ok(!check.ok && (check.row === c.row || check.row === c.row - 1), `${c.name}: row ${!check.ok && check.row}`);
    const bytes = await prove(system, insts.map((i) => starkInstance(system, i)), [], params);
    const r = verify(system, bytes, params);
    assert.equal(r.ok, false, `${c.name}: verifier`);
    assert.equal(!r.ok && r.instance, c.target, c.name);
    assert.equal(why(r), 'constraints', c.name);
  }
});

function withFixed(inst: AirInstance): AirInstance {
  if (inst.air.fixedWidth === 0 || inst.fixed) return inst;
  return { ...inst, fixed: inst.air.fixedValues(Math.log2(inst.trace.height), (w, h) => new Matrix(w, h)) };
}

test('a tampered multiplicity or a dropped row: each instance proves, the bus sums do not add to zero', async () => {
  const system = defineSystem({ airs: [byteTableAir, wordBytesAir] });
  const [table, words] = byteLookupInstances(4, 12);
  const honest = verify(system, await prove(system, [table, words].map((i) => starkInstance(system, i)), [], params), params);
  assert.ok(honest.ok);

  const moreOfOne = tamperCell(table, 17, byteTableAir.cols.multiplicity as number);
  const dropped = cloneMatrix(words.trace);
  for (let c = 0; c < dropped.width; c++) dropped.set(2, c, 0n); // word, bytes and sel zero: a valid row that looks nothing up
  const droppedRow = { ...words, trace: dropped };
  for (const [name, insts] of [
    ['tampered multiplicity', [moreOfOne, words]],
    ['dropped row', [table, droppedRow]],
  ] as const) {
    assert.deepEqual(checkConstraintsReference(withFixed(insts[0])), { ok: true }, name);
    assert.deepEqual(checkConstraintsReference(insts[1]), { ok: true }, name);
    assert.equal(checkBusBalanceReference(insts.map(withFixed)).ok, false, `${name}: debug bus balance`);
    const r = verify(system, await prove(system, insts.map((i) => starkInstance(system, i)), [], params), params);
    assert.equal(why(r), 'bus-sum', name);
    assert.ok(!r.ok && r.expected === '[0, 0, 0]' && r.got !== r.expected);
  }
});

test('a wrong public output: the bus sum with the global term fails', async () => {
  const inst = starkInstance(testSystem, fibOutInstance(4));
  const r = verify(testSystem, await prove(testSystem, [inst], [fibResult(4) + 1n], params), params);
  assert.equal(why(r), 'bus-sum');
  assert.ok(verify(testSystem, await prove(testSystem, [inst], [fibResult(4)], params), params).ok);
});

async function mixedProof(): Promise<{ bytes: Uint8Array; proof: StarkProof }> {
  const { instances, publics } = mixedInstances();
  const bytes = await prove(testSystem, instances, publics, params);
  const d = decodeProof(testSystem, bytes);
  assert.ok(d.ok);
  return { bytes, proof: d.value };
}

test('edited public values, swapped openings and swapped sections between two proofs are rejected', async () => {
  const { proof } = await mixedProof();
  assert.ok(verify(testSystem, encodeProof(testSystem, proof), params).ok, 'the re-encoded proof still verifies');
  const edited = { ...proof, publics: [(proof.publics[0]! + 1n) % P] };
  assert.equal(verify(testSystem, encodeProof(testSystem, edited), params).ok, false, 'edited public');

  // A second proof of the same shapes from other witnesses.
  const fib2 = defineSystem({ airs: [fibonacciAir] });
  const a = decodeProof(fib2, await prove(fib2, [starkInstance(fib2, fibonacciInstance(5, 0n, 1n))], [], params));
  const b = decodeProof(fib2, await prove(fib2, [starkInstance(fib2, fibonacciInstance(5, 3n, 7n))], [], params));
  assert.ok(a.ok && b.ok);
  const A = a.value.instances[0]!;
  const B = b.value.instances[0]!;
  const hybrids: Array<[string, typeof A]> = [
    ['query openings of the other proof', { ...A, queries: B.queries }],
    ['one tree opening of the other proof', { ...A, queries: [B.queries[0]!, ...A.queries.slice(1)] }],
    ['FRI layers of the other proof', { ...A, fri: { ...A.fri, layers: B.fri.layers } }],
    ['FRI proof of the other proof', { ...A, fri: B.fri }],
    ['openings at ζ of the other proof', { ...A, openings: B.openings }],
    ['quotient root of the other proof', { ...A, quotientRoot: B.quotientRoot }],
    ['stage-1 commitment of the other proof', { ...A, commitment: B.commitment }],
    ['two opened rows exchanged', { ...A, queries: [{ ...A.queries[0]!, rows: [A.queries[0]!.rows[1]!, A.queries[0]!.rows[0]!, ...A.queries[0]!.rows.slice(2)] }, ...A.queries.slice(1)] }],
  ];
  for (const [name, inst] of hybrids) {
    const r = verify(fib2, encodeProof(fib2, { ...a.value, instances: [inst] }), params);
    assert.equal(r.ok, false, name);
    assert.notEqual(why(r), 'internal', name);
  }
  // Instances of one proof in another order.
  const swapped = { ...proof, instances: [proof.instances[1]!, proof.instances[0]!, ...proof.instances.slice(2)] };
  assert.equal(verify(testSystem, encodeProof(testSystem, swapped), params).ok, false);
  // An instance dropped from the proof: the remaining ones no longer match the transcript.
  assert.equal(verify(testSystem, encodeProof(testSystem, { ...proof, instances: proof.instances.slice(1) }), params).ok, false);
});

test('1500 random mutations of a real proof: all rejected with a reason, none throws', async () => {
  const { bytes } = await mixedProof();
  const rand = prng(2024);
  const counts = new Map<string, number>();
  for (let i = 0; i < 1500; i++) {
    const m = mutate(bytes, rand);
    let r: VerifyResult | undefined;
    assert.doesNotThrow(() => {
      r = verify(testSystem, m.bytes, params);
    });
    assert.equal(r!.ok, false, `${m.kind} #${i} was accepted`);
    assert.notEqual(why(r!), 'internal', `${m.kind} #${i}: ${!r!.ok && r!.message}`);
    assert.ok(!r!.ok && r!.message.length > 0);
    counts.set(why(r!), (counts.get(why(r!)) ?? 0) + 1);
  }
  console.log(`# rejections by check: ${JSON.stringify(Object.fromEntries(counts))}`);
  // The mutations reach every layer of the verifier, not only the decoder.
  for (const check of ['format', 'constraints', 'merkle', 'fri-merkle']) assert.ok((counts.get(check) ?? 0) > 0, `${check}: ${[...counts]}`);
});

test('truncations at every position and garbage inputs are format rejections', async () => {
  const { bytes } = await mixedProof();
  for (let len = 0; len < bytes.length; len += 97) assert.equal(why(verify(testSystem, bytes.subarray(0, len), params)), 'format');
  for (const junk of [new Uint8Array(0), new Uint8Array(100), Uint8Array.from({ length: 1000 }, (_, i) => i * 37)]) {
    assert.equal(why(verify(testSystem, junk, params)), 'format');
  }
  // Non-Uint8Array input from an untyped caller.
  assert.equal(why(verify(testSystem, 'proof' as unknown as Uint8Array, params)), 'format');
  assert.equal(why(verify(testSystem, undefined as unknown as Uint8Array, params)), 'format');
  // A huge claimed count is refused before allocating.
  const big = bytes.slice();
  const instanceCountAt = 8 + 4 + 8 + 4 + 8 * testSystem.publicCount;
  new DataView(big.buffer).setUint32(instanceCountAt, 0xffffffff, true);
  const r = verify(testSystem, big, params);
  assert.equal(why(r), 'format');
  assert.match(!r.ok ? r.message : '', /instances/);
});

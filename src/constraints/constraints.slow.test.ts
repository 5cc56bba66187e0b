// Larger traces than the quick suite: the fast paths against the references at sizes where blocks,
// wrap-around blocks and worker ranges all occur many times.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkBusBalanceReference, checkConstraintsReference, P } from '../air/index.js';
import { wideAir, wideInstance } from '../air/examples/wide.js';
import { byteLookupInstances } from '../air/examples/byte-lookup.js';
import * as ext from '../field/extension.js';
import { interpolate, lde } from '../ntt/index.js';
import { WorkerPool } from '../parallel/index.js';
import { buildStage2, checkBusBalance, checkConstraints, evaluateQuotient } from './index.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

test('Wide64, 2^13 rows: honest, and cells changed at a block edge and at the end, as the reference', async () => {
  const air = wideAir(64);
  const inst = wideInstance(air, 13, 5);
  for (const pool of pools) assert.deepEqual(await checkConstraints(inst, { pool }), { ok: true });
  for (const [row, col] of [[2047, 63], [4096, 0], [8191, 17]] as const) {
    const bad = wideInstance(air, 13, 5);
    bad.trace.set(row, col, (bad.trace.get(row, col) + 1n) % P);
    const want = checkConstraintsReference(bad);
    for (const pool of pools) assert.deepEqual(await checkConstraints(bad, { pool }), want);
  }
});

test('Wide64, 2^11 rows, blowup 4: Q has degree < 2n, identical on 1, 2 and 3 workers', async () => {
  const inst = wideInstance(wideAir(64), 11, 9);
  const input = {
    air: inst.air, logRows: 11, logBlowup: 2, shift: 7n, main: lde(inst.trace, 2, 7n, 'bit-reversed'),
    airValues: [], challenges: [], busSum: ext.ZERO, alpha: [3n, 1n << 40n, P - 5n] as ext.Ext3,
  };
  const qs = await Promise.all(pools.map((pool) => evaluateQuotient(input, { pool })));
  assert.deepEqual(qs[1]!.data, qs[0]!.data);
  assert.deepEqual(qs[2]!.data, qs[0]!.data);
  const coeffs = interpolate(qs[0]!, 7n, 'bit-reversed');
  for (let c = 0; c < 3; c++) for (let r = 2 << 11; r < coeffs.height; r++) assert.equal(coeffs.get(r, c), 0n);
});

test('byte lookups, 2^15 words: bus sums cancel; balance and a tampered table as the reference', async () => {
  const ch = [11n, 12n, 13n, 14n, 15n, 16n];
  const insts = byteLookupInstances(15, 30000);
  const sums = await Promise.all(insts.map((i) => buildStage2(i, ch, { pool: pools[1] })));
  assert.deepEqual(ext.add(sums[0]!.busSum, sums[1]!.busSum), ext.ZERO);
  for (const pool of pools) assert.equal((await checkBusBalance(insts, [], { pool })).ok, true);
  insts[0].trace.set(200, 0, insts[0].trace.get(200, 0) + 3n);
  const want = checkBusBalanceReference(insts);
  for (const pool of pools) assert.deepEqual(await checkBusBalance(insts, [], { pool }), want);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBusBalanceReference, defineAir } from '../../air/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { assumeBytes, assumeRange, bytePairCounts, rangeComponent, rangeCounts } from './index.js';

const bytesAir = defineAir({
  name: 'Checked',
  columns: { byte: 1, half: 1 },
  eval(b) {
    assumeRange(b, 'byte', 8, b.main.byte);
    assumeRange(b, 'half', 16, b.main.half);
  },
});

function build(values: [number, number][], tamper?: (t: TableMultiplicities) => void) {
  const trace = new Matrix(2, values.length);
  const tables = new TableMultiplicities();
  values.forEach(([b, h], r) => {
    trace.setU32(r, 0, b);
    trace.setU32(r, 1, h);
    rangeCounts(tables, 8)[b]! += 1;
    rangeCounts(tables, 16)[h]! += 1;
  });
  tamper?.(tables);
  const plan = rangeComponent.plan([], { rom: null as never, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  const table = rangeComponent.buildInstance({ plan, globalId: 0 }).computeWitness({ rom: null as never, collectors: [], traces: [], tables });
  return [{ air: bytesAir, trace }, table];
}

test('range checks balance against the table; out-of-range values and wrong counts do not', () => {
  const values: [number, number][] = [[0, 0], [255, 65535], [17, 300], [17, 300]];
  assert.equal(checkBusBalanceReference(build(values)).ok, true);
  // A value outside the range cannot be proved by any row.
  const out = build(values);
  out[0]!.trace.setU32(1, 0, 256);
  const r = checkBusBalanceReference(out);
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.values, [8n, 256n]);
  assert.equal(checkBusBalanceReference(build(values, (t) => void (rangeCounts(t, 16)[300]! += 1))).ok, false);
});

const pairsAir = defineAir({
  name: 'CheckedPairs',
  columns: { b0: 1, b1: 1 },
  eval(b) {
    assumeBytes(b, 'two bytes', b.main.b0, b.main.b1);
  },
});

function buildPairs(pairs: [number, number][], singles: number[]) {
  const trace = new Matrix(2, pairs.length);
  const single = new Matrix(2, singles.length);
  const tables = new TableMultiplicities();
  pairs.forEach(([x, y], r) => {
    trace.setU32(r, 0, x);
    trace.setU32(r, 1, y);
    bytePairCounts(tables)[x + 256 * y]! += 1;
  });
  singles.forEach((x, r) => {
    single.setU32(r, 0, x);
    rangeCounts(tables, 8)[x]! += 1;
    rangeCounts(tables, 16)[0]! += 1;
  });
  const plan = rangeComponent.plan([], { rom: null as never, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  const table = rangeComponent.buildInstance({ plan, globalId: 0 }).computeWitness({ rom: null as never, collectors: [], traces: [], tables });
  return [{ air: pairsAir, trace }, { air: bytesAir, trace: single }, table];
}

test('byte pairs: one lookup checks two bytes, single bytes still work beside them', () => {
  const pairs: [number, number][] = [[0, 0], [255, 255], [7, 0], [0, 9]];
  assert.equal(checkBusBalanceReference(buildPairs(pairs, [7, 0, 255, 255])).ok, true);
  // Neither byte may leave [0, 256): 256 = 0 + 256·1 is no excuse.
  const wide = buildPairs(pairs, [1, 2, 3, 4]);
  wide[0]!.trace.setU32(2, 0, 256);
  wide[0]!.trace.setU32(2, 1, 0);
  const r = checkBusBalanceReference(wide);
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.values, [8n, 256n]);
  const high = buildPairs(pairs, [1, 2, 3, 4]);
  high[0]!.trace.setU32(3, 1, 300);
  assert.equal(checkBusBalanceReference(high).ok, false);
});

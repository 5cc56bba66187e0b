import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBusBalanceReference, defineAir } from '../../air/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { assumeRange, rangeComponent, rangeCounts } from './index.js';

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

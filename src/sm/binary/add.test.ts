import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, type AirInstance } from '../../air/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { OP_ADD } from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { binaryAddAir, binaryAddTrace, OperationList } from './index.js';
import { callerInstance, compactTable, type Op } from './test-support.js';

const M64 = (1n << 64n) - 1n;

function rangeTable(tables: TableMultiplicities): AirInstance {
  const plan = rangeComponent.plan([], { rom: null as never, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  return compactTable(rangeComponent.buildInstance({ plan, globalId: 0 }).computeWitness({ rom: null as never, collectors: [], traces: [], tables }));
}

function build(ops: readonly Op[]): { add: AirInstance; tables: TableMultiplicities } {
  const tables = new TableMultiplicities();
  const trace = binaryAddTrace([OperationList.of(ops)], Math.max(2, Math.ceil(Math.log2(ops.length + 1))), tables);
  return { add: { air: binaryAddAir, trace, label: 'BinaryAdd' }, tables };
}

function assertProves(ops: readonly Op[]): void {
  const { add, tables } = build(ops);
  const c = checkConstraintsReference(add);
  if (!c.ok) assert.fail(describeFailure(c));
  const bal = checkBusBalanceReference([add, callerInstance(ops), rangeTable(tables)]);
  if (!bal.ok) assert.fail(describeImbalance(bal));
}

test('BinaryAdd proves 64-bit adds, carries across the halves and wrap-around included', () => {
  const edges = [0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, M64, 0xffffffff00000000n];
  const ops: Op[] = [];
  for (const a of edges) for (const b of edges) ops.push([OP_ADD, a, b]);
  assertProves(ops);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.bigInt({ min: 0n, max: M64 }), fc.bigInt({ min: 0n, max: M64 })), { minLength: 1, maxLength: 100 }), (pairs) => {
      assertProves(pairs.map(([a, b]): Op => [OP_ADD, a, b]));
    }),
    { numRuns: 10 },
  );
});

test('BinaryAdd: a changed cell, a result off by 2^32 and a dropped add are all caught', () => {
  const ops: Op[] = [[OP_ADD, 0xffffffffn, 1n], [OP_ADD, M64, 2n], [OP_ADD, 5n, 7n]];
  const col = binaryAddAir.cols;
  for (const j of [col.a[0]!, col.b[1]!, col.c[0]!, col.c[3]!, col.sel]) {
    const { add, tables } = build(ops);
    add.trace.set(1, j, add.trace.get(1, j) ^ 1n);
    const c = checkConstraintsReference(add);
    const bal = checkBusBalanceReference([add, callerInstance(ops), rangeTable(tables)]);
    assert.ok(!c.ok || !bal.ok, `changed ${binaryAddAir.columnName(j)} accepted`);
    if (!c.ok) assert.equal(c.air, 'BinaryAdd');
  }
  // 0xffffffff + 1 claimed as (0, 0) instead of (0, 1): the low carry is dropped, the constraint sees it.
  {
    const { add, tables } = build(ops);
    add.trace.set(0, col.c[2]!, 0n);
    const c = checkConstraintsReference(add);
    assert.equal(c.ok, false);
    if (!c.ok) assert.equal(c.constraint, 'high limb carries 0 or 1');
    void tables;
  }
  const { add, tables } = build(ops);
  const bal = checkBusBalanceReference([add, callerInstance([...ops, [OP_ADD, 1n, 1n]]), rangeTable(tables)]);
  assert.equal(bal.ok, false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, P, type AirInstance } from '../../air/index.js';
import { OPERATION_BUS } from '../../bus/index.js';
import { isM32, OP_DIV, OP_DIV_W, OP_DIVU_W, OP_MUL, OP_MUL_W, OP_MULH, OP_MULSUH, OP_REM, OP_REM_W, OP_REMU, OP_TYPE_ARITH, OPS, opByCode } from '../../zisk/index.js';
import { ARITH_CLASSES, ARITH_TABLE_BUS, arithAir, arithTableAir, F_M32 } from './index.js';
import {
  arithInstances, binaryStandIn, EDGE_VALUES, M64, mainStandIn, referenceChecks, type Operation,
} from './test-helpers.js';

const ARITH_OPS = OPS.filter((o) => o.opType === OP_TYPE_ARITH).map((o) => o.code);

function expectOk(instances: readonly AirInstance[]): void {
  for (const inst of instances) {
    const c = checkConstraintsReference(inst);
    assert.ok(c.ok, c.ok ? '' : describeFailure(c));
  }
  const b = checkBusBalanceReference(instances);
  assert.ok(b.ok, b.ok ? '' : describeImbalance(b));
}

/** Arith and its tables for `ops`, with Main and Binary stand-ins: everything an honest run has. */
function honest(ops: readonly Operation[], logRows: number): AirInstance[] {
  const { arith, tables } = arithInstances(ops, logRows);
  return [arith, ...tables, mainStandIn(ops), binaryStandIn(referenceChecks(ops))];
}

test('the op classes are exactly the op table\'s Arith ops, 32-bit where the op table says', () => {
  assert.deepEqual(ARITH_CLASSES.map(([op]) => op).sort(), [...ARITH_OPS].sort());
  assert.equal(ARITH_OPS.length, 14);
  for (const [op, flags] of ARITH_CLASSES) assert.equal((flags & F_M32) !== 0, isM32(opByCode(op)), opByCode(op).name);
});

test('the AIR: degree 3, 42 columns, 22 interactions in 12 LogUp columns', () => {
  assert.equal(arithAir.degree, 3);
  assert.equal(arithAir.width, 42);
  assert.equal(arithAir.interactions.length, 22);
  assert.equal(arithAir.logup.groups.length, 12);
  assert.equal(arithAir.width + arithAir.stage2Width, 81);
});

test('every op on every pair of edge operands matches the op table and balances the bus', () => {
  const ops: Operation[] = [];
  for (const op of ARITH_OPS) for (const a of EDGE_VALUES) for (const b of EDGE_VALUES) ops.push([op, a, b]);
  expectOk(honest(ops, 13));
});

const u64s = fc.oneof(
  fc.constantFrom(...EDGE_VALUES),
  fc.bigInt({ min: 0n, max: M64 }),
  fc.bigInt({ min: 0n, max: 0xffffffffn }),
  fc.bigInt({ min: -0x80000000n, max: 0x7fffffffn }).map((x) => BigInt.asUintN(64, x)),
  fc.bigInt({ min: -1000n, max: 1000n }).map((x) => BigInt.asUintN(64, x)),
  // 32-bit values with garbage above: the *w ops must ignore it.
  fc.tuple(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.constantFrom(0n, 0x80000000n, 0xffffffffn, 0xffffffff80000000n))
    .map(([hi, lo]) => (hi << 32n) | (lo & 0xffffffffn)),
);

test('random operations: constraints hold and the results are the op table\'s', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...ARITH_OPS), u64s, u64s), { minLength: 1, maxLength: 120 }), (ops) => {
      expectOk(honest(ops, 7));
    }),
    { numRuns: 12 },
  );
});

test('division by zero and overflow give RISC-V\'s results, with the flag only for division by zero', () => {
  const int64Min = 1n << 63n;
  const ops: Operation[] = [
    [OP_DIV, int64Min, M64], [OP_REM, int64Min, M64], [OP_DIV_W, 0x80000000n, 0xffffffffn], [OP_REM_W, 0xffffffff80000000n, M64],
    ...ARITH_OPS.filter((op) => opByCode(op).name.match(/^(div|rem)/)).map((op): Operation => [op, 0x1234_5678_8765_4321n, 0n]),
    [OP_DIVU_W, 5n, 0xffffffff00000000n], [OP_REMU, 9n, 0n],
  ];
  expectOk(honest(ops, 5));
  // And not the emulator's word only: spot values from the RISC-V manual's table.
  assert.deepEqual(opByCode(OP_DIV).ref(int64Min, M64), [int64Min, false]);
  assert.deepEqual(opByCode(OP_DIV_W).ref(0x80000000n, 0xffffffffn), [0xffffffff80000000n, false]);
  assert.deepEqual(opByCode(OP_REMU).ref(9n, 0n), [9n, true]);
});

test('the ArithTable: honest constraints, and a wrong multiplicity or class breaks the balance', () => {
  const ops: Operation[] = [[OP_MUL, 3n, 5n], [OP_MULH, M64, 2n], [OP_REM, 7n, 2n], [OP_MUL_W, 0xffffffffn, 2n]];
  const instances = honest(ops, 3);
  expectOk(instances);
  const table = instances[1]!;
  assert.equal(table.air, arithTableAir);
  // Each op has one row; its multiplicity is the number of rows that looked it up.
  ARITH_CLASSES.forEach(([op], r) => {
    assert.equal(table.fixed!.get(r, arithTableAir.fixedCols.op), BigInt(op));
    assert.equal(table.trace.get(r, 0), BigInt(ops.filter(([o]) => o === op).length));
  });
  table.trace.set(3, 0, table.trace.get(3, 0) + 1n);
  const bad = checkBusBalanceReference(instances);
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.bus, ARITH_TABLE_BUS);
});

/** Adds 1 to one cell; returns how the change was caught ('constraint', 'bus') or 'missed'. */
function caught(instances: AirInstance[], target: AirInstance, row: number, column: number): string {
  const old = target.trace.get(row, column);
  target.trace.set(row, column, (old + 1n) % P);
  try {
    if (!checkConstraintsReference(target).ok) return 'constraint';
    return checkBusBalanceReference(instances).ok ? 'missed' : 'bus';
  } finally {
    target.trace.set(row, column, old);
  }
}

test('one changed cell of an Arith row is caught, in every column, for multiplications and divisions', () => {
  const ops: Operation[] = [
    [OP_MULH, 0xfedcba9876543210n, 0x8000000000000001n], [OP_MULSUH, M64 - 4n, 0xffffffff00000000n], [OP_MUL_W, 0x80000001n, 0xfffffffen],
    [OP_DIV, 1n << 63n, M64], [OP_REM, M64 - 6n, 3n], [OP_DIVU_W, 7n, 0n], [OP_REM_W, 0x80000000n, 0x7fffffffn], [OP_REMU, 0xfffffffffn, 0x12345n],
  ];
  const instances = honest(ops, 3);
  expectOk(instances);
  const arith = instances[0]!;
  const missed: string[] = [];
  for (let row = 0; row < ops.length; row++) {
    for (let j = 0; j < arithAir.width; j++) {
      if (caught(instances, arith, row, j) === 'missed') missed.push(`${opByCode(ops[row]![0]).name} row ${row} column ${arithAir.columnName(j)}`);
    }
  }
  assert.deepEqual(missed, []);
  // A cell that only feeds a bus message is named by the bus it breaks.
  const opColumn = arithAir.cols.op;
  assert.equal(caught(instances, arith, 0, opColumn), 'bus');
});

test('dropping an operation breaks the operation bus', () => {
  const ops: Operation[] = [[OP_MUL, 3n, 5n], [OP_DIV, 100n, 7n], [OP_REM_W, 5n, M64]];
  for (let drop = 0; drop < ops.length; drop++) {
    const kept = ops.filter((_, i) => i !== drop);
    const { arith, tables } = arithInstances(kept, 2);
    const r = checkBusBalanceReference([arith, ...tables, mainStandIn(ops), binaryStandIn(referenceChecks(ops))]);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.bus, OPERATION_BUS);
  }
  // A row zeroed to padding satisfies the constraints but proves nothing.
  const instances = honest(ops, 2);
  const arith = instances[0]!;
  for (let j = 0; j < arithAir.width; j++) arith.trace.set(1, j, 0n);
  assert.ok(checkConstraintsReference(arith).ok, 'a zero row is valid padding');
  assert.equal(checkBusBalanceReference(instances).ok, false);
});

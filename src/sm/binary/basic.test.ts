import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, type AirInstance } from '../../air/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import {
  OP_ADD_W, OP_EQ_W, OP_GT, OP_GT_W, OP_LE, OP_LEU, OP_LEU_W, OP_LE_W, OP_LT, OP_LTU, OP_LT_ABS_NP, OP_LT_ABS_PN,
  OP_LT_W, OP_MAX, OP_MAX_W, OP_MIN_W, OP_SUB_W,
} from '../../zisk/index.js';
import { binaryAir, binaryTrace, binaryTableAir, binaryTableFixed, binaryTableTrace, OperationList } from './index.js';
import { BINARY_OPS, callerInstance, checkBytePairs, compactTable, opIsW, resultsOf, type Op } from './test-support.js';

const M64 = (1n << 64n) - 1n;

// Corners: signs, word boundaries, INT64_MIN/MAX, 2^31, 2^32 − 1, halves of different signs.
const EDGES = [
  0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, M64, M64 - 1n,
  0xffffffff00000000n, 0x00000000ffffffffn, 0x80000000ffffffffn, 0x7fffffff80000000n, 0x123456789abcdef0n,
];

function build(ops: readonly Op[], padding = 0): { binary: AirInstance; table: AirInstance } {
  const tables = new TableMultiplicities();
  const logRows = Math.max(2, Math.ceil(Math.log2(ops.length + padding)));
  const trace = binaryTrace([OperationList.of(ops)], logRows, tables);
  const table = { air: binaryTableAir, trace: binaryTableTrace(tables.get(binaryTableAir)), fixed: binaryTableFixed(), label: 'BinaryTable' };
  return { binary: { air: binaryAir, trace, label: 'Binary' }, table };
}

/** Binary's rows plus the table balance exactly the messages a caller assumes from the reference semantics. */
function assertProves(ops: readonly Op[]): void {
  const { binary, table } = build(ops);
  const check = checkConstraintsReference(binary);
  if (!check.ok) assert.fail(describeFailure(check));
  const balance = checkBusBalanceReference([binary, callerInstance(ops), compactTable(table)]);
  if (!balance.ok) assert.fail(describeImbalance(balance));
}

test('every Binary op on every pair of edge operands proves the reference result', () => {
  const ops: Op[] = [];
  for (const op of BINARY_OPS) for (const a of EDGES) for (const b of EDGES) ops.push([op, a, b]);
  assertProves(ops);
});

const operand = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.bigInt({ min: 0n, max: M64 }),
  fc.bigInt({ min: 0n, max: 0xffffffffn }),
  // The two 32-bit halves drawn separately, so their signs differ as often as not.
  fc.tuple(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.bigInt({ min: 0n, max: 0xffffffffn })).map(([h, l]) => (h << 32n) | l),
);

test('random operands (fast-check): every Binary op proves the reference result', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...BINARY_OPS), operand, operand), { minLength: 1, maxLength: 200 }), (ops) => {
      // Near-equal operands are where comparisons go wrong: add b = a ± small for each op.
      const near = ops.map(([op, a, b]): Op => [op, a, (a + (b & 3n) - 1n) & M64]);
      assertProves([...ops, ...near]);
    }),
    { numRuns: 15 },
  );
});

test('byte pairs around the sign and carry boundaries, at the top byte and at byte 0: the table rows give the reference result', () => {
  // The full 256 × 256 version is binary.slow.test.ts.
  const bytes = [0, 1, 2, 0x3f, 0x40, 0x7e, 0x7f, 0x80, 0x81, 0xbf, 0xc0, 0xfe, 0xff];
  for (let i = 0; i < 12; i++) bytes.push((i * 97 + 13) & 255);
  checkBytePairs(bytes);
});


test('audit cases: LE/LEU rows, 32-bit carries and signs, LT_ABS boundaries', () => {
  const MIN = 0x8000000000000000n;
  const cases: Op[] = [
    // ≤ at equality, one below and one above, at every byte position.
    ...[0n, 8n, 24n, 32n, 56n].flatMap((s): Op[] => [
      [OP_LEU, 5n << s, 5n << s], [OP_LEU, 4n << s, 5n << s], [OP_LEU, 6n << s, 5n << s],
      [OP_LE, 5n << s, 5n << s], [OP_LE, 4n << s, 5n << s], [OP_LE, 6n << s, 5n << s],
    ]),
    [OP_LE, MIN, MIN], [OP_LE, MIN, M64], [OP_LE, M64, MIN], [OP_LE, M64, 0n], [OP_LE, 0n, M64], [OP_LEU, M64, M64], [OP_LEU, 0n, 0n],
    // 32-bit forms: the high halves (even with other signs) must not matter; results sign-extend.
    [OP_LEU_W, 0xffffffff00000005n, 5n], [OP_LE_W, 0x80000000n, 0x7fffffffn], [OP_LE_W, 0x7fffffffn, 0x80000000n],
    [OP_LE_W, 0x0000000180000000n, 0xffffffff80000000n], [OP_LT_W, 0xffffffffn, 0n], [OP_GT_W, 0n, 0xffffffffn],
    [OP_EQ_W, 0x1234567800000000n, 0n], [OP_ADD_W, 0x7fffffffn, 1n], [OP_ADD_W, 0xffffffffn, 1n], [OP_ADD_W, 0xffffffffn, 0xffffffffn],
    [OP_SUB_W, 0n, 1n], [OP_SUB_W, 0x80000000n, 1n], [OP_MIN_W, 0x80000000n, 0x7fffffffn], [OP_MAX_W, 0xffffffff00000001n, 2n],
    // gt as Arith asks it (signed), at its boundaries.
    [OP_GT, MIN, M64], [OP_GT, M64, MIN], [OP_GT, 5n, 5n], [OP_GT, 0n, M64], [OP_LT, MIN, 0n], [OP_LTU, MIN, 0n], [OP_MAX, MIN, 0x7fffffffffffffffn],
    // |r| = |d| is not "less": −a = b for np, a = −b for pn (must give 0), and one off either way.
    [OP_LT_ABS_NP, (-7n) & M64, 7n], [OP_LT_ABS_NP, (-7n) & M64, 8n], [OP_LT_ABS_NP, (-7n) & M64, 6n],
    [OP_LT_ABS_PN, 7n, (-7n) & M64], [OP_LT_ABS_PN, 6n, (-7n) & M64], [OP_LT_ABS_PN, 8n, (-7n) & M64],
    [OP_LT_ABS_NP, MIN, MIN], [OP_LT_ABS_PN, MIN, MIN], [OP_LT_ABS_NP, (-0x100000000n) & M64, 0x100000000n],
    [OP_LT_ABS_PN, 0x100000000n, (-0x100000000n) & M64], [OP_LT_ABS_NP, M64, 1n], [OP_LT_ABS_PN, 1n, M64],
    [OP_LT_ABS_NP, 0n, 0n], [OP_LT_ABS_NP, 0n, 1n], [OP_LT_ABS_PN, 0n, 0n], [OP_LT_ABS_PN, 1n, 0n],
  ];
  assertProves(cases);
  const results = resultsOf(cases);
  // The boundary |r| = |d| explicitly: flag 0.
  cases.forEach(([op, a, b], r) => {
    if ((op === OP_LT_ABS_NP && ((-a) & M64) === b) || (op === OP_LT_ABS_PN && a === ((-b) & M64))) assert.equal(results[r]![1], 0n, `op 0x${op.toString(16)}(0x${a.toString(16)}, 0x${b.toString(16)})`);
  });
});

test('a wrong result cannot be proved: flipping the flag of le(a, a) or lt_abs_np(−d, d) breaks a check', () => {
  for (const [op, a, b] of [[OP_LE, 9n, 9n], [OP_LEU_W, 9n, 9n], [OP_LT_ABS_NP, (-9n) & M64, 9n]] as Op[]) {
    const { binary, table } = build([[op, a, b]]);
    const col = binaryAir.cols;
    const flag = binary.trace.get(0, col.carry[7]!);
    // The caller assumes the flipped result; the row claims it too (flag and c_0 = flag).
    binary.trace.set(0, col.carry[7]!, 1n - flag);
    for (let i = 4; i < 8 && opIsW(op); i++) binary.trace.set(0, col.carry[i]!, 1n - flag);
    const c = checkConstraintsReference(binary);
    const bal = checkBusBalanceReference([binary, callerInstance([[op, a, b]]), compactTable(table)]);
    assert.ok(!c.ok || !bal.ok, `op 0x${op.toString(16)}: flipped flag accepted`);
  }
});

test('Binary: one changed cell is caught, and a dropped operation breaks the balance', () => {
  const ops: Op[] = [[OP_LE, 3n, 0x1234n], [OP_MIN_W, 0x80000000n, 5n], [OP_SUB_W, 0n, 1n], [OP_LT_ABS_NP, (-5n) & M64, 9n]];
  const col = binaryAir.cols;
  const cells: [string, number, number][] = [
    ['c byte', 0, col.c[1]!], ['a byte', 0, col.a[0]!], ['carry', 0, col.carry[2]!], ['r', 1, col.r], ['s3', 2, col.s3],
    ['op', 0, col.op], ['cls', 0, col.cls], ['cin0', 0, col.cin0], ['32-bit c extension', 2, col.c[5]!], ['negation carry', 3, col.carry[0]!],
    ['padding a', 5, col.a[0]!],
  ];
  for (const [what, row, j] of cells) {
    const { binary, table } = build(ops, 4);
    binary.trace.set(row, j, (binary.trace.get(row, j) + 1n) % 256n);
    const c = checkConstraintsReference(binary);
    const bal = checkBusBalanceReference([binary, callerInstance(ops), compactTable(table)]);
    if (what === 'padding a') {
      // Padding rows send nothing: a changed padding cell changes no message and is harmless.
      assert.ok(c.ok && bal.ok);
      continue;
    }
    assert.ok(!c.ok || !bal.ok, `changed ${what} accepted`);
    if (!c.ok) assert.equal(c.air, 'Binary');
    else if (!bal.ok) assert.ok(bal.senders.some((s) => s.startsWith('Binary') || s.startsWith('OperationCaller')), describeImbalance(bal));
  }
  const { binary, table } = build(ops);
  const dropped = checkBusBalanceReference([binary, callerInstance([...ops, [OP_LE, 4n, 4n]]), compactTable(table)]);
  assert.equal(dropped.ok, false);
  // A table multiplicity changed: the table no longer matches the lookups.
  const t = table.trace;
  for (let r = 0; r < t.height; r++) {
    if (t.get(r, 0) !== 0n || r === t.height - 1) {
      t.set(r, 0, t.get(r, 0) + 1n);
      break;
    }
  }
  const bad = checkBusBalanceReference([binary, callerInstance(ops), compactTable(table)]);
  assert.equal(bad.ok, false);
});

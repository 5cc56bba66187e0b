import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, P, type AirInstance } from '../../air/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import {
  OPS, OP_SIGNEXTEND_B, OP_SIGNEXTEND_H, OP_SIGNEXTEND_W, OP_SLL, OP_SLL_W, OP_SRA, OP_SRA_W, OP_SRL, OP_SRL_W, OP_TYPE_BINARY_E,
} from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { binaryExtensionAir, binaryExtensionTrace, binaryTableAir, binaryTableFixed, binaryTableTrace, OperationList } from './index.js';
import { callerInstance, compactTable, type Op } from './test-support.js';

const M64 = (1n << 64n) - 1n;
const EXT_OPS = OPS.filter((o) => o.opType === OP_TYPE_BINARY_E).map((o) => o.code);
const VALUES = [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x8000000000000000n, M64, 0x123456789abcdef0n, 0xfedcba9876543210n, 0x00000000ffff8080n];
// Amounts: the bytes' boundaries, ≥ 32 (the `_w` forms use b mod 32), ≥ 64 (masked), and big b's.
const AMOUNTS = [0n, 1n, 7n, 8n, 9n, 31n, 32n, 33n, 40n, 63n, 64n, 65n, 95n, 127n, 0xffffffffn, 0x100000001n, 0xffffffffffffffc1n, M64];

function build(ops: readonly Op[], padding = 0): { ext: AirInstance; tables: TableMultiplicities } {
  const tables = new TableMultiplicities();
  const trace = binaryExtensionTrace([OperationList.of(ops)], Math.max(2, Math.ceil(Math.log2(ops.length + padding))), tables);
  return { ext: { air: binaryExtensionAir, trace, label: 'BinaryExtension' }, tables };
}

function tablesOf(tables: TableMultiplicities): AirInstance[] {
  const plan = rangeComponent.plan([], { rom: null as never, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  const range = rangeComponent.buildInstance({ plan, globalId: 0 }).computeWitness({ rom: null as never, collectors: [], traces: [], tables });
  const table = { air: binaryTableAir, trace: binaryTableTrace(tables.get(binaryTableAir)), fixed: binaryTableFixed(), label: 'BinaryTable' };
  return [compactTable(range), compactTable(table)];
}

function assertProves(ops: readonly Op[]): void {
  const { ext, tables } = build(ops);
  const c = checkConstraintsReference(ext);
  if (!c.ok) assert.fail(describeFailure(c));
  const bal = checkBusBalanceReference([ext, callerInstance(ops), ...tablesOf(tables)]);
  if (!bal.ok) assert.fail(describeImbalance(bal));
}

test('shifts by every kind of amount and sign extensions of every width prove the reference result', () => {
  const ops: Op[] = [];
  for (const op of [OP_SLL, OP_SRL, OP_SRA, OP_SLL_W, OP_SRL_W, OP_SRA_W]) for (const a of VALUES) for (const b of AMOUNTS) ops.push([op, a, b]);
  // Sign extensions take the value in b; a is carried along in the message.
  for (const op of [OP_SIGNEXTEND_B, OP_SIGNEXTEND_H, OP_SIGNEXTEND_W]) for (const b of VALUES) for (const a of [0n, 0xa0001000n, M64]) ops.push([op, a, b]);
  assert.deepEqual([...new Set(ops.map((o) => o[0]))].sort(), [...EXT_OPS].sort());
  assertProves(ops);
});

test('random operands (fast-check): every BinaryExtension op proves the reference result', () => {
  const operand = fc.oneof(fc.constantFrom(...VALUES, ...AMOUNTS), fc.bigInt({ min: 0n, max: M64 }), fc.bigInt({ min: 0n, max: 127n }));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...EXT_OPS), operand, operand), { minLength: 1, maxLength: 200 }), (ops) => assertProves(ops)),
    { numRuns: 10 },
  );
});

test('BinaryExtension: one changed cell is caught, and a dropped operation breaks the balance', () => {
  const ops: Op[] = [[OP_SRA, 0x8000000000000000n, 3n], [OP_SLL_W, 0x40000001n, 33n], [OP_SIGNEXTEND_H, 7n, 0x8001n], [OP_SRL, M64, 64n + 4n]];
  const col = binaryExtensionAir.cols;
  const cells: [string, number, number][] = [
    ['byte', 0, col.x[7]!], ['amount', 0, col.s], ['amount high part', 3, col.q0], ['contribution', 1, col.lo[0]!], ['sign word', 1, col.hi[3]!],
    ['other operand', 2, col.oLo], ['is-shift', 2, col.sh], ['m32', 1, col.m32], ['op', 3, col.op],
  ];
  for (const [what, row, j] of cells) {
    const { ext, tables } = build(ops, 2);
    ext.trace.set(row, j, ext.trace.get(row, j) === 0n ? 1n : ext.trace.get(row, j) - 1n);
    const c = checkConstraintsReference(ext);
    const bal = checkBusBalanceReference([ext, callerInstance(ops), ...tablesOf(tables)]);
    assert.ok(!c.ok || !bal.ok, `changed ${what} accepted`);
    if (!c.ok) assert.equal(c.air, 'BinaryExtension');
  }
  const { ext, tables } = build(ops);
  assert.equal(checkBusBalanceReference([ext, callerInstance([...ops, [OP_SRL, 1n, 1n]]), ...tablesOf(tables)]).ok, false);
});

test('a shift amount read with the wrong low bits cannot be proved (b = s + 64·q has one reading)', () => {
  // sll(1, 65) is 2: claim amount 1 + 64 = 65 → table rows with s = 65 do not exist; claim s = 1 with
  // q off by one → b changes; claim s = 0 (result 1) → q must be 65/64, not a 16-bit integer.
  const ops: Op[] = [[OP_SLL, 1n, 65n]];
  const col = binaryExtensionAir.cols;
  const { ext, tables } = build(ops);
  ext.trace.set(0, col.s, 0n);
  ext.trace.set(0, col.lo[0]!, 1n);
  // q0 = 65/64 in the field keeps b_lo = s + 64·q0, but is no 16-bit value: the range lookup fails.
  ext.trace.set(0, col.q0, (65n * inv64()) % P);
  assert.deepEqual(checkConstraintsReference(ext), { ok: true });
  const bal = checkBusBalanceReference([ext, callerInstance(ops), ...tablesOf(tables)]);
  assert.equal(bal.ok, false);
});

function inv64(): bigint {
  let r = 1n;
  let b = 64n;
  for (let e = P - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % P;
    b = (b * b) % P;
  }
  return r;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OPS, OP_BY_CODE, EFFECT_HALT, FLAG_ONE, FLAG_ZERO, OP_DIV, OP_DIVU, OP_REM, OP_REMU, OP_DIV_W, OP_REM_W, OP_DIVU_W, OP_REMU_W, OP_MULH, OP_MULSUH, OP_MULUH, OP_SLL_W, OP_SRA_W, OP_SRL_W, opByCode } from './index.js';

const MASK = (1n << 64n) - 1n;
const lo = (x: bigint) => Number(x & 0xffffffffn) | 0;
const hi = (x: bigint) => Number((x >> 32n) & 0xffffffffn) | 0;
const join = (l: number, h: number) => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);

// Operands that hit the corners of 64-bit arithmetic: signs, word boundaries, INT_MIN, -1.
const EDGES = [
  0n, 1n, 2n, 3n, 7n, 31n, 32n, 33n, 63n, 64n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn,
  0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x100000001n, 0x7fffffffffffffffn,
  0x8000000000000000n, 0x8000000000000001n, MASK, MASK - 1n, 0xffffffff00000000n, 0xffffffff80000000n,
  0x00000000ffff0000n, 0x123456789abcdef0n, 0xfedcba9876543210n,
];
const u64 = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.bigInt({ min: 0n, max: MASK }),
  fc.bigInt({ min: 0n, max: 0xffffffffn }),
  fc.bigInt({ min: 0n, max: 40n }),
);

function check(op: (typeof OPS)[number], a: bigint, b: bigint): void {
  const out = new Int32Array(3);
  op.exec(lo(a), hi(a), lo(b), hi(b), out);
  const [c, flag] = op.ref(a, b);
  assert.equal(join(out[0]!, out[1]!), c, `${op.name}(0x${a.toString(16)}, 0x${b.toString(16)}) c`);
  assert.equal(out[2], flag ? 1 : 0, `${op.name}(0x${a.toString(16)}, 0x${b.toString(16)}) flag`);
}

test('every op: fast semantics over halves equal the BigInt reference on edge operands', () => {
  for (const op of OPS) {
    if (op.effect === EFFECT_HALT) continue;
    for (const a of EDGES) for (const b of EDGES) check(op, a, b);
  }
});

test('every op: fast semantics equal the BigInt reference on random operands', () => {
  for (const op of OPS) {
    if (op.effect === EFFECT_HALT) continue;
    fc.assert(fc.property(u64, u64, (a, b) => check(op, a, b)), { numRuns: 2000 });
  }
});

test('the table is consistent: unique codes, declared flag behaviour holds', () => {
  assert.equal(new Set(OPS.map((o) => o.code)).size, OPS.length);
  assert.equal(new Set(OPS.map((o) => o.name)).size, OPS.length);
  for (const op of OPS) {
    assert.equal(OP_BY_CODE[op.code], op);
    for (const a of EDGES) for (const b of EDGES) {
      const [, flag] = op.ref(a, b);
      if (op.flag === FLAG_ZERO) assert.equal(flag, false, op.name);
      if (op.flag === FLAG_ONE) assert.equal(flag, true, op.name);
    }
  }
});

// Values the RISC-V specification itself fixes (M extension table "semantics for division by zero
// and division overflow", and the W-form rules), independent of either implementation above.
test('RISC-V corner cases of M and W ops', () => {
  const run = (code: number, a: bigint, b: bigint) => {
    const out = new Int32Array(3);
    opByCode(code).exec(lo(a), hi(a), lo(b), hi(b), out);
    return join(out[0]!, out[1]!);
  };
  const MIN64 = 0x8000000000000000n;
  assert.equal(run(OP_DIV, 5n, 0n), MASK);
  assert.equal(run(OP_DIVU, 5n, 0n), MASK);
  assert.equal(run(OP_REM, 5n, 0n), 5n);
  assert.equal(run(OP_REMU, 5n, 0n), 5n);
  assert.equal(run(OP_DIV, MIN64, MASK), MIN64);
  assert.equal(run(OP_REM, MIN64, MASK), 0n);
  assert.equal(run(OP_DIV, (-7n) & MASK, 2n), (-3n) & MASK); // rounds toward zero
  assert.equal(run(OP_REM, (-7n) & MASK, 2n), (-1n) & MASK); // sign of the dividend
  assert.equal(run(OP_DIVU_W, 5n, 0xffffffff00000000n), MASK); // only the low word of b counts
  assert.equal(run(OP_REMU_W, 0x80000000n, 0n), 0xffffffff80000000n);
  assert.equal(run(OP_DIV_W, 0x80000000n, 0xffffffffn), 0xffffffff80000000n);
  assert.equal(run(OP_REM_W, 0x80000000n, 0xffffffffn), 0n);
  assert.equal(run(OP_DIV_W, 0x12345678n, 0n), MASK);
  assert.equal(run(OP_SLL_W, 1n, 31n), 0xffffffff80000000n);
  assert.equal(run(OP_SLL_W, 1n, 32n), 1n); // shift amount is b[4:0]
  assert.equal(run(OP_SRL_W, 0xffffffff80000000n, 31n), 1n);
  assert.equal(run(OP_SRA_W, 0x80000000n, 4n), 0xfffffffff8000000n);
  assert.equal(run(OP_MULH, MASK, MASK), 0n); // (-1)·(-1) = 1
  assert.equal(run(OP_MULUH, MASK, MASK), MASK - 1n);
  assert.equal(run(OP_MULSUH, MASK, MASK), MASK); // (-1)·(2^64-1) = -(2^64-1)
  assert.equal(run(OP_MULH, MIN64, MIN64), 0x4000000000000000n);
});

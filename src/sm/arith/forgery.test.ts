import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBusBalanceReference, checkConstraintsReference } from '../../air/index.js';
import { OPERATION_BUS, RANGE_BUS } from '../../bus/index.js';
import { Matrix } from '../../matrix/index.js';
import {
  OP_DIV, OP_DIV_W, OP_DIVU, OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU, OP_MUL, OP_MUL_W, OP_MULH, OP_MULSUH, OP_MULU,
  OP_MULUH, OP_REM, OP_REM_W, OP_REMU_W, OP_TYPE_ARITH, OPS, opByCode,
} from '../../zisk/index.js';
import { arithAir, ArithValues } from './index.js';
import { environmentFor, writeClaim, type Claim } from './forge.js';
import { EDGE_VALUES, M64, s64, u64 } from './test-helpers.js';

const ARITH_OPS = OPS.filter((o) => o.opType === OP_TYPE_ARITH).map((o) => o.code);
const lo32 = (x: bigint) => x & 0xffffffffn;
const s32 = (x: bigint) => BigInt.asIntN(32, x);

/**
 * The AIR's four operands for an operation, from the RISC-V definitions in BigInt (independently
 * of compute.ts): multiplications a·b = c + 2^64·d, divisions c = a·b + d (truncated).
 */
function honestClaim(op: number, x: bigint, y: bigint): Claim {
  const name = opByCode(op).name;
  if (name.startsWith('mul')) {
    const [X, Y] =
      name === 'mul_w' ? [lo32(x), lo32(y)]
      : name === 'mulsuh' ? [s64(x), y]
      : name === 'mul' || name === 'mulh' ? [s64(x), s64(y)]
      : [x, y];
    const p = X * Y;
    return { op, a: u64(X), b: u64(Y), c: p & M64, d: u64(p >> 64n) };
  }
  const signed = !name.includes('u');
  const ext = (v: bigint) => (name.endsWith('_w') ? (signed ? s32(lo32(v)) : lo32(v)) : signed ? s64(v) : v);
  const X = ext(x);
  const Y = ext(y);
  if (Y === 0n) return { op, a: M64, b: 0n, c: u64(X), d: u64(X), dbz: 1n };
  if (!name.endsWith('_w') && signed && X === -(1n << 63n) && Y === -1n) return { op, a: 1n << 63n, b: M64, c: 1n << 63n, d: 0n, ovf: 1n };
  return { op, a: u64(X / Y), b: u64(Y), c: u64(X), d: u64(X % Y) };
}

type Verdict = { ok: true } | { ok: false; constraint: string } | { ok: false; bus: number; values: readonly bigint[] };

/** Writes the claims into an Arith trace and asks the AIR, with an environment that agrees with every claim. */
function verdict(...claims: Claim[]): Verdict {
  const trace = new Matrix(arithAir.width, Math.max(2, 2 ** Math.ceil(Math.log2(claims.length))));
  claims.forEach((c, r) => writeClaim(trace, r, c));
  const arith = { air: arithAir, trace, label: 'Arith (claims)' };
  const c = checkConstraintsReference(arith);
  if (!c.ok) return { ok: false, constraint: c.constraint };
  const b = checkBusBalanceReference([arith, ...environmentFor(arith)]);
  return b.ok ? { ok: true } : { ok: false, bus: b.bus, values: b.values };
}

/** A claim that breaks the identity shows as the identity or as carries that cannot be encoded. */
const IDENTITY = /identity|carry/;

function rejectedBy(v: Verdict, constraint: RegExp): void {
  assert.equal(v.ok, false, 'the forged claim was accepted');
  if (!v.ok) assert.ok('constraint' in v && constraint.test(v.constraint), JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}` : x)));
}

function rejectedOnBus(v: Verdict, bus: number, first?: bigint): void {
  assert.equal(v.ok, false, 'the forged claim was accepted');
  if (!v.ok) {
    assert.ok('bus' in v, 'constraint' in v ? `failed constraint ${v.constraint} instead of the bus` : '');
    if ('bus' in v) {
      assert.equal(v.bus, bus);
      if (first !== undefined) assert.equal(v.values[0], first);
    }
  }
}

test('honest claims are accepted: the forging environment itself is sound to test with', () => {
  const claims = ARITH_OPS.flatMap((op) => [[op, 7n, 2n], [op, M64 - 6n, 2n], [op, 7n, M64 - 1n], [op, M64 - 6n, M64 - 1n], [op, 5n, 0n], [op, 1n << 63n, M64]] as const)
    .map(([op, x, y]) => honestClaim(op, x, y));
  const v = verdict(...claims);
  assert.ok(v.ok, JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}` : x)));
});

test('the witness computes the same operands as the RISC-V definitions', () => {
  const v = new ArithValues();
  const values = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.bigInt({ min: 0n, max: M64 }));
  fc.assert(
    fc.property(fc.constantFrom(...ARITH_OPS), values, values, (op, x, y) => {
      v.compute(op, Number(lo32(x)), Number(x >> 32n), Number(lo32(y)), Number(y >> 32n));
      const h = honestClaim(op, x, y);
      const got = [v.aLo, v.aHi, v.bLo, v.bHi, v.cLo, v.cHi, v.dLo, v.dHi].map(BigInt);
      const want = [h.a, h.b, h.c, h.d].flatMap((z) => [lo32(z), z >> 32n]);
      assert.deepEqual(got, want);
      assert.equal(BigInt(v.dbz), h.dbz ?? 0n);
      assert.equal(BigInt(v.ovf), h.ovf ?? 0n);
    }),
    { numRuns: 3000 },
  );
});

test('a remainder not below the divisor is rejected by the remainder check, for every sign combination', () => {
  // divu 7 / 2 = 2 rem 3: the identity holds; ltu(3, 2) = 0, so no Binary row proves the check.
  rejectedOnBus(verdict({ op: OP_DIVU, a: 2n, b: 2n, c: 7n, d: 3n }), OPERATION_BUS, BigInt(OP_LTU));
  // |r| = |b| must fail too (the reported false positive of ZisK's lt_abs_np byte chain).
  rejectedOnBus(verdict({ op: OP_DIVU, a: 1n, b: 4n, c: 8n, d: 4n }), OPERATION_BUS, BigInt(OP_LTU));
  rejectedOnBus(verdict({ op: OP_REM, a: u64(-1n), b: 4n, c: u64(-8n), d: u64(-4n) }), OPERATION_BUS, BigInt(OP_LT_ABS_NP));
  rejectedOnBus(verdict({ op: OP_REM, a: u64(-1n), b: u64(-4n), c: 8n, d: 4n }), OPERATION_BUS, BigInt(OP_LT_ABS_PN));
  rejectedOnBus(verdict({ op: OP_REM, a: 1n, b: u64(-4n), c: u64(-8n), d: u64(-4n) }), OPERATION_BUS, BigInt(OP_GT));
  rejectedOnBus(verdict({ op: OP_REM_W, a: u64(-1n), b: 4n, c: u64(-8n), d: u64(-4n) }), OPERATION_BUS, BigInt(OP_LT_ABS_NP));
  rejectedOnBus(verdict({ op: OP_REMU_W, a: 1n, b: 4n, c: 8n, d: 4n }), OPERATION_BUS, BigInt(OP_LTU));
  // A remainder one below is accepted: strictly less, not less or equal.
  assert.ok(verdict(honestClaim(OP_REM, u64(-7n), 4n)).ok);
});

test('a remainder of the wrong sign is rejected even when the identity and |r| < |b| hold', () => {
  // rem(7, 2) as 4·2 + (−1), rem(−7, 2) as (−4)·2 + 1: floor division, not RISC-V's truncation.
  rejectedBy(verdict({ op: OP_REM, a: 4n, b: 2n, c: 7n, d: u64(-1n) }), /sign of the dividend/);
  rejectedBy(verdict({ op: OP_DIV, a: u64(-4n), b: 2n, c: u64(-7n), d: 1n }), /sign of the dividend/);
  rejectedBy(verdict({ op: OP_DIV_W, a: u64(-4n), b: 2n, c: u64(-7n), d: 1n }), /sign of the dividend/);
});

test('the sign forgeries known against ZisK\'s magnitude encoding fail the identity here', () => {
  // rem(−7, 3) = +1 (GHSA-qjgg-fcj3-p9x3): |−7| = 2·3 + 1, quotient −2.
  rejectedBy(verdict({ op: OP_REM, a: u64(-2n), b: 3n, c: u64(-7n), d: 1n }), /identity|carry|sign of the dividend/);
  // div(1, −1) = +1 (quotient sign), div(−7, 2) = 3 rem −1, div(7, −2) = 3 rem 1.
  rejectedBy(verdict({ op: OP_DIV, a: 1n, b: M64, c: 1n, d: 0n }), IDENTITY);
  rejectedBy(verdict({ op: OP_DIV, a: 3n, b: 2n, c: u64(-7n), d: u64(-1n) }), IDENTITY);
  rejectedBy(verdict({ op: OP_DIV, a: 3n, b: u64(-2n), c: 7n, d: 1n }), IDENTITY);
  // Products: mul(−1, 1) = 1 and mulh(−1, 1) = 0 (a positive sign for a negative product).
  rejectedBy(verdict({ op: OP_MUL, a: M64, b: 1n, c: 1n, d: 0n }), IDENTITY);
  rejectedBy(verdict({ op: OP_MULH, a: M64, b: 1n, c: 1n, d: 0n }), IDENTITY);
  rejectedBy(verdict({ op: OP_MULSUH, a: M64, b: 5n, c: 5n, d: 0n }), IDENTITY);
  // A sign bit that disagrees with the value's top bit: the identity sees it, and where it does not
  // (c's top bit in a signed multiplication) the range lookup of the top chunk does.
  rejectedBy(verdict({ ...honestClaim(OP_MULH, M64, 3n), nd: 0n }), IDENTITY);
  // (Both signs of div(−9, 2) cleared keeps the identity: the top-chunk lookups and the remainder
  // check, now an unsigned 2^64 − 1 < 2, both refuse it.)
  assert.equal(verdict({ ...honestClaim(OP_DIV, u64(-9n), 2n), nc: 0n, nd: 0n }).ok, false);
  const mul = honestClaim(OP_MUL, M64, 3n);
  rejectedOnBus(verdict({ ...mul, nc: 1n - (mul.c >> 63n) }), RANGE_BUS);
});

test('wrong quotients and products are rejected', () => {
  rejectedBy(verdict({ op: OP_DIVU, a: 4n, b: 2n, c: 7n, d: 1n }), IDENTITY);
  rejectedBy(verdict({ op: OP_MULU, a: 3n, b: 5n, c: 16n, d: 0n }), IDENTITY);
  rejectedBy(verdict({ op: OP_MULUH, a: M64, b: M64, c: 1n, d: 0n }), IDENTITY);
  // mul_w's result is the product's low word sign-extended: its high word is not free.
  const h = honestClaim(OP_MUL_W, 0x10000n, 0x8000n); // product 2^31
  rejectedBy(verdict({ ...h, c: h.c + (1n << 32n) }), IDENTITY);
});

test('division by zero and overflow cannot be claimed where they do not apply, nor skipped where they do', () => {
  // b = 0 without the flag: the check |r| < 0 has no proof.
  rejectedOnBus(verdict({ op: OP_DIVU, a: 7n, b: 0n, c: 5n, d: 5n }), OPERATION_BUS, BigInt(OP_LTU));
  rejectedBy(verdict({ op: OP_DIVU, a: 5n, b: 0n, c: 5n, d: 5n, dbz: 1n }), /quotient chunk/);
  rejectedBy(verdict({ op: OP_DIVU, a: 1n, b: 3n, c: 5n, d: 2n, dbz: 1n }), /b = 0/);
  rejectedBy(verdict({ op: OP_MUL, a: M64, b: 0n, c: 0n, d: 0n, dbz: 1n }), /only in divisions/);
  // Overflow claimed for an unsigned division: divu(2^63, 2^64 − 1) = 1 would balance with the 2^64.
  rejectedBy(verdict({ op: OP_DIVU, a: 1n, b: M64, c: 1n << 63n, d: (1n << 63n) + 1n, ovf: 1n }), /only when signed/);
  rejectedBy(verdict({ op: OP_DIV, a: u64(-1n), b: 2n, c: u64(-2n), d: 0n, ovf: 1n }), /overflow has divisor/);
  rejectedBy(verdict({ op: OP_DIV_W, a: 1n << 31n, b: M64, c: u64(-(1n << 31n)), d: 0n, ovf: 1n }), /overflow/);
  // INT64_MIN / −1 without the flag has no representable quotient.
  rejectedBy(verdict({ op: OP_DIV, a: 1n << 63n, b: M64, c: 1n << 63n, d: 0n }), IDENTITY);
});

test('32-bit operands must be the extension of their low word', () => {
  // div_w of −7: the dividend zero-extended would divide 2^32 − 7 instead.
  const zext = { op: OP_DIV_W, a: 0x7ffffffcn, b: 2n, c: 0xfffffff9n, d: 1n, nc: 0n };
  rejectedBy(verdict(zext), /dividend sign is bit 31/);
  // mul_w may not use the high word of a.
  rejectedBy(verdict({ op: OP_MUL_W, a: (1n << 32n) + 3n, b: 5n, c: (5n << 32n) + 15n, d: 0n }), /high limb of operand a/);
  rejectedBy(verdict({ op: OP_REM_W, a: 0n, b: (1n << 32n) + 9n, c: 5n, d: 5n }), /high limb of operand b/);
});

test('an unsigned operation cannot claim a sign', () => {
  const h = honestClaim(OP_DIVU, M64 - 6n, 3n);
  rejectedBy(verdict({ ...h, nc: 1n }), /nc only/);
  rejectedBy(verdict({ ...honestClaim(OP_MULU, M64, M64), na: 1n, nb: 1n }), /na only|nb only/);
});

test('every other (quotient, remainder) with an intact identity is rejected: q + k, r − k·b', () => {
  const divisions = ARITH_OPS.filter((op) => /^(div|rem)/.test(opByCode(op).name));
  const values = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.bigInt({ min: 0n, max: M64 }), fc.bigInt({ min: -50n, max: 50n }).map(u64));
  fc.assert(
    fc.property(fc.constantFrom(...divisions), values, values, fc.constantFrom(-2n, -1n, 1n, 2n), (op, x, y, k) => {
      const h = honestClaim(op, x, y);
      if (h.dbz || h.ovf) return;
      const signed = !opByCode(op).name.includes('u');
      const [A, B, D] = signed ? [s64(h.a), s64(h.b), s64(h.d)] : [h.a, h.b, h.d];
      assert.equal(verdict({ op, a: u64(A + k), b: h.b, c: h.c, d: u64(D - k * B) }).ok, false);
    }),
    { numRuns: 30 },
  );
});

/**
 * 64-bit division on 32-bit halves, for the op table's fast semantics (ops.ts; the products are
 * inline there, as code text, because a call per multiply cost more than the multiply).
 * Every function takes its operands as int32 halves (lo, hi) and leaves its result in `W`:
 * W[0], W[1] = first 64-bit result (lo, hi); W[2], W[3] = second one where there is one (the
 * remainder of a division). Results are int32 bit patterns.
 *
 * Why not BigInt: a BigInt division costs 50–170 ns and allocates; these cost a few ns.
 */

/** Shared result slots; callers read them right after the call. */
export const W = new Int32Array(4);

/**
 * Unsigned 64-bit division, b ≠ 0: quotient in W[0..1], remainder in W[2..3].
 * A divisor below 2^32 (the usual case) divides 16 bits at a time with exact double arithmetic:
 * each partial dividend is below 2^48 and its quotient below 2^16, so floor(x / b) is exact.
 * A larger divisor leaves a quotient below 2^32: 32 rounds of shift-and-subtract.
 */
export function divRemU(aLo: number, aHi: number, bLo: number, bHi: number): void {
  const a1 = aHi >>> 0;
  const a0 = aLo >>> 0;
  if (bHi === 0) {
    const b = bLo >>> 0;
    const qh = Math.floor(a1 / b);
    let r = a1 - qh * b;
    let x = r * 65536 + (a0 >>> 16);
    const q1 = Math.floor(x / b);
    r = x - q1 * b;
    x = r * 65536 + (a0 & 0xffff);
    const q0 = Math.floor(x / b);
    r = x - q0 * b;
    W[0] = q1 * 65536 + q0;
    W[1] = qh;
    W[2] = r;
    W[3] = 0;
    return;
  }
  // Divisor ≥ 2^32: the high half of a is already below it, so start the remainder there.
  const b1 = bHi >>> 0;
  const b0 = bLo >>> 0;
  let r1 = 0;
  let r0 = a1;
  let q = 0;
  for (let i = 31; i >= 0; i--) {
    const carry = r1 >>> 31;
    r1 = ((r1 << 1) | (r0 >>> 31)) >>> 0;
    r0 = ((r0 << 1) | ((a0 >>> i) & 1)) >>> 0;
    if (carry !== 0 || r1 > b1 || (r1 === b1 && r0 >= b0)) {
      const borrow = r0 < b0 ? 1 : 0;
      r0 = (r0 - b0) >>> 0;
      r1 = (r1 - b1 - borrow) >>> 0;
      q |= 1 << i;
    }
  }
  W[0] = q;
  W[1] = 0;
  W[2] = r0;
  W[3] = r1;
}

/**
 * Signed 64-bit division and remainder with RISC-V's rules: b = 0 gives quotient −1 and remainder a;
 * INT64_MIN / −1 overflows to quotient INT64_MIN, remainder 0. Quotient in W[0..1], remainder in W[2..3].
 */
export function divRemS(aLo: number, aHi: number, bLo: number, bHi: number): void {
  if (bLo === 0 && bHi === 0) {
    W[0] = -1;
    W[1] = -1;
    W[2] = aLo;
    W[3] = aHi;
    return;
  }
  if (aLo === 0 && aHi === -0x80000000 && bLo === -1 && bHi === -1) {
    W[0] = 0;
    W[1] = -0x80000000;
    W[2] = 0;
    W[3] = 0;
    return;
  }
  const aNeg = aHi < 0;
  const bNeg = bHi < 0;
  let xl = aLo;
  let xh = aHi;
  if (aNeg) {
    xl = -aLo | 0;
    xh = (~aHi + (xl === 0 ? 1 : 0)) | 0;
  }
  let yl = bLo;
  let yh = bHi;
  if (bNeg) {
    yl = -bLo | 0;
    yh = (~bHi + (yl === 0 ? 1 : 0)) | 0;
  }
  divRemU(xl, xh, yl, yh);
  if (aNeg !== bNeg) {
    const ql = W[0]!;
    W[0] = -ql | 0;
    W[1] = (~W[1]! + (ql === 0 ? 1 : 0)) | 0;
  }
  if (aNeg) {
    const rl = W[2]!;
    W[2] = -rl | 0;
    W[3] = (~W[3]! + (rl === 0 ? 1 : 0)) | 0;
  }
}

/**
 * The helpers as a plain object, for generated code. (A module namespace can compile to getter
 * calls — tsx/esbuild — which cost more than the arithmetic in a hot loop: measured 16% of bignum.)
 */
export const WIDE = { divRemU, divRemS, W };

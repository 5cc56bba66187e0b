/**
 * The cubic extension F_p[X]/(X^3 − X − 1) (ZisK's), written plainly with BigInt: the oracle for
 * the fast extension arithmetic, and the form used at API edges. Challenges (alpha, beta, gamma,
 * the out-of-domain point zeta, FRI folding challenges) and stage-2 LogUp columns live here.
 *
 * An element is the triple of its coefficients [c0, c1, c2] = c0 + c1·X + c2·X^2, each canonical.
 * Everywhere else in the code base the same element is three base elements in that order: three
 * consecutive u64 pairs for a single element (extension-fast.ts), three consecutive base columns
 * of a Matrix for a column of them (planar; batch kernels in batch.ts).
 */
import * as gl from './reference.js';

export type Ext3 = readonly [bigint, bigint, bigint];

export const ZERO: Ext3 = [0n, 0n, 0n];
export const ONE: Ext3 = [1n, 0n, 0n];
/** The generator X of the extension as an algebra over F_p. */
export const X: Ext3 = [0n, 1n, 0n];

export function fromBase(a: bigint): Ext3 {
  return [a, 0n, 0n];
}

export function isCanonical(a: Ext3): boolean {
  return gl.isCanonical(a[0]) && gl.isCanonical(a[1]) && gl.isCanonical(a[2]);
}

export function eq(a: Ext3, b: Ext3): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

export function isZero(a: Ext3): boolean {
  return a[0] === 0n && a[1] === 0n && a[2] === 0n;
}

export function add(a: Ext3, b: Ext3): Ext3 {
  return [gl.add(a[0], b[0]), gl.add(a[1], b[1]), gl.add(a[2], b[2])];
}

export function sub(a: Ext3, b: Ext3): Ext3 {
  return [gl.sub(a[0], b[0]), gl.sub(a[1], b[1]), gl.sub(a[2], b[2])];
}

export function neg(a: Ext3): Ext3 {
  return [gl.neg(a[0]), gl.neg(a[1]), gl.neg(a[2])];
}

/** a·s for a base-field scalar s. */
export function mulBase(a: Ext3, s: bigint): Ext3 {
  return [gl.mul(a[0], s), gl.mul(a[1], s), gl.mul(a[2], s)];
}

/** Schoolbook product of the polynomials, then reduction by X^3 = X + 1 from the top degree down. */
export function mul(a: Ext3, b: Ext3): Ext3 {
  const c = [0n, 0n, 0n, 0n, 0n];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) c[i + j] = c[i + j]! + a[i]! * b[j]!;
  for (let k = 4; k >= 3; k--) {
    // c_k·X^k = c_k·X^(k−3)·(X + 1)
    c[k - 2] = c[k - 2]! + c[k]!;
    c[k - 3] = c[k - 3]! + c[k]!;
    c[k] = 0n;
  }
  return [gl.mod(c[0]!), gl.mod(c[1]!), gl.mod(c[2]!)];
}

export function square(a: Ext3): Ext3 {
  return mul(a, a);
}

export function pow(a: Ext3, e: bigint): Ext3 {
  if (e < 0n) throw new RangeError(`pow: exponent must be non-negative, got ${e}`);
  let r: Ext3 = ONE;
  let base = a;
  while (e > 0n) {
    if (e & 1n) r = mul(r, base);
    base = mul(base, base);
    e >>= 1n;
  }
  return r;
}

/** The multiplicative group of F_{p^3} has order p^3 − 1. */
export const ORDER_MINUS_ONE = gl.P ** 3n - 1n;

/** a^−1 = a^(p^3 − 2); throws on 0. */
export function inv(a: Ext3): Ext3 {
  if (isZero(a)) throw new RangeError('inv: zero has no inverse');
  return pow(a, ORDER_MINUS_ONE - 1n);
}

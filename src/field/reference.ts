/**
 * Goldilocks arithmetic written plainly with BigInt: the oracle every fast path is tested against,
 * and the form used at API edges (parsing, printing, constants). Never used in hot loops.
 *
 * Elements are bigints in [0, P). Functions check nothing about their inputs beyond what their
 * names say; `isCanonical` is the boundary check.
 */

/** p = 2^64 − 2^32 + 1. */
export const P = 0xffff_ffff_0000_0001n;

/** 2^64 mod p = 2^32 − 1: the weight of a carry out of 64 bits. */
export const EPSILON = 0xffff_ffffn;

/** A generator of the multiplicative group F_p^* (as in plonky2 and Plonky3). */
export const GENERATOR = 7n;

/** p − 1 = 2^32 · (2^32 − 1): the largest power-of-two subgroup has order 2^32. */
export const TWO_ADICITY = 32;

/**
 * The primitive 2^32-th root of unity 7^((p−1)/2^32), the one plonky2 and Plonky3 publish.
 * Every smaller root is a power of it: ω_{2^k} = ω_{2^32}^(2^(32−k)), so ω_{2^k}^2 = ω_{2^(k−1)}.
 * Consequences worth knowing: ω_4 = 2^48, ω_64 = 2^39.
 */
export const TWO_ADIC_ROOT = 1753635133440165772n;

export function isCanonical(a: bigint): boolean {
  return a >= 0n && a < P;
}

/** Any integer (negative or ≥ p) to its canonical representative. */
export function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

export function add(a: bigint, b: bigint): bigint {
  const s = a + b;
  return s >= P ? s - P : s;
}

export function sub(a: bigint, b: bigint): bigint {
  return a >= b ? a - b : a - b + P;
}

export function neg(a: bigint): bigint {
  return a === 0n ? 0n : P - a;
}

export function mul(a: bigint, b: bigint): bigint {
  return (a * b) % P;
}

/** a^e for e ≥ 0 (square-and-multiply). */
export function pow(a: bigint, e: bigint): bigint {
  if (e < 0n) throw new RangeError(`pow: exponent must be non-negative, got ${e}`);
  let r = 1n;
  let base = a % P;
  while (e > 0n) {
    if (e & 1n) r = (r * base) % P;
    base = (base * base) % P;
    e >>= 1n;
  }
  return r;
}

/** a^−1 by Fermat (a^(p−2)); throws on 0, which has no inverse. */
export function inv(a: bigint): bigint {
  if (a % P === 0n) throw new RangeError('inv: zero has no inverse');
  return pow(a, P - 2n);
}

/** ω_{2^logN}: the primitive 2^logN-th root of unity that every NTT in this package uses. */
export function rootOfUnity(logN: number): bigint {
  if (!Number.isInteger(logN) || logN < 0 || logN > TWO_ADICITY) {
    throw new RangeError(`rootOfUnity: logN must be an integer in [0, ${TWO_ADICITY}], got ${logN}`);
  }
  let r = TWO_ADIC_ROOT;
  for (let i = logN; i < TWO_ADICITY; i++) r = (r * r) % P;
  return r;
}

// Goldilocks arithmetic for AssemblyScript kernels: p = 2^64 - 2^32 + 1.
//
// Shared by every kernel module (import it; do not copy it). Inputs and outputs are canonical
// (< p) unless a name says otherwise. Branch-free: data-dependent `if (x >= P)` branches cost
// 1.5–4× in measured NTT and multiply loops, so every conditional correction is a `select`.
//
// Reduction identities: 2^64 ≡ 2^32 - 1 = EPSILON and 2^96 ≡ -1 (mod p).

export const P: u64 = 0xffffffff00000001;
export const EPSILON: u64 = 0xffffffff;

/** a + b mod p. */
// @ts-ignore: decorator
@inline export function gAdd(a: u64, b: u64): u64 {
  // a + b < 2p < 2^65: on overflow the lost 2^64 is worth EPSILON.
  const s = a + b;
  const over = s < a;
  let r = s + select<u64>(EPSILON, 0, over);
  // r may still be in [p, 2^64): one conditional subtraction makes it canonical.
  return r - select<u64>(P, 0, r >= P);
}

/** a - b mod p. */
// @ts-ignore: decorator
@inline export function gSub(a: u64, b: u64): u64 {
  const d = a - b;
  // On borrow the wrapped value is 2^64 too large; 2^64 ≡ EPSILON, so subtract EPSILON.
  return d - select<u64>(EPSILON, 0, a < b);
}

/** -a mod p. */
// @ts-ignore: decorator
@inline export function gNeg(a: u64): u64 {
  return select<u64>(P - a, 0, a != 0);
}

/**
 * Reduces lo + 2^64·hi (any 128-bit value) to a canonical element.
 * hi = hiHi·2^32 + hiLo gives x ≡ lo - hiHi + hiLo·EPSILON.
 */
// @ts-ignore: decorator
@inline export function gReduce128(lo: u64, hi: u64): u64 {
  const hiHi = hi >> 32;
  const hiLo = hi & EPSILON;
  let t0 = lo - hiHi;
  t0 -= select<u64>(EPSILON, 0, lo < hiHi); // borrow: cannot underflow again
  const t1 = hiLo * EPSILON; // < 2^64
  const s = t0 + t1;
  let r = s + select<u64>(EPSILON, 0, s < t1);
  return r - select<u64>(P, 0, r >= P);
}

/** a · b mod p, through four 32×32→64 products (WebAssembly has no 64×64→128 multiply). */
// @ts-ignore: decorator
@inline export function gMul(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff;
  const a1 = a >> 32;
  const b0 = b & 0xffffffff;
  const b1 = b >> 32;
  const ll = a0 * b0;
  const lh = a0 * b1;
  const hl = a1 * b0;
  const hh = a1 * b1;
  const mid = lh + hl;
  const midCarry: u64 = select<u64>(1, 0, mid < lh);
  const lo = ll + (mid << 32);
  const loCarry: u64 = select<u64>(1, 0, lo < ll);
  const hi = hh + (mid >> 32) + (midCarry << 32) + loCarry;
  return gReduce128(lo, hi);
}

/** a^e mod p by square-and-multiply. */
export function gPow(a: u64, e: u64): u64 {
  let r: u64 = 1;
  let base = a;
  while (e != 0) {
    if (e & 1) r = gMul(r, base);
    base = gMul(base, base);
    e >>= 1;
  }
  return r;
}

/** a^-1 mod p (a ≠ 0), by Fermat: a^(p-2). */
export function gInv(a: u64): u64 {
  return gPow(a, P - 2);
}

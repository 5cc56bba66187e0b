// Goldilocks arithmetic on two lanes at once (WebAssembly SIMD, v128 = two u64 lanes).
//
// Inputs and outputs are canonical (< p) unless a name says otherwise. Same identities as
// goldilocks.ts: 2^64 ≡ 2^32 − 1 = EPSILON and 2^96 ≡ −1 (mod p).
//
// Why the constants are parameters: V8 rematerialises every v128.const at each use inside a loop
// (3–4 instructions each); loading them once into locals before the loop (see `simdSign` etc.,
// which read memory so that Binaryen cannot fold them back into constants) measured 1.3× faster
// on an elementwise multiply. Kernels therefore start with
//   const S = simdSign(), PV = simdP(), M = simdMask32();
// and pass S, PV, M down to the inline helpers below.
//
// Why multiply goes through i64x2.extmul_*_i32x4_u: WebAssembly has no 64×64→128 multiply and no
// lane-wise 32×32→64 multiply on u64 lanes; the extending multiplies are the only widening ones.
// One shuffle puts [x0.lo, x1.lo, x0.hi, x1.hi] in place so that the four partial products come
// from four extmuls. Measured: 280 M mul/s against 150 M/s for the scalar gMul on one core.

const CONSTS: usize = memory.data<u64>([
  0x8000000000000000, 0x8000000000000000, // sign bit: unsigned compares via signed ones
  0xffffffff00000001, 0xffffffff00000001, // p
  0x00000000ffffffff, 0x00000000ffffffff, // EPSILON = 2^32 − 1, also the low-32-bit mask
], 16);

// @ts-ignore: decorator
@inline export function simdSign(): v128 {
  return v128.load(CONSTS);
}
// @ts-ignore: decorator
@inline export function simdP(): v128 {
  return v128.load(CONSTS, 16);
}
// @ts-ignore: decorator
@inline export function simdMask32(): v128 {
  return v128.load(CONSTS, 32);
}

/** All-ones lanes where a < b as unsigned 64-bit integers. */
// @ts-ignore: decorator
@inline export function vLtU(a: v128, b: v128, S: v128): v128 {
  return i64x2.gt_s(v128.xor(b, S), v128.xor(a, S));
}

/** x + y mod p, computed as x − (p − y) with p added back on borrow: no overflow case to handle. */
// @ts-ignore: decorator
@inline export function vAdd(x: v128, y: v128, S: v128, PV: v128): v128 {
  const yc = i64x2.sub(PV, y);
  const d = i64x2.sub(x, yc);
  return i64x2.add(d, v128.and(vLtU(x, yc, S), PV));
}

/** x − y mod p. */
// @ts-ignore: decorator
@inline export function vSub(x: v128, y: v128, S: v128, PV: v128): v128 {
  const d = i64x2.sub(x, y);
  return i64x2.add(d, v128.and(vLtU(x, y, S), PV));
}

/** −x mod p. */
// @ts-ignore: decorator
@inline export function vNeg(x: v128, S: v128, PV: v128): v128 {
  return vSub(i64x2.splat(0), x, S, PV);
}

/**
 * Reduces the 128-bit lanes lo + 2^64·hi to canonical elements: lo − hi_hi + hi_lo·EPSILON (as
 * gReduce128). The running value is kept xor-ed with the sign bit ("shifted") so that each borrow
 * or carry is one signed compare, and a compare's all-ones mask shifted right by 32 is EPSILON:
 * 17 operations against 21 for unshifted compares.
 */
// @ts-ignore: decorator
@inline export function vReduce128(lo: v128, hi: v128, S: v128, PV: v128, M: v128): v128 {
  const loS = v128.xor(lo, S);
  // t0 = lo − hi_hi; on borrow (the shifted result grew) subtract EPSILON: cannot borrow twice.
  const t0w = i64x2.sub(loS, i64x2.shr_u(hi, 32));
  const t0 = i64x2.sub(t0w, i64x2.shr_u(i64x2.gt_s(t0w, loS), 32));
  // hi_lo·EPSILON = hi_lo·2^32 − hi_lo (< 2^64 − 2^33 + 2, so the carry below cannot repeat).
  const t1 = i64x2.sub(i64x2.shl(hi, 32), v128.and(hi, M));
  const sw = i64x2.add(t0, t1);
  const s = i64x2.add(sw, i64x2.shr_u(i64x2.gt_s(t0, sw), 32));
  // canonical: where s ≥ p add EPSILON (= subtract p mod 2^64). p shifted is p ^ S.
  const below = i64x2.gt_s(v128.xor(PV, S), s);
  return v128.xor(i64x2.add(s, v128.andnot(M, below)), S);
}

/**
 * The split form of a pair of elements [w0, w1]: u32 lanes [w0.lo, w1.lo, w0.hi, w1.hi].
 * Twiddle tables are stored split so that the NTT's inner loop skips this shuffle.
 */
// @ts-ignore: decorator
@inline export function vSplit(w: v128): v128 {
  return i32x4.shuffle(w, w, 0, 2, 1, 3);
}

/** x · w for w given in split form (see vSplit). */
// @ts-ignore: decorator
@inline export function vMulSplit(x: v128, wS: v128, S: v128, PV: v128, M: v128): v128 {
  const X = i32x4.shuffle(x, x, 0, 2, 1, 3);
  const wT = i32x4.shuffle(wS, wS, 2, 3, 0, 1); // [w0.hi, w1.hi, w0.lo, w1.lo]
  const ll = i64x2.extmul_low_i32x4_u(X, wS);
  const hh = i64x2.extmul_high_i32x4_u(X, wS);
  const lh = i64x2.extmul_low_i32x4_u(X, wT);
  const hl = i64x2.extmul_high_i32x4_u(X, wT);
  // 128-bit sum ll + (lh + hl)·2^32 + hh·2^64 without carries lost (each partial < 2^64).
  const t0 = i64x2.add(hl, i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(lh, v128.and(t0, M));
  const hi = i64x2.add(i64x2.add(hh, i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  const lo = v128.or(v128.and(ll, M), i64x2.shl(t1, 32));
  return vReduce128(lo, hi, S, PV, M);
}

/** x · y, both in natural lane order. */
// @ts-ignore: decorator
@inline export function vMul(x: v128, y: v128, S: v128, PV: v128, M: v128): v128 {
  return vMulSplit(x, vSplit(y), S, PV, M);
}

/** x · 2^k for 0 < k < 64: the 128-bit value (x << k, x >> (64 − k)) reduced, no multiply. */
// @ts-ignore: decorator
@inline export function vMulPow2(x: v128, k: i32, S: v128, PV: v128, M: v128): v128 {
  return vReduce128(i64x2.shl(x, k), i64x2.shr_u(x, 64 - k), S, PV, M);
}

/**
 * x · 2^48 (2^48 = ω_4, the primitive 4th root of unity every radix-4 butterfly multiplies by):
 * two shifts and a reduction instead of four multiplies.
 */
// @ts-ignore: decorator
@inline export function vMulPow48(x: v128, S: v128, PV: v128, M: v128): v128 {
  return vReduce128(i64x2.shl(x, 48), i64x2.shr_u(x, 16), S, PV, M);
}

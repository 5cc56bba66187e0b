// Goldilocks arithmetic on two lanes at once (i64x2), for the Poseidon2 kernels.
//
// Values are arbitrary u64 residues ("non-canonical", taken mod p); canonical() makes them < p.
// Comparisons are unsigned, emulated by flipping the sign bit (WebAssembly SIMD has only signed
// i64x2 comparisons). Products use i64x2.extmul_low_i32x4_u on 32-bit halves: in scalar
// WebAssembly a 64×64→128 product costs four i64.mul plus ~30 other instructions (measured 4.2 ns);
// on two lanes it measured 2.6 ns a lane. V8 lowers each extmul to two unpacks and a pmuludq, so
// vector-port throughput (not the multiplier) bounds this code on x86.

import { P } from './goldilocks';

const SIGN: u64 = 0x8000000000000000;

// @ts-ignore: decorator
@inline export function lo32(): v128 {
  return i64x2(0xffffffff, 0xffffffff);
}

// @ts-ignore: decorator
@inline export function sign(): v128 {
  return i64x2(SIGN, SIGN);
}

/** (lo + 2^64·hi) mod p as a residue: 2^96 ≡ −1 and 2^64 ≡ 2^32 − 1. */
// @ts-ignore: decorator
@inline export function reduce(lo: v128, hi: v128): v128 {
  const hiHi = i64x2.shr_u(hi, 32);
  const loS = v128.xor(lo, sign());
  let t = i64x2.sub(loS, hiHi);
  // Borrow (detected in the sign-flipped domain): the wrap added 2^64 ≡ 2^32 − 1, take it back.
  t = i64x2.sub(t, i64x2.shr_u(i64x2.gt_s(t, loS), 32));
  const hiLo = v128.and(hi, lo32());
  const r = i64x2.add(t, i64x2.sub(i64x2.shl(hiLo, 32), hiLo));
  // Carry: the wrap lost 2^64 ≡ 2^32 − 1, add it back (cannot carry again).
  return v128.xor(i64x2.add(r, i64x2.shr_u(i64x2.gt_s(t, r), 32)), sign());
}

/**
 * x·y mod p from the 32-bit halves of both operands (each lane's half in i32 lanes 0 and 1, the
 * shape extmul_low reads). The 128-bit product is formed carry-free: every partial sum fits 64 bits.
 */
// @ts-ignore: decorator
@inline export function mulHalves(xl: v128, xh: v128, yl: v128, yh: v128): v128 {
  const ll = i64x2.extmul_low_i32x4_u(xl, yl);
  const t0 = i64x2.add(i64x2.extmul_low_i32x4_u(xh, yl), i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(i64x2.extmul_low_i32x4_u(xl, yh), v128.and(t0, lo32()));
  const hh = i64x2.extmul_low_i32x4_u(xh, yh);
  const hi = i64x2.add(i64x2.add(hh, i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  return reduce(v128.or(v128.and(ll, lo32()), i64x2.shl(t1, 32)), hi);
}

// @ts-ignore: decorator
@inline export function lows(x: v128): v128 {
  return v128.shuffle<i32>(x, x, 0, 2, 0, 2);
}

// @ts-ignore: decorator
@inline export function highs(x: v128): v128 {
  return v128.shuffle<i32>(x, x, 1, 3, 1, 3);
}

// @ts-ignore: decorator
@inline export function mul(x: v128, y: v128): v128 {
  return mulHalves(lows(x), highs(x), lows(y), highs(y));
}

// @ts-ignore: decorator
@inline export function square(x: v128): v128 {
  const xl = lows(x);
  const xh = highs(x);
  const ll = i64x2.extmul_low_i32x4_u(xl, xl);
  const m = i64x2.extmul_low_i32x4_u(xl, xh);
  const t0 = i64x2.add(m, i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(m, v128.and(t0, lo32()));
  const hi = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(xh, xh), i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  return reduce(v128.or(v128.and(ll, lo32()), i64x2.shl(t1, 32)), hi);
}

/**
 * x·d + s for a constant d given as (dl, dh): its 32-bit halves splatted to all four i32 lanes
 * (splitConstants). s rides in the 128-bit product for free.
 */
// @ts-ignore: decorator
@inline export function mulConstAdd(x: v128, dl: v128, dh: v128, s: v128): v128 {
  const xl = lows(x), xh = highs(x);
  const ll = i64x2.extmul_low_i32x4_u(xl, dl);
  const t0 = i64x2.add(i64x2.extmul_low_i32x4_u(xh, dl), i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(i64x2.extmul_low_i32x4_u(xl, dh), v128.and(t0, lo32()));
  const hh = i64x2.extmul_low_i32x4_u(xh, dh);
  const hi = i64x2.add(i64x2.add(hh, i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  const lo = i64x2.add(v128.or(v128.and(ll, lo32()), i64x2.shl(t1, 32)), s);
  // Carry out of the low word: hi − (−1). The product is ≤ (2^64 − 1)^2, so hi cannot overflow.
  const carry = i64x2.gt_s(v128.xor(s, sign()), v128.xor(lo, sign()));
  return reduce(lo, i64x2.sub(hi, carry));
}

/** x + c for a residue x and a canonical c given pre-flipped (c ^ 2^63): one correction suffices. */
// @ts-ignore: decorator
@inline export function addConst(x: v128, cS: v128): v128 {
  const rS = i64x2.add(x, cS);
  return v128.xor(i64x2.add(rS, i64x2.shr_u(i64x2.gt_s(cS, rS), 32)), sign());
}

// @ts-ignore: decorator
@inline export function sbox(x: v128): v128 {
  const x2 = square(x);
  const x3 = mul(x, x2);
  return mul(x3, square(x2));
}

/**
 * lo + 2^32·hi for lo, hi < 2^41 (sums of halves) as a residue:
 * hi = hh·2^32 + hl gives (hl << 32) + lo + hh·(2^32 − 1).
 */
// @ts-ignore: decorator
@inline export function combine(lo: v128, hi: v128): v128 {
  const hh = i64x2.shr_u(hi, 32);
  const aS = v128.xor(i64x2.shl(hi, 32), sign());
  const rS = i64x2.add(aS, i64x2.add(lo, i64x2.sub(i64x2.shl(hh, 32), hh)));
  return v128.xor(i64x2.add(rS, i64x2.shr_u(i64x2.gt_s(aS, rS), 32)), sign());
}

// @ts-ignore: decorator
@inline export function canonical(x: v128): v128 {
  const ge = i64x2.gt_s(v128.xor(x, sign()), i64x2.splat((P - 1) ^ SIGN));
  return i64x2.sub(x, v128.and(ge, i64x2.splat(P)));
}


// ---------------------------------------------------------------------------------------------
// Constant tables in the shapes the helpers above take.

/** n canonical u64 at src → n v128 at dst, each splatted to both lanes and pre-flipped for addConst. */
export function splatFlipped(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i++) v128.store(dst + <usize>i * 16, i64x2.splat(load<u64>(src + <usize>i * 8) ^ SIGN));
}

/** n u64 at src → n pairs of v128 at dst (32 bytes each): low halves, then high halves, splatted. */
export function splitConstants(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i++) {
    const d = load<u64>(src + <usize>i * 8);
    v128.store(dst + <usize>i * 32, i32x4.splat(<i32>(d & 0xffffffff)));
    v128.store(dst + <usize>i * 32 + 16, i32x4.splat(<i32>(d >> 32)));
  }
}

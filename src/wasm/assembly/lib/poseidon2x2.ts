// The Poseidon2 permutation over Goldilocks (width 16, R_F = 8, R_P = 22, x^7) on two states at
// once: a "pair state" is 16 v128 values, element i of state A in lane 0 and of state B in lane 1.
//
// Why two lanes: in scalar WebAssembly a 64×64→128 product costs four i64.mul plus ~30 other
// instructions and the permutation is instruction-bound (measured 4.2 ns a product, 4.6 µs a
// permutation on the 2.1 GHz development machine). With i64x2 lanes and i64x2.extmul_low_i32x4_u
// the same product measured 2.6 ns a lane. (V8 lowers each extmul to two unpacks and a pmuludq;
// the shuffles, not the multiplier, are what bounds this code on x86.)
//
// Values inside the permutation are arbitrary u64 residues ("non-canonical", taken mod p); only
// the output is made canonical. Comparisons are unsigned, emulated by flipping the sign bit
// (WebAssembly SIMD has only signed i64x2 comparisons).

import { P } from './goldilocks';

const WIDTH: i32 = 16;
const HALF_FULL: i32 = 4;
const PARTIAL: i32 = 22;

// Raw constants as the TypeScript wrapper writes them (u64 each): 64 initial external, 22
// internal, 64 final external round constants, then the 16 entries of diag(M_I − J).
export const N_CONSTS: i32 = 2 * HALF_FULL * WIDTH + PARTIAL + WIDTH;
export const CONSTS: usize = memory.data(N_CONSTS * 8, 16);

// Expanded forms (expandConstants): round constants splatted to both lanes and pre-flipped by
// 2^63 for addConst; the diagonal split into 32-bit halves splatted to all four i32 lanes, the
// operand shape extmul_low wants.
const RCV: usize = memory.data((2 * HALF_FULL * WIDTH + PARTIAL) * 16, 16);
const RCV_INTERNAL: usize = RCV + <usize>(HALF_FULL * WIDTH * 16);
const RCV_FINAL: usize = RCV_INTERNAL + <usize>(PARTIAL * 16);
const DIAGV: usize = memory.data(WIDTH * 32, 16); // per element: low halves, then high halves

// Scratch frames for the external layer: the M4 outputs' low and high halves.
const FRAME_LO: usize = memory.data(WIDTH * 16, 16);
const FRAME_HI: usize = memory.data(WIDTH * 16, 16);

const SIGN: u64 = 0x8000000000000000;

/** Must run once after the wrapper has written CONSTS. */
export function expandConstants(): void {
  const nRc = 2 * HALF_FULL * WIDTH + PARTIAL;
  for (let i = 0; i < nRc; i++) {
    v128.store(RCV + <usize>i * 16, i64x2.splat(load<u64>(CONSTS + <usize>i * 8) ^ SIGN));
  }
  const diag = CONSTS + <usize>nRc * 8;
  for (let i = 0; i < WIDTH; i++) {
    const d = load<u64>(diag + <usize>i * 8);
    v128.store(DIAGV + <usize>i * 32, i32x4.splat(<i32>(d & 0xffffffff)));
    v128.store(DIAGV + <usize>i * 32 + 16, i32x4.splat(<i32>(d >> 32)));
  }
}

// ---------------------------------------------------------------------------------------------
// Lane-wise field arithmetic on residues.

// @ts-ignore: decorator
@inline function lo32(): v128 {
  return i64x2(0xffffffff, 0xffffffff);
}

// @ts-ignore: decorator
@inline function sign(): v128 {
  return i64x2(SIGN, SIGN);
}

/** (lo + 2^64·hi) mod p as a residue: 2^96 ≡ −1 and 2^64 ≡ 2^32 − 1. */
// @ts-ignore: decorator
@inline function reduce(lo: v128, hi: v128): v128 {
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
@inline function mulHalves(xl: v128, xh: v128, yl: v128, yh: v128): v128 {
  const ll = i64x2.extmul_low_i32x4_u(xl, yl);
  const t0 = i64x2.add(i64x2.extmul_low_i32x4_u(xh, yl), i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(i64x2.extmul_low_i32x4_u(xl, yh), v128.and(t0, lo32()));
  const hh = i64x2.extmul_low_i32x4_u(xh, yh);
  const hi = i64x2.add(i64x2.add(hh, i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  return reduce(v128.or(v128.and(ll, lo32()), i64x2.shl(t1, 32)), hi);
}

// @ts-ignore: decorator
@inline function lows(x: v128): v128 {
  return v128.shuffle<i32>(x, x, 0, 2, 0, 2);
}

// @ts-ignore: decorator
@inline function highs(x: v128): v128 {
  return v128.shuffle<i32>(x, x, 1, 3, 1, 3);
}

// @ts-ignore: decorator
@inline function mul(x: v128, y: v128): v128 {
  return mulHalves(lows(x), highs(x), lows(y), highs(y));
}

// @ts-ignore: decorator
@inline function square(x: v128): v128 {
  const xl = lows(x);
  const xh = highs(x);
  const ll = i64x2.extmul_low_i32x4_u(xl, xl);
  const m = i64x2.extmul_low_i32x4_u(xl, xh);
  const t0 = i64x2.add(m, i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(m, v128.and(t0, lo32()));
  const hi = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(xh, xh), i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  return reduce(v128.or(v128.and(ll, lo32()), i64x2.shl(t1, 32)), hi);
}

/** x·d_i + s for diagonal entry i; s rides in the 128-bit product. */
// @ts-ignore: decorator
@inline function mulDiagAdd(x: v128, i: usize, s: v128): v128 {
  const d = DIAGV + i * 32;
  const xl = lows(x), xh = highs(x), yl = v128.load(d), yh = v128.load(d, 16);
  const ll = i64x2.extmul_low_i32x4_u(xl, yl);
  const t0 = i64x2.add(i64x2.extmul_low_i32x4_u(xh, yl), i64x2.shr_u(ll, 32));
  const t1 = i64x2.add(i64x2.extmul_low_i32x4_u(xl, yh), v128.and(t0, lo32()));
  const hh = i64x2.extmul_low_i32x4_u(xh, yh);
  const hi = i64x2.add(i64x2.add(hh, i64x2.shr_u(t0, 32)), i64x2.shr_u(t1, 32));
  const lo = i64x2.add(v128.or(v128.and(ll, lo32()), i64x2.shl(t1, 32)), s);
  // Carry out of the low word: hi − (−1). The product is ≤ (2^64 − 1)^2, so hi cannot overflow.
  const carry = i64x2.gt_s(v128.xor(s, sign()), v128.xor(lo, sign()));
  return reduce(lo, i64x2.sub(hi, carry));
}

/** x + c for a residue x and a canonical c given pre-flipped (c ^ 2^63): one correction suffices. */
// @ts-ignore: decorator
@inline function addConst(x: v128, cS: v128): v128 {
  const rS = i64x2.add(x, cS);
  return v128.xor(i64x2.add(rS, i64x2.shr_u(i64x2.gt_s(cS, rS), 32)), sign());
}

// @ts-ignore: decorator
@inline function sbox(x: v128): v128 {
  const x2 = square(x);
  const x3 = mul(x, x2);
  return mul(x3, square(x2));
}

/**
 * lo + 2^32·hi for lo, hi < 2^41 (sums of halves) as a residue:
 * hi = hh·2^32 + hl gives (hl << 32) + lo + hh·(2^32 − 1).
 */
// @ts-ignore: decorator
@inline function combine(lo: v128, hi: v128): v128 {
  const hh = i64x2.shr_u(hi, 32);
  const aS = v128.xor(i64x2.shl(hi, 32), sign());
  const rS = i64x2.add(aS, i64x2.add(lo, i64x2.sub(i64x2.shl(hh, 32), hh)));
  return v128.xor(i64x2.add(rS, i64x2.shr_u(i64x2.gt_s(aS, rS), 32)), sign());
}

// @ts-ignore: decorator
@inline function canonical(x: v128): v128 {
  const ge = i64x2.gt_s(v128.xor(x, sign()), i64x2.splat((P - 1) ^ SIGN));
  return i64x2.sub(x, v128.and(ge, i64x2.splat(P)));
}

// ---------------------------------------------------------------------------------------------
// The layers, on a pair state at `st`.

/** M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] (the paper's addition chain), stored at f. */
// @ts-ignore: decorator
@inline function m4(a0: v128, a1: v128, a2: v128, a3: v128, f: usize): void {
  const t0 = i64x2.add(a0, a1), t1 = i64x2.add(a2, a3);
  const t2 = i64x2.add(i64x2.add(a1, a1), t1), t3 = i64x2.add(i64x2.add(a3, a3), t0);
  const t4 = i64x2.add(i64x2.shl(t1, 2), t3), t5 = i64x2.add(i64x2.shl(t0, 2), t2);
  v128.store(f, i64x2.add(t3, t5));
  v128.store(f, t5, 16);
  v128.store(f, i64x2.add(t2, t4), 32);
  v128.store(f, t4, 48);
}

// @ts-ignore: decorator
@inline function columnSum(f: usize, j: usize): v128 {
  return i64x2.add(i64x2.add(v128.load(f + j), v128.load(f + j, 64)), i64x2.add(v128.load(f + j, 128), v128.load(f + j, 192)));
}

/**
 * x ← M_E·x, M_E = circ(2·M4, M4, M4, M4). Its rows have coefficient sums ≤ 80, so the layer runs
 * on the 32-bit halves separately in plain additions (each sum < 80·2^32) and recombines once per
 * output, instead of ~60 modular additions with carry fixes.
 */
function externalLayer(st: usize): void {
  for (let b: usize = 0; b < 256; b += 64) {
    const x0 = v128.load(st + b), x1 = v128.load(st + b, 16), x2 = v128.load(st + b, 32), x3 = v128.load(st + b, 48);
    m4(v128.and(x0, lo32()), v128.and(x1, lo32()), v128.and(x2, lo32()), v128.and(x3, lo32()), FRAME_LO + b);
    m4(i64x2.shr_u(x0, 32), i64x2.shr_u(x1, 32), i64x2.shr_u(x2, 32), i64x2.shr_u(x3, 32), FRAME_HI + b);
  }
  // The circulant adds, to every element, the sum of its column position over the four blocks.
  const c0l = columnSum(FRAME_LO, 0), c1l = columnSum(FRAME_LO, 16), c2l = columnSum(FRAME_LO, 32), c3l = columnSum(FRAME_LO, 48);
  const c0h = columnSum(FRAME_HI, 0), c1h = columnSum(FRAME_HI, 16), c2h = columnSum(FRAME_HI, 32), c3h = columnSum(FRAME_HI, 48);
  for (let b: usize = 0; b < 256; b += 64) {
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b), c0l), i64x2.add(v128.load(FRAME_HI + b), c0h)));
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b, 16), c1l), i64x2.add(v128.load(FRAME_HI + b, 16), c1h)), 16);
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b, 32), c2l), i64x2.add(v128.load(FRAME_HI + b, 32), c2h)), 32);
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b, 48), c3l), i64x2.add(v128.load(FRAME_HI + b, 48), c3h)), 48);
  }
}

function fullRound(st: usize, rc: usize): void {
  // Four S-boxes interleaved: one S-box is a chain of three dependent products, and interleaving
  // gives the out-of-order core independent work (measured: see bench/hash.ts history).
  for (let o: usize = 0; o < 256; o += 64) {
    const a = addConst(v128.load(st + o), v128.load(rc + o));
    const b = addConst(v128.load(st + o, 16), v128.load(rc + o, 16));
    const c = addConst(v128.load(st + o, 32), v128.load(rc + o, 32));
    const d = addConst(v128.load(st + o, 48), v128.load(rc + o, 48));
    const a2 = square(a), b2 = square(b), c2 = square(c), d2 = square(d);
    const a3 = mul(a, a2), b3 = mul(b, b2), c3 = mul(c, c2), d3 = mul(d, d2);
    const a4 = square(a2), b4 = square(b2), c4 = square(c2), d4 = square(d2);
    v128.store(st + o, mul(a3, a4));
    v128.store(st + o, mul(b3, b4), 16);
    v128.store(st + o, mul(c3, c4), 32);
    v128.store(st + o, mul(d3, d4), 48);
  }
  externalLayer(st);
}

/** x_0 ← (x_0 + c)^7, then x ← M_I·x = Σx + diag·x, for the 22 partial rounds. */
function partialRounds(st: usize): void {
  for (let r: usize = 0; r < <usize>PARTIAL; r++) {
    // Σ_{i≥1} x_i in halves does not depend on the S-box of x_0, so the two overlap.
    let sl = i64x2.splat(0), sh = sl;
    for (let o: usize = 16; o < 256; o += 16) {
      const x = v128.load(st + o);
      sl = i64x2.add(sl, v128.and(x, lo32()));
      sh = i64x2.add(sh, i64x2.shr_u(x, 32));
    }
    const x0 = sbox(addConst(v128.load(st), v128.load(RCV_INTERNAL + r * 16)));
    const sum = combine(i64x2.add(sl, v128.and(x0, lo32())), i64x2.add(sh, i64x2.shr_u(x0, 32)));
    v128.store(st, mulDiagAdd(x0, 0, sum));
    for (let i: usize = 1; i < 16; i++) {
      v128.store(st + i * 16, mulDiagAdd(v128.load(st + i * 16), i, sum));
    }
  }
}

/** Permutes the pair state at `st` (256 bytes, canonical lanes) in place. */
export function permutePair(st: usize): void {
  externalLayer(st);
  for (let r: usize = 0; r < <usize>HALF_FULL; r++) fullRound(st, RCV + r * 256);
  partialRounds(st);
  for (let r: usize = 0; r < <usize>HALF_FULL; r++) fullRound(st, RCV_FINAL + r * 256);
  for (let o: usize = 0; o < 256; o += 16) v128.store(st + o, canonical(v128.load(st + o)));
}

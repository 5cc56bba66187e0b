// Radix-8 NTT stages (three radix-2 layers fused), two lanes at a time over j.
//
// Why radix 8: the roots of unity of order ≤ 64 are powers of two up to sign (2^96 ≡ −1), so the
// eighth roots inside a radix-8 butterfly cost shifts and a reduction instead of a multiply:
// ω_4 = 2^48, ω_8 = −2^24, ω_8^3 = −2^72 (and inverses ω_8^−1 = 2^72, ω_4^−1 = −2^48,
// ω_8^−3 = 2^24). A radix-8 butterfly multiplies 7 of its 8 points by a table twiddle where three
// radix-2 layers multiply 12: ~16% fewer instructions than radix 4 per point.
//
// Structure (q = stage size / 8, lanes j and j + 1, x_k = a[s + k·q + j], W = ω_{8q}):
// - DIF: an 8-point DIF on (x_k) with the internal roots above, output position k then times
//   W^(j·rev3(k)), rev3 = bit reversal over 3 bits.
// - DIT: input position k times W^(j·rev3(k)) first, then an 8-point DIT.
// Table: per stage, per pair of lanes, 7 split vectors W^(j·rev3(k)) for k = 1 … 7 (112 bytes).
//
// Known cost: V8 schedules all 15 loads of an iteration (8 points, 7 twiddles) at its top, so the
// stage functions spill ~50 (DIF) and ~170 (DIT) vectors per iteration to the stack. Reordering the
// statements did not change V8's schedule; parking half-finished values in the output slots (a
// store before the other half's loads pins the order) cut the spills to ~35 but ran 5–8% slower
// (same run, one core): the spills are cheap next to store-to-load forwarding on the chain.
import { gMul } from '../lib/goldilocks';
import { rootOfUnity } from './roots';
import { simdSign, simdP, simdMask32, vAdd, vSub, vMulSplit, vMulPow2, vSplit, vMul } from '../lib/goldilocks-simd';

// @ts-ignore: decorator
@inline export function stage8Offset(q: usize): usize {
  return (q - 2) * 56;
}

/** Bytes of the radix-8 tables for stages up to q = 2^logN / 8 (zero below 16 points). */
export function radix8TableBytes(logN: u32): usize {
  if (logN < 4) return 0;
  return ((((<usize>1) << logN) >> 2) - 2) * 56;
}

/** Fills the radix-8 table of stage q = 2^logQ (q ≥ 2) from ω = ω_{8q}. */
export function buildRadix8Stage(tw: usize, logQ: u32, inverse: bool): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const q: usize = (<usize>1) << logQ;
  const w = rootOfUnity(logQ + 3, inverse);
  let x = i64x2(1, w);
  const w2 = i64x2.splat(gMul(w, w));
  const start = tw + stage8Offset(q);
  const end = start + q * 56;
  for (let p = start; p < end; p += 112) {
    const x2 = vMul(x, x, S, PV, M);
    const x3 = vMul(x2, x, S, PV, M);
    const x4 = vMul(x2, x2, S, PV, M);
    const x5 = vMul(x4, x, S, PV, M);
    const x6 = vMul(x3, x3, S, PV, M);
    const x7 = vMul(x6, x, S, PV, M);
    // k = 1 … 7 ↦ exponent rev3(k) = 4, 2, 6, 1, 5, 3, 7
    v128.store(p, vSplit(x4));
    v128.store(p, vSplit(x2), 16);
    v128.store(p, vSplit(x6), 32);
    v128.store(p, vSplit(x), 48);
    v128.store(p, vSplit(x5), 64);
    v128.store(p, vSplit(x3), 80);
    v128.store(p, vSplit(x7), 96);
    x = vMul(x, w2, S, PV, M);
  }
}

// The 8-point DIF on the lanes of x0 … x7, then the table twiddles; stores to p + k·qb.
// @ts-ignore: decorator
@inline function dif8(
  p: usize, qb: usize, tp: usize, inverse: bool, S: v128, PV: v128, M: v128,
): void {
  const x0 = v128.load(p), x1 = v128.load(p + qb), x2 = v128.load(p + 2 * qb), x3 = v128.load(p + 3 * qb);
  const x4 = v128.load(p + 4 * qb), x5 = v128.load(p + 5 * qb), x6 = v128.load(p + 6 * qb), x7 = v128.load(p + 7 * qb);
  // Layer of half-size 4: (x_k, x_{k+4}), the difference times ω_8^k.
  const a0 = vAdd(x0, x4, S, PV), b0 = vSub(x0, x4, S, PV);
  const a1 = vAdd(x1, x5, S, PV);
  const a2 = vAdd(x2, x6, S, PV);
  const a3 = vAdd(x3, x7, S, PV);
  let b1: v128, b2: v128, b3: v128;
  if (!inverse) {
    b1 = vMulPow2(vSub(x5, x1, S, PV), 24, S, PV, M); // ·(−2^24)
    b2 = vMulPow2(vSub(x2, x6, S, PV), 48, S, PV, M); // ·2^48
    b3 = vMulPow2(vMulPow2(vSub(x7, x3, S, PV), 24, S, PV, M), 48, S, PV, M); // ·(−2^72)
  } else {
    b1 = vMulPow2(vMulPow2(vSub(x1, x5, S, PV), 24, S, PV, M), 48, S, PV, M); // ·2^72
    b2 = vMulPow2(vSub(x6, x2, S, PV), 48, S, PV, M); // ·(−2^48)
    b3 = vMulPow2(vSub(x3, x7, S, PV), 24, S, PV, M); // ·2^24
  }
  // Layers of half-size 2 and 1 on each half.
  const c0 = vAdd(a0, a2, S, PV), c2 = vSub(a0, a2, S, PV);
  const c1 = vAdd(a1, a3, S, PV);
  const c3 = vMulPow2(inverse ? vSub(a3, a1, S, PV) : vSub(a1, a3, S, PV), 48, S, PV, M);
  const d0 = vAdd(b0, b2, S, PV), d2 = vSub(b0, b2, S, PV);
  const d1 = vAdd(b1, b3, S, PV);
  const d3 = vMulPow2(inverse ? vSub(b3, b1, S, PV) : vSub(b1, b3, S, PV), 48, S, PV, M);
  v128.store(p, vAdd(c0, c1, S, PV));
  v128.store(p + qb, vMulSplit(vSub(c0, c1, S, PV), v128.load(tp), S, PV, M));
  v128.store(p + 2 * qb, vMulSplit(vAdd(c2, c3, S, PV), v128.load(tp, 16), S, PV, M));
  v128.store(p + 3 * qb, vMulSplit(vSub(c2, c3, S, PV), v128.load(tp, 32), S, PV, M));
  v128.store(p + 4 * qb, vMulSplit(vAdd(d0, d1, S, PV), v128.load(tp, 48), S, PV, M));
  v128.store(p + 5 * qb, vMulSplit(vSub(d0, d1, S, PV), v128.load(tp, 64), S, PV, M));
  v128.store(p + 6 * qb, vMulSplit(vAdd(d2, d3, S, PV), v128.load(tp, 80), S, PV, M));
  v128.store(p + 7 * qb, vMulSplit(vSub(d2, d3, S, PV), v128.load(tp, 96), S, PV, M));
}

// The table twiddles on the inputs, then the 8-point DIT; stores to p + k·qb.
// @ts-ignore: decorator
@inline function dit8(
  p: usize, qb: usize, tp: usize, inverse: bool, S: v128, PV: v128, M: v128,
): void {
  const y0 = v128.load(p);
  const y1 = vMulSplit(v128.load(p + qb), v128.load(tp), S, PV, M);
  const y2 = vMulSplit(v128.load(p + 2 * qb), v128.load(tp, 16), S, PV, M);
  const y3 = vMulSplit(v128.load(p + 3 * qb), v128.load(tp, 32), S, PV, M);
  const y4 = vMulSplit(v128.load(p + 4 * qb), v128.load(tp, 48), S, PV, M);
  const y5 = vMulSplit(v128.load(p + 5 * qb), v128.load(tp, 64), S, PV, M);
  const y6 = vMulSplit(v128.load(p + 6 * qb), v128.load(tp, 80), S, PV, M);
  const y7 = vMulSplit(v128.load(p + 7 * qb), v128.load(tp, 96), S, PV, M);
  // Layer of half-size 1.
  const e0 = vAdd(y0, y1, S, PV), e1 = vSub(y0, y1, S, PV);
  const e2 = vAdd(y2, y3, S, PV);
  const e4 = vAdd(y4, y5, S, PV), e5 = vSub(y4, y5, S, PV);
  const e6 = vAdd(y6, y7, S, PV);
  // Layer of half-size 2: the second of each odd pair times ω_4 (= 2^48, inverse −2^48).
  const t3 = vMulPow2(inverse ? vSub(y3, y2, S, PV) : vSub(y2, y3, S, PV), 48, S, PV, M);
  const t7 = vMulPow2(inverse ? vSub(y7, y6, S, PV) : vSub(y6, y7, S, PV), 48, S, PV, M);
  const f0 = vAdd(e0, e2, S, PV), f2 = vSub(e0, e2, S, PV);
  const f1 = vAdd(e1, t3, S, PV), f3 = vSub(e1, t3, S, PV);
  const f4 = vAdd(e4, e6, S, PV), f6 = vSub(e4, e6, S, PV);
  const f5 = vAdd(e5, t7, S, PV), f7 = vSub(e5, t7, S, PV);
  // Layer of half-size 4: z_k = f_k + ω_8^k·f_{k+4}, z_{k+4} = f_k − ω_8^k·f_{k+4}.
  v128.store(p, vAdd(f0, f4, S, PV));
  v128.store(p + 4 * qb, vSub(f0, f4, S, PV));
  const g6 = vMulPow2(f6, 48, S, PV, M);
  if (!inverse) {
    const g5 = vMulPow2(f5, 24, S, PV, M); // ω_8 = −2^24
    const g7 = vMulPow2(vMulPow2(f7, 24, S, PV, M), 48, S, PV, M); // ω_8^3 = −2^72
    v128.store(p + qb, vSub(f1, g5, S, PV));
    v128.store(p + 5 * qb, vAdd(f1, g5, S, PV));
    v128.store(p + 2 * qb, vAdd(f2, g6, S, PV));
    v128.store(p + 6 * qb, vSub(f2, g6, S, PV));
    v128.store(p + 3 * qb, vSub(f3, g7, S, PV));
    v128.store(p + 7 * qb, vAdd(f3, g7, S, PV));
  } else {
    const g5 = vMulPow2(vMulPow2(f5, 24, S, PV, M), 48, S, PV, M); // ω_8^−1 = 2^72
    const g7 = vMulPow2(f7, 24, S, PV, M); // ω_8^−3 = 2^24
    v128.store(p + qb, vAdd(f1, g5, S, PV));
    v128.store(p + 5 * qb, vSub(f1, g5, S, PV));
    v128.store(p + 2 * qb, vSub(f2, g6, S, PV)); // ω_4^−1 = −2^48
    v128.store(p + 6 * qb, vAdd(f2, g6, S, PV));
    v128.store(p + 3 * qb, vAdd(f3, g7, S, PV));
    v128.store(p + 7 * qb, vSub(f3, g7, S, PV));
  }
}

// One function per direction and kind, so that `inverse` is a constant inside each loop.

export function difStage8Forward(a: usize, len: usize, q: usize, tw: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const qb = q << 3;
  const end = a + (len << 3);
  const twq = tw + stage8Offset(q);
  for (let p0 = a; p0 < end; p0 += qb << 3) {
    let tp = twq;
    for (let jb: usize = 0; jb < qb; jb += 16) {
      dif8(p0 + jb, qb, tp, false, S, PV, M);
      tp += 112;
    }
  }
}

export function difStage8Inverse(a: usize, len: usize, q: usize, tw: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const qb = q << 3;
  const end = a + (len << 3);
  const twq = tw + stage8Offset(q);
  for (let p0 = a; p0 < end; p0 += qb << 3) {
    let tp = twq;
    for (let jb: usize = 0; jb < qb; jb += 16) {
      dif8(p0 + jb, qb, tp, true, S, PV, M);
      tp += 112;
    }
  }
}

export function ditStage8Forward(a: usize, len: usize, q: usize, tw: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const qb = q << 3;
  const end = a + (len << 3);
  const twq = tw + stage8Offset(q);
  for (let p0 = a; p0 < end; p0 += qb << 3) {
    let tp = twq;
    for (let jb: usize = 0; jb < qb; jb += 16) {
      dit8(p0 + jb, qb, tp, false, S, PV, M);
      tp += 112;
    }
  }
}

export function ditStage8Inverse(a: usize, len: usize, q: usize, tw: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const qb = q << 3;
  const end = a + (len << 3);
  const twq = tw + stage8Offset(q);
  for (let p0 = a; p0 < end; p0 += qb << 3) {
    let tp = twq;
    for (let jb: usize = 0; jb < qb; jb += 16) {
      dit8(p0 + jb, qb, tp, true, S, PV, M);
      tp += 112;
    }
  }
}


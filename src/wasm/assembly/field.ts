// Batch kernels over whole arrays of Goldilocks elements and of cubic-extension elements.
//
// Base-field arrays: n little-endian u64 at a byte offset. Extension arrays are planar: the three
// coefficient planes (of 1, X, X^2) follow one another, each n elements long — exactly three
// consecutive columns of a Matrix. Extension: F_p[X]/(X^3 − X − 1), so X^3 = X + 1, X^4 = X^2 + X.
//
// Every loop runs two lanes at a time (goldilocks-simd) with a scalar step for an odd last element.
// Scalars cross the JavaScript boundary as two u32 halves (lo, hi): an i64 parameter would need a
// BigInt on the JavaScript side.
import { gAdd, gSub, gMul, gInv, gNeg } from './lib/goldilocks';
import { simdSign, simdP, simdMask32, vAdd, vSub, vMul, vNeg } from './lib/goldilocks-simd';

export function heapBase(): usize {
  return __heap_base;
}

// @ts-ignore: decorator
@inline function u64of(lo: u32, hi: u32): u64 {
  return (<u64>hi << 32) | <u64>lo;
}

export function add(a: usize, b: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP();
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    v128.store(out + o, vAdd(v128.load(a + o), v128.load(b + o), S, PV));
  }
  if (n & 1) {
    const o = pairs << 3;
    store<u64>(out + o, gAdd(load<u64>(a + o), load<u64>(b + o)));
  }
}

export function sub(a: usize, b: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP();
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    v128.store(out + o, vSub(v128.load(a + o), v128.load(b + o), S, PV));
  }
  if (n & 1) {
    const o = pairs << 3;
    store<u64>(out + o, gSub(load<u64>(a + o), load<u64>(b + o)));
  }
}

export function mul(a: usize, b: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    v128.store(out + o, vMul(v128.load(a + o), v128.load(b + o), S, PV, M));
  }
  if (n & 1) {
    const o = pairs << 3;
    store<u64>(out + o, gMul(load<u64>(a + o), load<u64>(b + o)));
  }
}

export function neg(a: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP();
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    v128.store(out + o, vNeg(v128.load(a + o), S, PV));
  }
  if (n & 1) {
    const o = pairs << 3;
    store<u64>(out + o, gNeg(load<u64>(a + o)));
  }
}

/** out[i] = s·a[i]. */
export function scalarMul(a: usize, sLo: u32, sHi: u32, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const s = u64of(sLo, sHi);
  const sv = i64x2.splat(s);
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    v128.store(out + o, vMul(v128.load(a + o), sv, S, PV, M));
  }
  if (n & 1) {
    const o = pairs << 3;
    store<u64>(out + o, gMul(load<u64>(a + o), s));
  }
}

/** out[i] = start·step^i. Eight interleaved chains (four vectors) advance by step^8. */
export function powers(out: usize, n: usize, startLo: u32, startHi: u32, stepLo: u32, stepHi: u32): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const step = u64of(stepLo, stepHi);
  let x = u64of(startLo, startHi);
  if (n < 16) {
    for (let i: usize = 0; i < n; i++) {
      store<u64>(out + (i << 3), x);
      x = gMul(x, step);
    }
    return;
  }
  for (let i: usize = 0; i < 8; i++) {
    store<u64>(out + (i << 3), x);
    x = gMul(x, step);
  }
  // x = start·step^8 now; the lane multiplier is step^8.
  const s8 = i64x2.splat(gMul(gMul(gMul(step, step), gMul(step, step)), gMul(gMul(step, step), gMul(step, step))));
  let v0 = v128.load(out), v1 = v128.load(out, 16), v2 = v128.load(out, 32), v3 = v128.load(out, 48);
  const blocks = n & ~(<usize>7);
  for (let i: usize = 8; i < blocks; i += 8) {
    v0 = vMul(v0, s8, S, PV, M);
    v1 = vMul(v1, s8, S, PV, M);
    v2 = vMul(v2, s8, S, PV, M);
    v3 = vMul(v3, s8, S, PV, M);
    const p = out + (i << 3);
    v128.store(p, v0);
    v128.store(p, v1, 16);
    v128.store(p, v2, 32);
    v128.store(p, v3, 48);
  }
  if (blocks < n) {
    let y = load<u64>(out + ((blocks - 1) << 3));
    for (let i = blocks; i < n; i++) {
      y = gMul(y, step);
      store<u64>(out + (i << 3), y);
    }
  }
}

/**
 * out[i] = a[i]^−1, and 0 where a[i] = 0 (Montgomery's trick: one field inversion for the batch).
 * out must not overlap a. n must be a multiple of 8 (the wrapper pads with ones).
 *
 * Eight independent chains (element i belongs to chain i mod 8, four vectors of two lanes) hide
 * the latency of the running product, which a single chain would be bound by.
 */
export function batchInverse(a: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const zero = i64x2.splat(0);
  const one = i64x2.splat(1);
  let p0 = one, p1 = one, p2 = one, p3 = one;
  // Forward: out[block m] = product of the (zero-replaced) elements of blocks < m, per lane.
  for (let i: usize = 0; i < n; i += 8) {
    const q = i << 3;
    v128.store(out + q, p0);
    v128.store(out + q, p1, 16);
    v128.store(out + q, p2, 32);
    v128.store(out + q, p3, 48);
    p0 = vMul(p0, nonZero(v128.load(a + q), zero, one), S, PV, M);
    p1 = vMul(p1, nonZero(v128.load(a + q, 16), zero, one), S, PV, M);
    p2 = vMul(p2, nonZero(v128.load(a + q, 32), zero, one), S, PV, M);
    p3 = vMul(p3, nonZero(v128.load(a + q, 48), zero, one), S, PV, M);
  }
  // Invert the eight chain totals (each is a product of non-zero elements, so non-zero).
  let i0 = i64x2(gInv(i64x2.extract_lane(p0, 0)), gInv(i64x2.extract_lane(p0, 1)));
  let i1 = i64x2(gInv(i64x2.extract_lane(p1, 0)), gInv(i64x2.extract_lane(p1, 1)));
  let i2 = i64x2(gInv(i64x2.extract_lane(p2, 0)), gInv(i64x2.extract_lane(p2, 1)));
  let i3 = i64x2(gInv(i64x2.extract_lane(p3, 0)), gInv(i64x2.extract_lane(p3, 1)));
  // Backward: inverse of x_m = (inverse of prefix through m)·(prefix before m).
  for (let i = n; i > 0; ) {
    i -= 8;
    const q = i << 3;
    const x0 = v128.load(a + q), x1 = v128.load(a + q, 16), x2 = v128.load(a + q, 32), x3 = v128.load(a + q, 48);
    const r0 = vMul(i0, v128.load(out + q), S, PV, M);
    const r1 = vMul(i1, v128.load(out + q, 16), S, PV, M);
    const r2 = vMul(i2, v128.load(out + q, 32), S, PV, M);
    const r3 = vMul(i3, v128.load(out + q, 48), S, PV, M);
    i0 = vMul(i0, nonZero(x0, zero, one), S, PV, M);
    i1 = vMul(i1, nonZero(x1, zero, one), S, PV, M);
    i2 = vMul(i2, nonZero(x2, zero, one), S, PV, M);
    i3 = vMul(i3, nonZero(x3, zero, one), S, PV, M);
    v128.store(out + q, v128.andnot(r0, i64x2.eq(x0, zero)));
    v128.store(out + q, v128.andnot(r1, i64x2.eq(x1, zero)), 16);
    v128.store(out + q, v128.andnot(r2, i64x2.eq(x2, zero)), 32);
    v128.store(out + q, v128.andnot(r3, i64x2.eq(x3, zero)), 48);
  }
}

/** x with its zero lanes replaced by one. */
// @ts-ignore: decorator
@inline function nonZero(x: v128, zero: v128, one: v128): v128 {
  return v128.bitselect(one, x, i64x2.eq(x, zero));
}

// ---------------------------------------------------------------------------------------------
// Cubic extension, planar layout (planes of n elements: coefficient 0, then 1, then 2)

/**
 * (a0 + a1X + a2X^2)(b0 + b1X + b2X^2) mod X^3 − X − 1 with six base multiplies (Karatsuba):
 *   v_i = a_i·b_i,  m12 = (a1 + a2)(b1 + b2) − v1 − v2  (= a1b2 + a2b1, the X^3 coefficient)
 *   r0 = v0 + m12
 *   r1 = (a0 + a1)(b0 + b1) − v0 − v1 + m12 + v2
 *   r2 = (a0 + a2)(b0 + b2) − v0 + v1
 * (X^3 = X + 1 sends m12 to 1 and X; X^4 = X^2 + X sends v2 to X^2 and X.)
 */
// @ts-ignore: decorator
@inline function vExtMul(
  a0: v128, a1: v128, a2: v128, b0: v128, b1: v128, b2: v128, S: v128, PV: v128, M: v128, out: usize, n8: usize,
): void {
  const v0 = vMul(a0, b0, S, PV, M);
  const v1 = vMul(a1, b1, S, PV, M);
  const v2 = vMul(a2, b2, S, PV, M);
  const m12 = vSub(vSub(vMul(vAdd(a1, a2, S, PV), vAdd(b1, b2, S, PV), S, PV, M), v1, S, PV), v2, S, PV);
  const m01 = vMul(vAdd(a0, a1, S, PV), vAdd(b0, b1, S, PV), S, PV, M);
  const m02 = vMul(vAdd(a0, a2, S, PV), vAdd(b0, b2, S, PV), S, PV, M);
  v128.store(out, vAdd(v0, m12, S, PV));
  v128.store(out + n8, vAdd(vSub(vSub(m01, v0, S, PV), v1, S, PV), vAdd(m12, v2, S, PV), S, PV));
  v128.store(out + 2 * n8, vAdd(vSub(m02, v0, S, PV), v1, S, PV));
}

/** Scalar twin of vExtMul, writing to three separate addresses. */
function extMulScalar(a0: u64, a1: u64, a2: u64, b0: u64, b1: u64, b2: u64, o0: usize, o1: usize, o2: usize): void {
  const v0 = gMul(a0, b0);
  const v1 = gMul(a1, b1);
  const v2 = gMul(a2, b2);
  const m12 = gSub(gSub(gMul(gAdd(a1, a2), gAdd(b1, b2)), v1), v2);
  const m01 = gMul(gAdd(a0, a1), gAdd(b0, b1));
  const m02 = gMul(gAdd(a0, a2), gAdd(b0, b2));
  store<u64>(o0, gAdd(v0, m12));
  store<u64>(o1, gAdd(gSub(gSub(m01, v0), v1), gAdd(m12, v2)));
  store<u64>(o2, gAdd(gSub(m02, v0), v1));
}

/** out = a·b elementwise; all three planar with n elements per plane. */
export function extMul(a: usize, b: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const n8 = n << 3;
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    const pa = a + o, pb = b + o;
    vExtMul(
      v128.load(pa), v128.load(pa + n8), v128.load(pa + 2 * n8),
      v128.load(pb), v128.load(pb + n8), v128.load(pb + 2 * n8),
      S, PV, M, out + o, n8,
    );
  }
  if (n & 1) {
    const o = pairs << 3;
    extMulScalar(
      load<u64>(a + o), load<u64>(a + o + n8), load<u64>(a + o + 2 * n8),
      load<u64>(b + o), load<u64>(b + o + n8), load<u64>(b + o + 2 * n8),
      out + o, out + o + n8, out + o + 2 * n8,
    );
  }
}

/** out = a·s for one extension element s (three u64 at sPtr: coefficients 0, 1, 2). */
export function extScalarMul(a: usize, sPtr: usize, out: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const s0 = load<u64>(sPtr), s1 = load<u64>(sPtr, 8), s2 = load<u64>(sPtr, 16);
  const b0 = i64x2.splat(s0), b1 = i64x2.splat(s1), b2 = i64x2.splat(s2);
  const n8 = n << 3;
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const pa = a + (i << 3);
    vExtMul(v128.load(pa), v128.load(pa + n8), v128.load(pa + 2 * n8), b0, b1, b2, S, PV, M, out + (i << 3), n8);
  }
  if (n & 1) {
    const o = pairs << 3;
    extMulScalar(load<u64>(a + o), load<u64>(a + o + n8), load<u64>(a + o + 2 * n8), s0, s1, s2,
      out + o, out + o + n8, out + o + 2 * n8);
  }
}

/** out = a·b with a planar extension and b a base-field array: each coefficient times b. */
export function extMulBase(a: usize, b: usize, out: usize, n: usize): void {
  mul(a, b, out, n);
  mul(a + (n << 3), b, out + (n << 3), n);
  mul(a + (n << 4), b, out + (n << 4), n);
}

/**
 * The inverse of one extension element by its adjugate: a·b = 1 solved through the matrix of
 * multiplication by a, whose columns are a·1, a·X, a·X^2:
 *   C0 = (a0 + a2)^2 − a1(a1 + a2),  C1 = a2(a1 + a2) − a1(a0 + a2),  C2 = a1^2 − a2(a0 + a2)
 *   det = a0·C0 + a2·C1 + a1·C2 (the norm, non-zero for a ≠ 0),  a^−1 = (C0, C1, C2)/det.
 * Writes 0 for a = 0.
 */
export function extInvOne(a0: u64, a1: u64, a2: u64, o0: usize, o1: usize, o2: usize): void {
  const s02 = gAdd(a0, a2);
  const s12 = gAdd(a1, a2);
  const c0 = gSub(gMul(s02, s02), gMul(a1, s12));
  const c1 = gSub(gMul(a2, s12), gMul(a1, s02));
  const c2 = gSub(gMul(a1, a1), gMul(a2, s02));
  const det = gAdd(gAdd(gMul(a0, c0), gMul(a2, c1)), gMul(a1, c2));
  const d = det == 0 ? <u64>0 : gInv(det);
  store<u64>(o0, gMul(c0, d));
  store<u64>(o1, gMul(c1, d));
  store<u64>(o2, gMul(c2, d));
}

/**
 * Planar batch inversion in the extension, zeros map to zeros: a^−1 = adj(a)/N(a) (see extInvOne)
 * with the norms N(a) ∈ F_p inverted together by the base-field batchInverse. Every row is
 * independent apart from that one base-field pass, so the work is 15 base multiplies per row in
 * straight SIMD loops — measured 2× faster than Montgomery's trick on extension products (18
 * multiplies along dependent chains). n must be a multiple of 8; out must not overlap a; `norms` is
 * scratch for 2n elements.
 */
export function extBatchInverse(a: usize, out: usize, n: usize, norms: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const n8 = n << 3;
  for (let i: usize = 0; i < n; i += 2) {
    const o = i << 3;
    const a0 = v128.load(a + o), a1 = v128.load(a + o + n8), a2 = v128.load(a + o + 2 * n8);
    const s02 = vAdd(a0, a2, S, PV);
    const s12 = vAdd(a1, a2, S, PV);
    const c0 = vSub(vMul(s02, s02, S, PV, M), vMul(a1, s12, S, PV, M), S, PV);
    const c1 = vSub(vMul(a2, s12, S, PV, M), vMul(a1, s02, S, PV, M), S, PV);
    const c2 = vSub(vMul(a1, a1, S, PV, M), vMul(a2, s02, S, PV, M), S, PV);
    const det = vAdd(vAdd(vMul(a0, c0, S, PV, M), vMul(a2, c1, S, PV, M), S, PV), vMul(a1, c2, S, PV, M), S, PV);
    v128.store(out + o, c0);
    v128.store(out + o + n8, c1);
    v128.store(out + o + 2 * n8, c2);
    v128.store(norms + o, det);
  }
  batchInverse(norms, norms + n8, n);
  const inv = norms + n8;
  for (let i: usize = 0; i < n; i += 2) {
    const o = i << 3;
    const d = v128.load(inv + o);
    v128.store(out + o, vMul(v128.load(out + o), d, S, PV, M));
    v128.store(out + o + n8, vMul(v128.load(out + o + n8), d, S, PV, M));
    v128.store(out + o + 2 * n8, vMul(v128.load(out + o + 2 * n8), d, S, PV, M));
  }
}

/** Planar powers start·s^i of one extension element s (three u64 at sPtr), start at startPtr. */
export function extPowers(out: usize, n: usize, startPtr: usize, sPtr: usize): void {
  if (n == 0) return;
  const n8 = n << 3;
  let x0 = load<u64>(startPtr), x1 = load<u64>(startPtr, 8), x2 = load<u64>(startPtr, 16);
  const s0 = load<u64>(sPtr), s1 = load<u64>(sPtr, 8), s2 = load<u64>(sPtr, 16);
  for (let i: usize = 0; i < n; i++) {
    const o = out + (i << 3);
    store<u64>(o, x0);
    store<u64>(o + n8, x1);
    store<u64>(o + 2 * n8, x2);
    if (i + 1 < n) {
      extMulScalar(x0, x1, x2, s0, s1, s2, o + 8, o + n8 + 8, o + 2 * n8 + 8);
      x0 = load<u64>(o + 8);
      x1 = load<u64>(o + n8 + 8);
      x2 = load<u64>(o + 2 * n8 + 8);
    }
  }
}

/**
 * Σ_i c[i]·z^i for base-field coefficients c (n of them) at one extension point z (three u64 at
 * zPtr), by Horner's rule from the top coefficient; the result (three u64) goes to outPtr.
 * A dependent chain of extension products: scalar code, no lanes to fill.
 */
export function extHornerBase(coeffs: usize, n: usize, zPtr: usize, outPtr: usize): void {
  const z0 = load<u64>(zPtr), z1 = load<u64>(zPtr, 8), z2 = load<u64>(zPtr, 16);
  let r0: u64 = 0, r1: u64 = 0, r2: u64 = 0;
  for (let i = n; i > 0; ) {
    i--;
    // r = r·z + c[i] (Karatsuba, as extMulScalar)
    const v0 = gMul(r0, z0);
    const v1 = gMul(r1, z1);
    const v2 = gMul(r2, z2);
    const m12 = gSub(gSub(gMul(gAdd(r1, r2), gAdd(z1, z2)), v1), v2);
    const m01 = gMul(gAdd(r0, r1), gAdd(z0, z1));
    const m02 = gMul(gAdd(r0, r2), gAdd(z0, z2));
    r0 = gAdd(gAdd(v0, m12), load<u64>(coeffs + (i << 3)));
    r1 = gAdd(gSub(gSub(m01, v0), v1), gAdd(m12, v2));
    r2 = gAdd(gSub(m02, v0), v1);
  }
  store<u64>(outPtr, r0);
  store<u64>(outPtr, r1, 8);
  store<u64>(outPtr, r2, 16);
}

/**
 * Inclusive prefix sums out[i] = Σ_{k ≤ i} a[k] over `planes` consecutive planes of n elements
 * each, plane by plane (1 for a base-field array, 3 for a planar extension array), each plane
 * starting from the u64 at carryPtr + 8·plane (the running sum of earlier chunks), which is
 * updated. A running-sum chain: scalar code.
 */
export function prefixSum(a: usize, out: usize, n: usize, planes: u32, carryPtr: usize): void {
  for (let pl: u32 = 0; pl < planes; pl++) {
    const off = (<usize>pl * n) << 3;
    let acc = load<u64>(carryPtr + (<usize>pl << 3));
    for (let i: usize = 0; i < n; i++) {
      acc = gAdd(acc, load<u64>(a + off + (i << 3)));
      store<u64>(out + off + (i << 3), acc);
    }
    store<u64>(carryPtr + (<usize>pl << 3), acc);
  }
}

/**
 * Σ a[i]·b[i] mod p (one u64 written to outPtr). Four vector accumulators (eight lanes) keep the
 * additions off the multiplier's critical path; the lanes are summed at the end.
 */
export function dot(a: usize, b: usize, n: usize, outPtr: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  let s0 = i64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
  const blocks = n & ~(<usize>7);
  for (let i: usize = 0; i < blocks; i += 8) {
    const o = i << 3;
    s0 = vAdd(s0, vMul(v128.load(a + o), v128.load(b + o), S, PV, M), S, PV);
    s1 = vAdd(s1, vMul(v128.load(a + o, 16), v128.load(b + o, 16), S, PV, M), S, PV);
    s2 = vAdd(s2, vMul(v128.load(a + o, 32), v128.load(b + o, 32), S, PV, M), S, PV);
    s3 = vAdd(s3, vMul(v128.load(a + o, 48), v128.load(b + o, 48), S, PV, M), S, PV);
  }
  const s = vAdd(vAdd(s0, s1, S, PV), vAdd(s2, s3, S, PV), S, PV);
  let r = gAdd(i64x2.extract_lane(s, 0), i64x2.extract_lane(s, 1));
  for (let i = blocks; i < n; i++) r = gAdd(r, gMul(load<u64>(a + (i << 3)), load<u64>(b + (i << 3))));
  store<u64>(outPtr, r);
}

/**
 * The three sums Σ y[i]·w_c[i] (c = 0, 1, 2) of a base column y against a planar extension array w
 * (planes of n elements): one extension-by-base dot product, in one pass over y. Writes three u64
 * to outPtr.
 */
export function extDotBase(y: usize, w: usize, n: usize, outPtr: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const n8 = n << 3;
  let s0 = i64x2.splat(0), s1 = s0, s2 = s0;
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    const x = v128.load(y + o);
    s0 = vAdd(s0, vMul(x, v128.load(w + o), S, PV, M), S, PV);
    s1 = vAdd(s1, vMul(x, v128.load(w + o + n8), S, PV, M), S, PV);
    s2 = vAdd(s2, vMul(x, v128.load(w + o + 2 * n8), S, PV, M), S, PV);
  }
  let r0 = gAdd(i64x2.extract_lane(s0, 0), i64x2.extract_lane(s0, 1));
  let r1 = gAdd(i64x2.extract_lane(s1, 0), i64x2.extract_lane(s1, 1));
  let r2 = gAdd(i64x2.extract_lane(s2, 0), i64x2.extract_lane(s2, 1));
  if (n & 1) {
    const o = pairs << 3;
    const x = load<u64>(y + o);
    r0 = gAdd(r0, gMul(x, load<u64>(w + o)));
    r1 = gAdd(r1, gMul(x, load<u64>(w + o + n8)));
    r2 = gAdd(r2, gMul(x, load<u64>(w + o + 2 * n8)));
  }
  store<u64>(outPtr, r0);
  store<u64>(outPtr, r1, 8);
  store<u64>(outPtr, r2, 16);
}

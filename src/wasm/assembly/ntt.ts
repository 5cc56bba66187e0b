// Number-theoretic transforms over Goldilocks, two lanes at a time (WebAssembly SIMD).
//
// Conventions (the TypeScript wrapper in src/ntt documents them for users):
// - ω_n is the primitive n-th root of unity rootOfUnity(log2 n) = ROOT^(2^(32 − log2 n)).
// - dif: natural-order input, bit-reversed output:  out[bitrev(k)] = Σ_i a[i]·ω_n^(i·k).
// - dit: bit-reversed input, natural-order output: the same transform.
// - With `inverse` set both use ω_n^−1 instead; neither divides by n.
//
// Shape of the transform, and why:
// - Radix 8 (ntt/radix8.ts): three radix-2 layers fused; the eighth roots inside a butterfly are
//   powers of two, so only 7 of 8 points take a table multiply. log n = r + 3m with r ∈ {1, 2, 3}:
//   m radix-8 stages plus a tail of r layers at the small end (a radix-2 layer of half-size 1, a
//   radix-4 stage with q = 1, or a radix-4 stage with q = 2 and the radix-2 layer).
// - Radix 4 (the tail): two layers fused; the outer layer's second twiddle is the first times
//   ω_4 = 2^48, two shifts and a reduction.
// - Cache blocking: stages whose butterflies span more than BLOCK elements sweep the whole array;
//   after that every block goes through all its remaining stages while it sits in L1/L2.
// - Twiddles come from precomputed tables, one per stage size, stored in split form (goldilocks-simd):
//   one sequential stream per stage.
// - Sizes below 16 points go through a plain scalar radix-2 path.
import { gAdd, gSub, gMul } from './lib/goldilocks';
import { rootOfUnity } from './ntt/roots';
import {
  radix8TableBytes, buildRadix8Stage, difStage8Forward, difStage8Inverse, ditStage8Forward, ditStage8Inverse,
} from './ntt/radix8';
import {
  simdSign, simdP, simdMask32, vAdd, vSub, vMulSplit, vMulPow48, vSplit, vMul,
} from './lib/goldilocks-simd';

export function heapBase(): usize {
  return __heap_base;
}

const LOG_BLOCK: u32 = 12;
const BLOCK: usize = (<usize>1) << LOG_BLOCK;

// ---------------------------------------------------------------------------------------------
// Twiddle tables
//
// Layout: the radix-4 entries for q = 2 (the only radix-4 stage with a table, used by the tail when
// r = 3: for j = 0 the split vectors (ω_8^j, …), (ω_8^2j, …), (ω_8^3j, …), 48 bytes), then the
// radix-8 tables (ntt/radix8.ts). Entries do not depend on n, so a table built for a large n serves
// every smaller one.

const R8_BASE: usize = 48;

/** Bytes of a table that serves transforms of up to 2^logN points. */
export function twiddleBytes(logN: u32): usize {
  if (logN < 4) return 0;
  return R8_BASE + radix8TableBytes(logN);
}

// @ts-ignore: decorator
@inline function stageOffset(q: usize): usize {
  return (q - 2) * 24;
}

/**
 * Fills the table entries that a transform of exactly 2^logN points reads (the radix-4 q = 2 entry
 * and the radix-8 stages q = 2^(logN−3), 2^(logN−6), …, 2^r); other stages are left untouched, so
 * their pages are never written (a table serves all sizes, but only the sizes used cost memory).
 * `tw` must have room for twiddleBytes(logN) bytes or more.
 */
export function buildTwiddles(tw: usize, logN: u32, inverse: bool): void {
  if (logN < 4) return;
  const S = simdSign(), PV = simdP(), M = simdMask32();
  // radix 4, q = 2: ω = ω_8, lanes j = 0, 1
  const r = rootOfUnity(3, inverse);
  const x = i64x2(1, r);
  const y = vMul(x, x, S, PV, M);
  v128.store(tw, vSplit(x));
  v128.store(tw, vSplit(y), 16);
  v128.store(tw, vSplit(vMul(y, x, S, PV, M)), 32);
  const tail = tailLayers(logN);
  for (let logQ: u32 = logN - 3; logQ >= tail; logQ -= 3) {
    buildRadix8Stage(tw + R8_BASE, logQ, inverse);
    if (logQ < 3) break;
  }
}

// ---------------------------------------------------------------------------------------------
// Radix-4 stages, q ≥ 2 (lanes run over j)

/**
 * One decimation-in-frequency radix-4 stage (layers of half-size 2q and q) on every 4q-block of
 * [a, a + 8·len). With x_k = a[s + k·q + j]:
 *   t0 = x0 + x2, t1 = x1 + x3, t2 = x0 − x2, t3 = ω_4·(x1 − x3)
 *   a[s+j] = t0 + t1, a[s+q+j] = (t0 − t1)·ω^2j, a[s+2q+j] = (t2 + t3)·ω^j, a[s+3q+j] = (t2 − t3)·ω^3j
 * For the inverse ω_4 becomes ω_4^−1 = −2^48, which swaps the roles of t2 + t3 and t2 − t3: the
 * sum then pairs with ω^3j and goes to s+3q+j. The swap is done by choosing offsets before the loop.
 */
function difStage(a: usize, len: usize, q: usize, tw: usize, inverse: bool): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const qb = q << 3;
  const twq = tw + stageOffset(q);
  // Where (t2 + t3) goes and which twiddle it takes; (t2 − t3) takes the other one.
  const sumDst: usize = inverse ? qb * 3 : qb * 2;
  const difDst: usize = inverse ? qb * 2 : qb * 3;
  const sumTw: usize = inverse ? 32 : 0;
  const difTw: usize = inverse ? 0 : 32;
  const end = a + (len << 3);
  for (let p0 = a; p0 < end; p0 += qb * 4) {
    let tp = twq;
    for (let jb: usize = 0; jb < qb; jb += 16) {
      const p = p0 + jb;
      const x0 = v128.load(p);
      const x1 = v128.load(p + qb);
      const x2 = v128.load(p + qb * 2);
      const x3 = v128.load(p + qb * 3);
      const t0 = vAdd(x0, x2, S, PV);
      const t1 = vAdd(x1, x3, S, PV);
      const t2 = vSub(x0, x2, S, PV);
      const t3 = vMulPow48(vSub(x1, x3, S, PV), S, PV, M);
      v128.store(p, vAdd(t0, t1, S, PV));
      v128.store(p + qb, vMulSplit(vSub(t0, t1, S, PV), v128.load(tp, 16), S, PV, M));
      v128.store(p + sumDst, vMulSplit(vAdd(t2, t3, S, PV), v128.load(tp + sumTw), S, PV, M));
      v128.store(p + difDst, vMulSplit(vSub(t2, t3, S, PV), v128.load(tp + difTw), S, PV, M));
      tp += 48;
    }
  }
}

/**
 * One decimation-in-time radix-4 stage (layers of half-size q then 2q). With b = ω^2j·x1,
 * c = ω^j·x2, d = ω^3j·x3:
 *   a[s+j] = (x0 + b) + (c + d),  a[s+2q+j] = (x0 + b) − (c + d),
 *   a[s+q+j] = (x0 − b) + ω_4·(c − d),  a[s+3q+j] = (x0 − b) − ω_4·(c − d).
 * For the inverse ω_4^−1 = −ω_4 swaps the destinations of the last two.
 */
function ditStage(a: usize, len: usize, q: usize, tw: usize, inverse: bool): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const qb = q << 3;
  const twq = tw + stageOffset(q);
  const sumDst: usize = inverse ? qb * 3 : qb;
  const difDst: usize = inverse ? qb : qb * 3;
  const end = a + (len << 3);
  for (let p0 = a; p0 < end; p0 += qb * 4) {
    let tp = twq;
    for (let jb: usize = 0; jb < qb; jb += 16) {
      const p = p0 + jb;
      const x0 = v128.load(p);
      const b = vMulSplit(v128.load(p + qb), v128.load(tp, 16), S, PV, M);
      const c = vMulSplit(v128.load(p + qb * 2), v128.load(tp), S, PV, M);
      const d = vMulSplit(v128.load(p + qb * 3), v128.load(tp, 32), S, PV, M);
      const s0 = vAdd(x0, b, S, PV);
      const s1 = vSub(x0, b, S, PV);
      const s2 = vAdd(c, d, S, PV);
      const s3 = vMulPow48(vSub(c, d, S, PV), S, PV, M);
      v128.store(p, vAdd(s0, s2, S, PV));
      v128.store(p + qb * 2, vSub(s0, s2, S, PV));
      v128.store(p + sumDst, vAdd(s1, s3, S, PV));
      v128.store(p + difDst, vSub(s1, s3, S, PV));
      tp += 48;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The smallest stages (q = 1, and the radix-2 layer of half-size 1 for odd log n): their
// butterflies live inside one vector, so two blocks are transposed into lanes first.

/** Radix-4 stage with q = 1 (all twiddles 1) on [a, a + 8·len), len a multiple of 8. */
function q1Stage(a: usize, len: usize, dit: bool, inverse: bool): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const end = a + (len << 3);
  for (let p = a; p < end; p += 64) {
    const A = v128.load(p), B = v128.load(p, 16), C = v128.load(p, 32), D = v128.load(p, 48);
    // lanes: block 0 and block 1
    const x0 = i64x2.shuffle(A, C, 0, 2);
    const x1 = i64x2.shuffle(A, C, 1, 3);
    const x2 = i64x2.shuffle(B, D, 0, 2);
    const x3 = i64x2.shuffle(B, D, 1, 3);
    let z0: v128, z1: v128, z2: v128, z3: v128;
    if (!dit) {
      const t0 = vAdd(x0, x2, S, PV);
      const t1 = vAdd(x1, x3, S, PV);
      const t2 = vSub(x0, x2, S, PV);
      const t3 = vMulPow48(vSub(x1, x3, S, PV), S, PV, M);
      z0 = vAdd(t0, t1, S, PV);
      z1 = vSub(t0, t1, S, PV);
      const e = vAdd(t2, t3, S, PV);
      const f = vSub(t2, t3, S, PV);
      z2 = inverse ? f : e;
      z3 = inverse ? e : f;
    } else {
      const s0 = vAdd(x0, x1, S, PV);
      const s1 = vSub(x0, x1, S, PV);
      const s2 = vAdd(x2, x3, S, PV);
      const s3 = vMulPow48(vSub(x2, x3, S, PV), S, PV, M);
      z0 = vAdd(s0, s2, S, PV);
      z2 = vSub(s0, s2, S, PV);
      const e = vAdd(s1, s3, S, PV);
      const f = vSub(s1, s3, S, PV);
      z1 = inverse ? f : e;
      z3 = inverse ? e : f;
    }
    v128.store(p, i64x2.shuffle(z0, z1, 0, 2));
    v128.store(p, i64x2.shuffle(z2, z3, 0, 2), 16);
    v128.store(p, i64x2.shuffle(z0, z1, 1, 3), 32);
    v128.store(p, i64x2.shuffle(z2, z3, 1, 3), 48);
  }
}

/** Radix-2 layer of half-size 1 (twiddle 1; the same for dif, dit and inverse), len % 4 == 0. */
function h1Layer(a: usize, len: usize): void {
  const S = simdSign(), PV = simdP();
  const end = a + (len << 3);
  for (let p = a; p < end; p += 32) {
    const A = v128.load(p), C = v128.load(p, 16);
    const u = i64x2.shuffle(A, C, 0, 2);
    const v = i64x2.shuffle(A, C, 1, 3);
    const s = vAdd(u, v, S, PV);
    const d = vSub(u, v, S, PV);
    v128.store(p, i64x2.shuffle(s, d, 0, 2));
    v128.store(p, i64x2.shuffle(s, d, 1, 3), 16);
  }
}

// ---------------------------------------------------------------------------------------------
// Scalar path for n < 16 (tests and tiny columns): plain radix-2 with roots computed on the fly.

function smallDif(a: usize, logN: u32, inverse: bool): void {
  const n: usize = (<usize>1) << logN;
  for (let logH: i32 = <i32>logN - 1; logH >= 0; logH--) {
    const h: usize = (<usize>1) << logH;
    const w = rootOfUnity(<u32>logH + 1, inverse);
    for (let s: usize = 0; s < n; s += h * 2) {
      let t: u64 = 1;
      for (let j: usize = 0; j < h; j++) {
        const pu = a + ((s + j) << 3), pv = pu + (h << 3);
        const u = load<u64>(pu), v = load<u64>(pv);
        store<u64>(pu, gAdd(u, v));
        store<u64>(pv, gMul(gSub(u, v), t));
        t = gMul(t, w);
      }
    }
  }
}

function smallDit(a: usize, logN: u32, inverse: bool): void {
  const n: usize = (<usize>1) << logN;
  for (let logH: u32 = 0; logH < logN; logH++) {
    const h: usize = (<usize>1) << logH;
    const w = rootOfUnity(logH + 1, inverse);
    for (let s: usize = 0; s < n; s += h * 2) {
      let t: u64 = 1;
      for (let j: usize = 0; j < h; j++) {
        const pu = a + ((s + j) << 3), pv = pu + (h << 3);
        const u = load<u64>(pu), v = gMul(load<u64>(pv), t);
        store<u64>(pu, gAdd(u, v));
        store<u64>(pv, gSub(u, v));
        t = gMul(t, w);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Drivers

/** log n = r + 3m with r ∈ {1, 2, 3}: the layers left to the tail after the radix-8 stages. */
// @ts-ignore: decorator
@inline function tailLayers(logN: u32): u32 {
  return ((logN - 1) % 3) + 1;
}

function difTail(p: usize, len: usize, r: u32, tw: usize, inverse: bool): void {
  if (r == 1) h1Layer(p, len);
  else if (r == 2) q1Stage(p, len, false, inverse);
  else {
    difStage(p, len, 2, tw, inverse);
    h1Layer(p, len);
  }
}

function ditTail(p: usize, len: usize, r: u32, tw: usize, inverse: bool): void {
  if (r == 1) h1Layer(p, len);
  else if (r == 2) q1Stage(p, len, true, inverse);
  else {
    h1Layer(p, len);
    ditStage(p, len, 2, tw, inverse);
  }
}

// @ts-ignore: decorator
@inline function difStage8(a: usize, len: usize, q: usize, tw: usize, inverse: bool): void {
  if (inverse) difStage8Inverse(a, len, q, tw + R8_BASE);
  else difStage8Forward(a, len, q, tw + R8_BASE);
}

// @ts-ignore: decorator
@inline function ditStage8(a: usize, len: usize, q: usize, tw: usize, inverse: bool): void {
  if (inverse) ditStage8Inverse(a, len, q, tw + R8_BASE);
  else ditStage8Forward(a, len, q, tw + R8_BASE);
}

/** Natural-order input → bit-reversed output, in place on 2^logN elements at `a`. */
export function dif(a: usize, logN: u32, tw: usize, inverse: bool): void {
  if (logN < 4) {
    smallDif(a, logN, inverse);
    return;
  }
  const n: usize = (<usize>1) << logN;
  const r = tailLayers(logN);
  const qMin: usize = (<usize>1) << r;
  let q: usize = n >> 3;
  while (q >= qMin && (q << 3) > BLOCK) {
    difStage8(a, n, q, tw, inverse);
    q >>= 3;
  }
  // Every remaining stage works inside blocks of the next stage's span (or the tail's).
  const block: usize = q >= qMin ? q << 3 : qMin;
  for (let b: usize = 0; b < n; b += block) {
    const pb = a + (b << 3);
    for (let qq = q; qq >= qMin; qq >>= 3) difStage8(pb, block, qq, tw, inverse);
    difTail(pb, block, r, tw, inverse);
  }
}

/** Bit-reversed input → natural-order output, in place on 2^logN elements at `a`. */
export function dit(a: usize, logN: u32, tw: usize, inverse: bool): void {
  if (logN < 4) {
    smallDit(a, logN, inverse);
    return;
  }
  const n: usize = (<usize>1) << logN;
  const r = tailLayers(logN);
  // The largest block 2^(r + 3k) that fits in BLOCK (and in n).
  let logBlock: u32 = r;
  while (logBlock + 3 <= logN && ((<usize>1) << (logBlock + 3)) <= BLOCK) logBlock += 3;
  const block: usize = (<usize>1) << logBlock;
  let q: usize = (<usize>1) << r;
  for (let b: usize = 0; b < n; b += block) {
    const pb = a + (b << 3);
    ditTail(pb, block, r, tw, inverse);
    for (let qq: usize = (<usize>1) << r; (qq << 3) <= block; qq <<= 3) ditStage8(pb, block, qq, tw, inverse);
  }
  q = block;
  for (; (q << 3) <= n; q <<= 3) ditStage8(a, n, q, tw, inverse);
}

// Permutations and pointwise helpers live in ntt/pointwise.ts.
export { bitReverse, mulPointwise, powers, powersBitrev, scale, spread } from './ntt/pointwise';

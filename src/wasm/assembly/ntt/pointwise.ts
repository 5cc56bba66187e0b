// Permutations and pointwise helpers of the NTT kernel (exported through ntt.ts).
import { gMul } from '../lib/goldilocks';
import { simdSign, simdP, simdMask32, vMul } from '../lib/goldilocks-simd';


/**
 * In-place bit-reversal permutation of 2^logN elements.
 *
 * Large sizes go tile by tile: with i = (h, m, l) — h and l the top and bottom LOG_TILE bits —
 * bitrev(i) = (rev l, rev m, rev h), so the tile of all (h, l) for one m swaps with the tile for
 * rev m, transposed. Both tiles (2^LOG_TILE rows of 2^LOG_TILE consecutive elements) stay in L1,
 * where the plain loop's partner j = bitrev(i) is a cache miss for almost every i.
 */
export function bitReverse(a: usize, logN: u32): void {
  if (logN < 2) return;
  if (logN < 2 * LOG_TILE + 2) {
    bitReverseSmall(a, logN);
    return;
  }
  const T: usize = (<usize>1) << LOG_TILE;
  const logM: u32 = logN - 2 * LOG_TILE;
  const mCount: usize = (<usize>1) << logM;
  const hShift: u32 = logN - LOG_TILE;
  for (let m: usize = 0; m < mCount; m++) {
    const mr: usize = <usize>(reverseBits32(<u32>m) >>> (32 - logM));
    if (mr < m) continue;
    for (let h: usize = 0; h < T; h++) {
      const hr: usize = <usize>(reverseBits32(<u32>h) >>> (32 - LOG_TILE));
      const rowI = (h << hShift) | (m << LOG_TILE);
      for (let l: usize = 0; l < T; l++) {
        const lr: usize = <usize>(reverseBits32(<u32>l) >>> (32 - LOG_TILE));
        const i = rowI | l;
        const j = (lr << hShift) | (mr << LOG_TILE) | hr;
        if (m != mr || i < j) {
          const pi = a + (i << 3), pj = a + (j << 3);
          const t = load<u64>(pi);
          store<u64>(pi, load<u64>(pj));
          store<u64>(pj, t);
        }
      }
    }
  }
}

const LOG_TILE: u32 = 5;

function bitReverseSmall(a: usize, logN: u32): void {
  const n: usize = (<usize>1) << logN;
  const shift: u32 = 32 - logN;
  for (let i: usize = 1; i < n - 1; i++) {
    const j: usize = <usize>(reverseBits32(<u32>i) >>> shift);
    if (i < j) {
      const pi = a + (i << 3), pj = a + (j << 3);
      const t = load<u64>(pi);
      store<u64>(pi, load<u64>(pj));
      store<u64>(pj, t);
    }
  }
}

// @ts-ignore: decorator
@inline function reverseBits32(x: u32): u32 {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return bswap<u32>(x);
}

/** a[i] ·= b[i] for i < n. */
export function mulPointwise(a: usize, b: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) {
    const o = i << 3;
    v128.store(a + o, vMul(v128.load(a + o), v128.load(b + o), S, PV, M));
  }
  if (n & 1) {
    const o = pairs << 3;
    store<u64>(a + o, gMul(load<u64>(a + o), load<u64>(b + o)));
  }
}

/** out[i] = start·step^i for i < n. */
export function powers(out: usize, n: usize, startLo: u32, startHi: u32, stepLo: u32, stepHi: u32): void {
  const step = (<u64>stepHi << 32) | <u64>stepLo;
  let x = (<u64>startHi << 32) | <u64>startLo;
  for (let i: usize = 0; i < n; i++) {
    store<u64>(out + (i << 3), x);
    x = gMul(x, step);
  }
}

/**
 * out[i] = start·step^bitrev(i) for i < 2^logN: the powers of `step` in bit-reversed order.
 * Uses bitrev(i + 2^L) = bitrev(i) + 2^(logN−1−L): each new half is the previous prefix times
 * step^(2^(logN−1−L)).
 */
export function powersBitrev(out: usize, logN: u32, startLo: u32, startHi: u32, stepLo: u32, stepHi: u32): void {
  const step = (<u64>stepHi << 32) | <u64>stepLo;
  store<u64>(out, (<u64>startHi << 32) | <u64>startLo);
  // c[k] = step^(2^k), needed from k = logN − 1 down to 0.
  let len: usize = 1;
  for (let l: u32 = 0; l < logN; l++) {
    let c = step;
    for (let k: u32 = 0; k < logN - 1 - l; k++) c = gMul(c, c);
    for (let i: usize = 0; i < len; i++) store<u64>(out + ((len + i) << 3), gMul(load<u64>(out + (i << 3)), c));
    len <<= 1;
  }
}

/** a[i] ·= s for i < n. */
export function scale(a: usize, n: usize, sLo: u32, sHi: u32): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const s = (<u64>sHi << 32) | <u64>sLo;
  const sv = i64x2.splat(s);
  const pairs = n & ~(<usize>1);
  for (let i: usize = 0; i < pairs; i += 2) v128.store(a + (i << 3), vMul(v128.load(a + (i << 3)), sv, S, PV, M));
  if (n & 1) store<u64>(a + (pairs << 3), gMul(load<u64>(a + (pairs << 3)), s));
}

/**
 * In place: a[i·2^logB] = a[i] for i < n, zeros in between (n·2^logB elements in all). On bit-reversed
 * coefficients this is zero-padding from n to n·2^logB, since bitrev_{n·B}(k) = bitrev_n(k)·B.
 */
export function spread(a: usize, n: usize, logB: u32): void {
  if (logB == 0) return;
  const B: usize = (<usize>1) << logB;
  const zero = i64x2.splat(0);
  // Descending: the writes to [i·B, (i+1)·B) never land on an element not yet read (i·B ≥ i).
  if (B == 2) {
    for (let i = n; i > 0; ) {
      i--;
      v128.store(a + (i << 4), i64x2(load<u64>(a + (i << 3)), 0));
    }
    return;
  }
  // B ≥ 4: one vector holds the element and a zero, the rest of the slot is zero vectors.
  const slot: usize = B << 3;
  for (let i = n; i > 0; ) {
    i--;
    const p = a + i * slot;
    v128.store(p, i64x2(load<u64>(a + (i << 3)), 0));
    for (let o: usize = 16; o < slot; o += 16) v128.store(p + o, zero);
  }
}

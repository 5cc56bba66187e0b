// The DEEP composition's column combination (src/stark/deep.ts): for a block of rows of W base
// columns and W extension coefficients, acc_c[i] += Σ_j coeff_j[c]·col_j[i] for c = 0, 1, 2 —
// three base multiply-adds per cell, in one pass over each column (against six kernel round trips
// per column with the generic scalar-multiply and add kernels).
//
// Layout: cols holds columns of n rows one after another; idx holds `count` u32 column indices
// into it (the columns to combine, so one copy of a block serves both sums of the composition);
// coeffs holds `count` extension elements, three u64 each (c0, c1, c2); acc is planar (three
// planes of n). Two rows per SIMD step.
import { gAdd, gMul } from './lib/goldilocks';
import { simdSign, simdP, simdMask32, vAdd, vMulSplit, vSplit } from './lib/goldilocks-simd';

export function heapBase(): usize {
  return __heap_base;
}

export function combine(acc: usize, cols: usize, idx: usize, coeffs: usize, count: usize, n: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const plane = n << 3;
  const pairs = n & ~(<usize>1);
  for (let j: usize = 0; j < count; j++) {
    const col = cols + <usize>load<u32>(idx + (j << 2)) * plane;
    const c0 = load<u64>(coeffs + j * 24);
    const c1 = load<u64>(coeffs + j * 24 + 8);
    const c2 = load<u64>(coeffs + j * 24 + 16);
    const s0 = vSplit(i64x2.splat(c0));
    const s1 = vSplit(i64x2.splat(c1));
    const s2 = vSplit(i64x2.splat(c2));
    for (let i: usize = 0; i < pairs; i += 2) {
      const o = i << 3;
      const x = v128.load(col + o);
      v128.store(acc + o, vAdd(v128.load(acc + o), vMulSplit(x, s0, S, PV, M), S, PV));
      v128.store(acc + plane + o, vAdd(v128.load(acc + plane + o), vMulSplit(x, s1, S, PV, M), S, PV));
      v128.store(acc + 2 * plane + o, vAdd(v128.load(acc + 2 * plane + o), vMulSplit(x, s2, S, PV, M), S, PV));
    }
    if (n & 1) {
      const o = pairs << 3;
      const x = load<u64>(col + o);
      store<u64>(acc + o, gAdd(load<u64>(acc + o), gMul(x, c0)));
      store<u64>(acc + plane + o, gAdd(load<u64>(acc + plane + o), gMul(x, c1)));
      store<u64>(acc + 2 * plane + o, gAdd(load<u64>(acc + 2 * plane + o), gMul(x, c2)));
    }
  }
}

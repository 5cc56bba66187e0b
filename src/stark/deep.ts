/**
 * The DEEP composition polynomial on D (docs/stark.md, DEEP openings):
 *
 *   F(x) = (A(x) − A(ζ)) / (x − ζ) + (B(x) − B(ζω)) / (x − ζω),
 *   A = Σ_t λ^t p_t over every committed column,  B = Σ_u λ^(T+u) p_u over the next-row columns,
 *
 * computed column by column with the batch kernels (each column adds λ^t·p_t to three planar
 * accumulators), then two extension batch inversions for the denominators.
 */
import * as ext from '../field/extension.js';
import * as gl from '../field/reference.js';
import type { Ext3 } from '../field/index.js';
import { batchAdd, batchScalarMul, batchSub, extBatchInverse, extBatchMul, extBatchScalarMul } from '../field/batch.js';
import * as fast from '../field/fast.js';
import { SHIFT, layerPoints } from '../fri/index.js';
import type { Matrix } from '../matrix/index.js';
import type { InstanceShape } from './shape.js';

export function extWords(v: Ext3): Uint32Array {
  return fast.fromBigInts(v);
}

/** acc (planar, 3 planes of N) += c·column for a base column and an extension coefficient c. */
function accumulate(acc: Uint32Array, column: Uint32Array, c: Uint32Array, scratch: Uint32Array): void {
  const words = column.length;
  for (let k = 0; k < 3; k++) {
    batchScalarMul(column, c, k, scratch);
    const plane = acc.subarray(k * words, (k + 1) * words);
    batchAdd(plane, scratch, plane);
  }
}

/** 1/(x − z) for every point x of D (bit-reversed), planar. */
function inverseDistances(points: Uint32Array, z: Ext3): Uint32Array {
  const words = points.length;
  const d = new Uint32Array(3 * words);
  const z0 = new Uint32Array(words);
  for (let i = 0; i < words; i += 2) {
    z0[i] = Number(z[0] & 0xffffffffn);
    z0[i + 1] = Number(z[0] >> 32n);
  }
  batchSub(points, z0, d.subarray(0, words));
  for (let c = 1; c < 3; c++) {
    const neg = gl.neg(z[c]!);
    const lo = Number(neg & 0xffffffffn);
    const hi = Number(neg >> 32n);
    const plane = d.subarray(c * words, (c + 1) * words);
    for (let i = 0; i < words; i += 2) {
      plane[i] = lo;
      plane[i + 1] = hi;
    }
  }
  return extBatchInverse(d, d);
}

/**
 * F on D (planar, bit-reversed). `ldes` are the trees' LDE matrices in shape order; `zetaValues`
 * and `nextValues` the openings (T and U extension elements), `lambda` the DEEP challenge.
 */
export function deepComposition(
  shape: InstanceShape,
  ldes: readonly Matrix[],
  zeta: Ext3,
  omega: bigint,
  zetaValues: readonly Ext3[],
  nextValues: readonly Ext3[],
  lambda: Ext3,
): Uint32Array {
  const N = 2 ** shape.logLde;
  const words = 2 * N;
  const scratch = new Uint32Array(words);
  const a = new Uint32Array(3 * words);
  const b = new Uint32Array(3 * words);
  let power: Ext3 = ext.ONE;
  let aZeta: Ext3 = ext.ZERO;
  let t = 0;
  shape.trees.forEach((tree, i) => {
    const m = ldes[i]!;
    for (let c = 0; c < tree.width; c++, t++) {
      accumulate(a, m.column(c), extWords(power), scratch);
      aZeta = ext.add(aZeta, ext.mul(power, zetaValues[t]!));
      power = ext.mul(power, lambda);
    }
  });
  let bNext: Ext3 = ext.ZERO;
  let u = 0;
  shape.trees.forEach((tree, i) => {
    const m = ldes[i]!;
    for (const c of tree.next) {
      accumulate(b, m.column(c), extWords(power), scratch);
      bNext = ext.add(bNext, ext.mul(power, nextValues[u++]!));
      power = ext.mul(power, lambda);
    }
  });
  const points = layerPoints(shape.logLde, SHIFT);
  const inv1 = inverseDistances(points, zeta);
  const f = extBatchMul(a, inv1, a);
  batchSub(f, extBatchScalarMul(inv1, extWords(aZeta), inv1), f);
  if (shape.nextOpenings > 0) {
    const inv2 = inverseDistances(points, ext.mulBase(zeta, omega));
    const g = extBatchMul(b, inv2, b);
    batchSub(g, extBatchScalarMul(inv2, extWords(bNext), inv2), g);
    batchAdd(f, g, f);
  }
  return f;
}

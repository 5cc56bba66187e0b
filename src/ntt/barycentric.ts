/**
 * Values of a matrix's column polynomials at one point outside the domain, straight from their
 * evaluations (no interpolation): the out-of-domain openings (DEEP) of a trace.
 *
 * Rows hold the evaluations on the coset D = shift·⟨ω_n⟩ in natural order, x_i = shift·ω_n^i.
 * With Z(X) = X^n − shift^n vanishing on D,
 *   p(z) = Σ_i y_i·L_i(z),  L_i(z) = Z(z)·x_i / (n·shift^n·(z − x_i)),
 * so the weights x_i/(z − x_i) are computed once (one batch inversion in the extension) and every
 * column then costs one extension-by-base dot product: 3 base multiplies per row.
 */
import { Matrix } from '../matrix/index.js';
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import * as extFast from '../field/extension-fast.js';
import * as fast from '../field/fast.js';
import { powers, batchSub, extBatchInverse, extBatchMulBase, extDotBaseColumns } from '../field/batch.js';

/**
 * What evaluating at z over a domain of n rows needs beyond the columns: the planar weights
 * x_i/(z − x_i) and the factor Z(z)/(n·shift^n), or, when z is a point of the domain, its row.
 * Computed once per point, it serves any number of columns (and matrices) of that height.
 */
export type BarycentricWeights =
  | { readonly row: number }
  | { readonly weights: Uint32Array; readonly factor: Uint32Array };

/** The weights for z (one extension element, 6 words) over shift·⟨ω_n⟩. */
export function barycentricWeights(n: number, z: Uint32Array, shift = 1n, out?: Uint32Array): BarycentricWeights {
  const logN = Math.log2(n);
  if (n === 0 || !Number.isInteger(logN)) throw new RangeError(`the height must be a power of two, got ${n}`);
  if (shift <= 0n || shift >= gl.P) throw new RangeError(`shift must be a non-zero canonical element, got ${shift}`);
  if (z.length < 6) throw new RangeError(`z must be one extension element (6 words), got ${z.length}`);
  const zz = extFast.get(z, 0);
  const sn = gl.pow(shift, BigInt(n));
  // Z(z) = z^n − shift^n; zero exactly when z is a point of the domain.
  const vanishing = ext.sub(ext.pow(zz, BigInt(n)), ext.fromBase(sn));
  if (ext.isZero(vanishing)) {
    // z = x_k: k from z/shift = ω_n^k, by search over the domain (z is then a base element).
    const xs = fast.toBigInts(powers(fast.fromBigInts([gl.rootOfUnity(logN)]), n, fast.fromBigInts([shift])));
    return { row: xs.indexOf(zz[0]) };
  }
  // x_i, then the planar weights x_i / (z − x_i)
  const xs = powers(fast.fromBigInts([gl.rootOfUnity(logN)]), n, fast.fromBigInts([shift]));
  const diff = new Uint32Array(6 * n);
  const z0 = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    z0[2 * i] = z[0]!;
    z0[2 * i + 1] = z[1]!;
    diff[2 * (n + i)] = z[2]!;
    diff[2 * (n + i) + 1] = z[3]!;
    diff[2 * (2 * n + i)] = z[4]!;
    diff[2 * (2 * n + i) + 1] = z[5]!;
  }
  batchSub(z0, xs, diff.subarray(0, 2 * n));
  const weights = extBatchMulBase(extBatchInverse(diff), xs, out);
  // factor Z(z)/(n·shift^n)
  const factor = extFast.of(ext.mulBase(vanishing, gl.inv(gl.mul(BigInt(n), sn))));
  return { weights, factor };
}

/**
 * The columns of a column-major block (`width` columns of `height` rows) at the point the weights
 * were made for: 6 words a column.
 */
export function evaluateWithWeights(data: Uint32Array, width: number, height: number, w: BarycentricWeights): Uint32Array {
  const out = new Uint32Array(6 * width);
  if ('row' in w) {
    for (let j = 0; j < width; j++) {
      out[6 * j] = data[2 * (j * height + w.row)]!;
      out[6 * j + 1] = data[2 * (j * height + w.row) + 1]!;
    }
    return out;
  }
  const sums = extDotBaseColumns(data, width, w.weights);
  for (let j = 0; j < width; j++) extFast.mul(out, j, sums, j, w.factor, 0);
  return out;
}

/**
 * p_j(z) for every column j, as `width` extension elements (Uint32Array(6·width), element j at
 * words 6j … 6j+5). z is one extension element (Uint32Array(6)). If z lies on the domain (then it
 * is some x_k) the values are the row k itself.
 */
export function evaluateAtPoint(evals: Matrix, z: Uint32Array, shift = 1n): Uint32Array {
  return evaluateWithWeights(evals.data, evals.width, evals.height, barycentricWeights(evals.height, z, shift));
}

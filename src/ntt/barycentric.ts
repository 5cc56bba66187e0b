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
 * p_j(z) for every column j, as `width` extension elements (Uint32Array(6·width), element j at
 * words 6j … 6j+5). z is one extension element (Uint32Array(6)). If z lies on the domain (then it
 * is some x_k) the values are the row k itself.
 */
export function evaluateAtPoint(evals: Matrix, z: Uint32Array, shift = 1n): Uint32Array {
  const n = evals.height;
  const logN = Math.log2(n);
  if (n === 0 || !Number.isInteger(logN)) throw new RangeError(`evals.height must be a power of two, got ${n}`);
  if (shift <= 0n || shift >= gl.P) throw new RangeError(`shift must be a non-zero canonical element, got ${shift}`);
  if (z.length < 6) throw new RangeError(`z must be one extension element (6 words), got ${z.length}`);
  const out = new Uint32Array(6 * evals.width);
  const zz = extFast.get(z, 0);
  const sn = gl.pow(shift, BigInt(n));
  // Z(z) = z^n − shift^n; zero exactly when z is a point of the domain.
  const vanishing = ext.sub(ext.pow(zz, BigInt(n)), ext.fromBase(sn));
  if (ext.isZero(vanishing)) {
    // z = x_k: k from z/shift = ω_n^k, by search over the domain (z is then a base element).
    const xs = fast.toBigInts(powers(fast.fromBigInts([gl.rootOfUnity(logN)]), n, fast.fromBigInts([shift])));
    const k = xs.indexOf(zz[0]);
    for (let j = 0; j < evals.width; j++) extFast.set(out, j, ext.fromBase(evals.get(k, j)));
    return out;
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
  const weights = extBatchMulBase(extBatchInverse(diff), xs);
  // factor Z(z)/(n·shift^n)
  const factor = extFast.of(ext.mulBase(vanishing, gl.inv(gl.mul(BigInt(n), sn))));
  const sums = extDotBaseColumns(evals.data, evals.width, weights);
  for (let j = 0; j < evals.width; j++) extFast.mul(out, j, sums, j, factor, 0);
  return out;
}

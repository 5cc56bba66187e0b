/**
 * Folding. A fold of arity 2^a with challenge β is a consecutive folds by 2 with β, β², β⁴, …:
 * writing f(x) = f_e(x²) + x·f_o(x²), one fold by 2 gives f_e + β·f_o, and repeating it with the
 * square of the challenge gives Σ_k β^k f_k for f(x) = Σ_{k<2^a} x^k f_k(x^(2^a)) — the fold
 * docs/stark.md defines. From the values at x and −x (rows 2t, 2t+1 of a bit-reversed layer):
 *
 *   f_e(x²) + β·f_o(x²) = (f(x) + f(−x))/2 + β·(f(x) − f(−x))/(2x)
 *
 * The prover folds whole layers with the batch kernels; the verifier folds one leaf of 2^a values
 * with the same formula, so both compute the same numbers.
 */
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import * as fast from '../field/fast.js';
import { batchAdd, batchScalarMul, batchSub, extBatchMulBase, extBatchScalarMul } from '../field/batch.js';
import { bitReverseIndex } from '../ntt/index.js';
import { bitReversedPowers } from './domain.js';
import type { Ext3 } from '../field/index.js';

const INV2 = gl.inv(2n);

/**
 * One fold by 2 of a planar extension layer (3 planes of 2^logM values, bit-reversed on
 * shift·⟨ω_M⟩) with challenge beta (Uint32Array(6)). Returns the planar layer of 2^(logM−1) values
 * on shift²·⟨ω_{M/2}⟩.
 */
export function foldLayerBy2(values: Uint32Array, logM: number, shift: bigint, beta: Uint32Array): Uint32Array {
  const m = 2 ** logM;
  const half = m / 2;
  if (values.length !== 6 * m) throw new RangeError(`a layer of 2^${logM} extension values is ${6 * m} words, got ${values.length}`);
  const even = new Uint32Array(6 * half);
  const odd = new Uint32Array(6 * half);
  for (let c = 0; c < 3; c++) {
    const src = 2 * c * m;
    const dst = 2 * c * half;
    for (let t = 0; t < half; t++) {
      const s = src + 4 * t;
      const d = dst + 2 * t;
      even[d] = values[s]!;
      even[d + 1] = values[s + 1]!;
      odd[d] = values[s + 2]!;
      odd[d + 1] = values[s + 3]!;
    }
  }
  // 1/(2·x_t) for the points x_t = shift·ω_M^bitrev_{logM−1}(t) of the even rows, which are the
  // points of a bit-reversed layer of M/2 values with the root ω_M.
  const inv2x = halfPointsInverse(logM, shift);
  const sum = batchAdd(even, odd);
  batchScalarMul(sum, fast.fromBigInts([INV2]), 0, sum);
  const diff = batchSub(even, odd, even);
  extBatchMulBase(diff, inv2x, diff);
  extBatchScalarMul(diff, beta, diff);
  return batchAdd(sum, diff, sum);
}

/** (2·x_t)^−1 for the even rows' points x_t = shift·ω_M^bitrev_{logM−1}(t), t < M/2. */
function halfPointsInverse(logM: number, shift: bigint): Uint32Array {
  return bitReversedPowers(gl.inv(gl.rootOfUnity(logM)), logM - 1, gl.inv(gl.mul(2n, shift)));
}

// Inverses of the few layer constants (shifts, roots) a verification needs, each computed once:
// a Fermat inversion costs ~128 BigInt multiplications, and every query of every layer needs them.
const inverses = new Map<bigint, bigint>();
function inverse(x: bigint): bigint {
  let r = inverses.get(x);
  if (r === undefined) {
    if (inverses.size > 4096) inverses.clear();
    r = gl.inv(x);
    inverses.set(x, r);
  }
  return r;
}

/**
 * Folds one opened leaf: `values` are the 2^a extension values of rows A·j … A·j + A − 1 of a
 * layer of 2^logM values on shift·⟨ω_M⟩. Returns the value of the folded polynomial at row j of the
 * layer of 2^(logM−a) values (the same formula as the prover, in reference arithmetic).
 */
export function foldLeaf(values: readonly Ext3[], leafIndex: number, logM: number, shift: bigint, beta: Ext3): Ext3 {
  let vals = values.slice();
  let b = beta;
  let lm = logM;
  let s = shift;
  while (vals.length > 1) {
    // the leaf's values are rows leafIndex·len … of the current layer: its pairs start at leafIndex·len/2
    const first = leafIndex * (vals.length / 2);
    const next: Ext3[] = [];
    // 1/(2x) = (2·shift)^−1 · (ω_M^−1)^bitrev(pair); both factors depend only on the layer
    const rootInv = inverse(gl.rootOfUnity(lm));
    const inv2s = inverse(gl.mul(2n, s));
    for (let t = 0; t < vals.length / 2; t++) {
      const inv2x = gl.mul(inv2s, gl.pow(rootInv, BigInt(bitReverseIndex(first + t, lm - 1))));
      const e = vals[2 * t]!;
      const o = vals[2 * t + 1]!;
      const sum = ext.mulBase(ext.add(e, o), INV2);
      const diff = ext.mulBase(ext.sub(e, o), inv2x);
      next.push(ext.add(sum, ext.mul(b, diff)));
    }
    vals = next;
    b = ext.mul(b, b);
    s = gl.mul(s, s);
    lm -= 1;
  }
  return vals[0]!;
}

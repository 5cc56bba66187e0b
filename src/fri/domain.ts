/**
 * The evaluation domains FRI and the STARK work on. A layer of 2^logM values lives on the coset
 * shift·⟨ω_M⟩ in bit-reversed order: row i is the point shift·ω_M^bitrev_logM(i) (docs/stark.md).
 * Folding by 2 maps row pair (2t, 2t+1) — the points x and −x — to row t of the layer on
 * shift²·⟨ω_{M/2}⟩, again in bit-reversed order.
 */
import * as gl from '../field/reference.js';
import { powers } from '../field/batch.js';
import * as fast from '../field/fast.js';
import { bitReverse, bitReverseIndex } from '../ntt/index.js';

/** The LDE shift: the multiplicative generator 7, so the coset never meets a subgroup. */
export const SHIFT = gl.GENERATOR;

/** The point of row i of a bit-reversed layer of 2^logM values on shift·⟨ω_M⟩. */
export function pointAt(logM: number, shift: bigint, i: number): bigint {
  return gl.mul(shift, gl.pow(gl.rootOfUnity(logM), BigInt(bitReverseIndex(i, logM))));
}

/**
 * start·root^bitrev(i) for i < 2^logCount (bit reversal over logCount bits), as a u64-pair array:
 * with root = ω_M and 2^logCount = M, the points of a bit-reversed layer; with root = ω_M^−1 and
 * 2^logCount = M/2, the inverses of the even rows' points that a fold by 2 divides by.
 */
export function bitReversedPowers(root: bigint, logCount: number, start: bigint): Uint32Array {
  const out = powers(fast.fromBigInts([root]), 2 ** logCount, fast.fromBigInts([start]));
  if (logCount > 0) bitReverse(out);
  return out;
}

/** The points of a bit-reversed layer of 2^logM values on shift·⟨ω_M⟩. */
export function layerPoints(logM: number, shift: bigint): Uint32Array {
  return bitReversedPowers(gl.rootOfUnity(logM), logM, shift);
}

/** shift^(2^k): the shift of the layer after k folds by 2. */
export function shiftAfter(shift: bigint, folds: number): bigint {
  let s = shift;
  for (let i = 0; i < folds; i++) s = gl.mul(s, s);
  return s;
}

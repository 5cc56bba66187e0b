import type { FriParams } from './params.js';

/**
 * What FRI does for a polynomial of degree < 2^logDegree, derived from the parameters alone (both
 * sides compute it; nothing of it is read from a proof).
 *
 * Each committed layer folds by 2^arity with arity = logFoldingArity, except that the last fold
 * is smaller when needed so that the final polynomial has exactly 2^logFinal coefficients,
 * logFinal = min(logFinalPolyLen, logDegree). A degree bound already at or below
 * 2^logFinalPolyLen has no layers: the whole polynomial is sent.
 */
export interface FriShape {
  readonly logDegree: number;
  /** log2 of layer 0's domain size (logDegree + logBlowup): query indices are drawn below 2^logN. */
  readonly logN: number;
  /** Fold arity (log2) of each committed layer. */
  readonly arities: readonly number[];
  /** log2 of each committed layer's domain size. */
  readonly layerLogSizes: readonly number[];
  /** log2 of the number of final coefficients. */
  readonly logFinal: number;
  /** log2 of the final layer's domain size. */
  readonly logFinalDomain: number;
}

export function friShape(params: FriParams, logDegree: number): FriShape {
  const logFinal = Math.min(params.logFinalPolyLen, logDegree);
  const arities: number[] = [];
  const sizes: number[] = [];
  let logM = logDegree + params.logBlowup;
  for (let rest = logDegree - logFinal; rest > 0; ) {
    const a = Math.min(params.logFoldingArity, rest);
    arities.push(a);
    sizes.push(logM);
    logM -= a;
    rest -= a;
  }
  return { logDegree, logN: logDegree + params.logBlowup, arities, layerLogSizes: sizes, logFinal, logFinalDomain: logM };
}

/** The distinct values of xs, ascending. */
export function distinctSorted(xs: readonly number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

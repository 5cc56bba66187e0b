/**
 * Number-theoretic transforms over Goldilocks: single columns in place, and whole matrices
 * (interpolation, evaluation, coset low-degree extension), with WebAssembly SIMD kernels and plain
 * BigInt references.
 *
 * The root of unity is ω_n = rootOfUnity(log2 n) from src/field; the forward transform maps
 * coefficients to evaluations at ω_n^k. Orders and the LDE domain are specified in lde.ts.
 */
export {
  ntt,
  intt,
  nttToBitReversed,
  nttFromBitReversed,
  inttToBitReversed,
  inttFromBitReversed,
  bitReverse,
} from './transform.js';
export { lde, interpolate, evaluate, ldeColumns, type EvaluationOrder, type LdeJob } from './lde.js';
export { ldeParallel } from './parallel.js';
export { evaluateAtPoint, barycentricWeights, evaluateWithWeights, type BarycentricWeights } from './barycentric.js';
export { naiveDft, referenceNtt, evaluatePoly, bitReverseIndex } from './reference.js';

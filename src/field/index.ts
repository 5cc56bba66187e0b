/**
 * The Goldilocks field p = 2^64 − 2^32 + 1 and its cubic extension F_p[X]/(X^3 − X − 1).
 *
 * Three implementations behind one set of semantics (style: reference first, fast second, keep both):
 * - `gl` / `ext`: plain BigInt reference (elements are bigints in [0, p); Ext3 triples). Oracles for
 *   the tests and the form used at API edges. Never in hot loops.
 * - `fast` / `extFast`: TypeScript on u64-pair typed arrays (element i = words 2i, 2i+1), for
 *   per-element code (witness builders, the verifier).
 * - batch kernels (`batchMul`, `batchInverse`, `extBatchInverse`, …): WebAssembly SIMD over whole
 *   arrays, for the prover's column passes.
 *
 * Storage conventions shared with Matrix: a base element is a little-endian u64 held as two u32
 * halves; one extension element is three consecutive base elements (c0, c1, c2 of c0 + c1·X + c2·X^2);
 * a column of extension elements is planar — three consecutive base columns of a Matrix.
 */
export * as gl from './reference.js';
export * as ext from './extension.js';
export * as fast from './fast.js';
export * as extFast from './extension-fast.js';
export type { Ext3 } from './extension.js';
export { P, EPSILON, GENERATOR, TWO_ADICITY, TWO_ADIC_ROOT, rootOfUnity } from './reference.js';
export {
  batchAdd,
  batchSub,
  batchMul,
  batchNeg,
  batchScalarMul,
  batchInverse,
  powers,
  extBatchMul,
  extBatchMulBase,
  extBatchScalarMul,
  extBatchInverse,
  extPowers,
  evaluateAtExt,
  prefixSum,
  extPrefixSum,
  batchDot,
  extDotBaseColumns,
} from './batch.js';
export {
  ELEMENT_BYTES,
  elementsToBytes,
  elementsFromBytes,
  tryElementsFromBytes,
  FieldDecodeError,
  type DecodeFailure,
  type DecodeResult,
} from './bytes.js';

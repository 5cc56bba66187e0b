/**
 * FRI over the cubic extension of Goldilocks: the low-degree test behind every instance proof
 * (docs/stark.md, FRI). Layers are extension-valued, bit-reversed on cosets of SHIFT = 7; each
 * layer folds 2^logFoldingArity consecutive values (one Merkle leaf) into one; the last polynomial
 * is sent as coefficients; a proof of work precedes the query indices.
 *
 * Parameters and the security calculator are in params.ts: `PROFILES.standard` (100 conjectured
 * bits) and `PROFILES.test` (insecure, for tests).
 */
export {
  type FriParams,
  type FriProfile,
  type ParamsCheck,
  PROFILES,
  PARAM_LIMITS,
  MIN_SECURE_BITS,
  EXTENSION_FIELD_BITS,
  securityBits,
  describeParams,
  checkFriParams,
  assertFriParams,
  paramsEqual,
} from './params.js';
export { friShape, distinctSorted, type FriShape } from './shape.js';
export { SHIFT, pointAt, layerPoints, bitReversedPowers } from './domain.js';
export { foldLayerBy2, foldLeaf } from './fold.js';
export { friProve, type FriProof, type FriLayerOpening, type FriProveOptions } from './prover.js';
export { friReplay, friCheckQueries, extToString, type FriCheck, type FriRejection, type FriReplay } from './verifier.js';

/**
 * The multi-instance STARK (docs/stark.md): instances of the AIRs of a system are proved
 * together under one global LogUp challenge, and verified with their bus sums.
 *
 * The prover comes in phases, so that a coordinator can spread instances over machines:
 *   1. commitStage1(system, params, instance)           → { commitment, data }
 *   2. drawGlobalChallenges(system, params, publics, commitments)
 *   3. proveInstance(system, params, index, stage1, global) → InstanceProof
 *      (checkable on its own: verifyInstanceProof with the same global challenges)
 *   4. assembleProof(system, params, publics, instanceProofs) → bytes
 * or all at once with prove(). verify() checks bytes and returns a typed result; it never throws.
 * The byte layout is docs/proof-format.md.
 */
export { defineSystem, instanceCounts, starkInstance, MAX_PUBLICS, type StarkSystem, type StarkInstance } from './system.js';
export { drawGlobalChallenges, observeParams, PROTOCOL_TAG, PROTOCOL_VERSION, type GlobalChallenges } from './challenges.js';
export { commitStage1, checkInstance, phase3Order, MAX_LOG_ROWS, type Stage1, type Stage1Data, type Committed } from './stage1.js';
export { proveInstance } from './prove-instance.js';
export { prove, assembleProof } from './prove.js';
export { verify, type VerifyResult, type VerifyCheck, type VerifiedInstance, type Expected } from './verify.js';
export { verifyInstanceProof, extAlgebra, type InstanceVerification, type InstanceCheck } from './verify-instance.js';
export {
  encodeProof,
  decodeProof,
  encodeInstanceProof,
  decodeInstanceProof,
  MAGIC,
  FORMAT_VERSION,
  DEFAULT_MAX_LOG_ROWS,
  MAX_INSTANCES,
  type DecodeResult,
  type DecodeLimits,
} from './format.js';
export type { Stage1Commitment, InstanceProof, StarkProof, TreeOpening } from './proof.js';
export { fixedSetup, fixedRoot, clearSetupCache, registerFixedKeys, type FixedKey, type FixedSetup } from './setup.js';
export { instanceShape, quotientChunks, TreeKind, type InstanceShape, type TreeShape } from './shape.js';
export type { ProverOptions, ProgressEvent, ProvePhase } from './options.js';

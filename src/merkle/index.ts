/**
 * Merkle commitments to matrices of Goldilocks columns over Poseidon2-16 (conventions in
 * hash/index.ts): leaves are row sponge digests, nodes compress `arity` (2 or 4, default 4) child
 * digests, incomplete groups are padded with zero digests. Openings of many rows share their
 * common nodes; verification never throws.
 *
 * Leaf hashing is a function of a row range (hashLeaves), so a worker pool can split a commitment
 * and hand the leaves to commit({ leaves }): commitParallel does that over a WorkerPool. Without a
 * pool, commit hashes on the calling thread.
 */
export {
  type Arity,
  DEFAULT_ARITY,
  type MerkleTree,
  type CommitOptions,
  type MerkleOpening,
  commit,
  open,
  hashLeaves,
  levelSizes,
} from './tree.js';
export { verify, type MerkleRejection, type MerkleVerification, type VerifyOptions } from './verify.js';
export { commitParallel, HASH_LEAVES, type HashLeavesJob } from './tasks.js';

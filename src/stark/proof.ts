/** The proof as objects (the byte layout is in format.ts and docs/proof-format.md). */
import type { Ext3 } from '../field/index.js';
import type { FriParams, FriProof } from '../fri/index.js';
import type { Digest } from '../hash/index.js';

/** What an instance commits to before the global challenges: observed into the global transcript. */
export interface Stage1Commitment {
  readonly airIndex: number;
  readonly logRows: number;
  /** Root of the program columns (the program's identity), when the AIR has any. */
  readonly programRoot?: Digest | undefined;
  readonly stage1Root: Digest;
  /** Per-instance values, canonical, air.airValueCount of them. */
  readonly airValues: readonly bigint[];
}

/** The openings of one tree at the distinct query indices (ascending), with their batch Merkle proof. */
export interface TreeOpening {
  /** One row per distinct query index: the tree's width in elements (2 words each). */
  readonly rows: readonly Uint32Array[];
  readonly proof: Uint32Array;
}

export interface InstanceProof {
  readonly commitment: Stage1Commitment;
  /** Stage-2 root and the bus sum, when the AIR has bus interactions. */
  readonly stage2Root?: Digest | undefined;
  /** The instance's LogUp bus sum (zero for an AIR without interactions). */
  readonly busSum: Ext3;
  readonly quotientRoot: Digest;
  /**
   * Openings as extension elements (6 words each): first every column of every tree at ζ (trees in
   * proof order, columns ascending), then the next-row columns at ζ·ω in the same order.
   */
  readonly openings: Uint32Array;
  readonly fri: FriProof;
  /** One opening per tree of the instance, in proof order. */
  readonly queries: readonly TreeOpening[];
}

export interface StarkProof {
  readonly params: FriParams;
  readonly publics: readonly bigint[];
  readonly instances: readonly InstanceProof[];
}

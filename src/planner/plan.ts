import type { Air } from '../air/index.js';

/** Chunks are numbered from 0 in execution order; chunk k starts at step k·chunkSize. */
export type ChunkId = number;

/**
 * Which chunks an instance needs replayed to build its witness. Tables need none: their witness is
 * the multiplicities gathered from the other instances.
 */
export type CheckPoint =
  | { readonly kind: 'none' }
  | { readonly kind: 'single'; readonly chunk: ChunkId }
  | { readonly kind: 'multiple'; readonly chunks: readonly ChunkId[] };

/** 'table' instances are built last, from the lookups of all other instances. */
export type InstanceType = 'instance' | 'table';

/**
 * One AIR instance to build: which AIR, its position among that AIR's instances, its height, the
 * chunks it needs and what its own state machine needs to know to build it (`meta`, typed per state
 * machine and read only by it).
 */
export interface Plan<M = unknown> {
  readonly air: Air;
  /** 0, 1, … among the instances of this AIR, in execution or address order. */
  readonly segment: number;
  readonly instanceType: InstanceType;
  readonly checkPoint: CheckPoint;
  readonly logRows: number;
  /**
   * Rows that hold data (steps, operations, accesses); the rest of the 2^logRows rows is padding.
   * Reports only (`zisk-ts execute`); tables, whose every row is a table entry, leave it out.
   */
  readonly rows?: number;
  readonly meta: M;
}

/** The chunks a checkpoint names. */
export function checkPointChunks(cp: CheckPoint): readonly ChunkId[] {
  switch (cp.kind) {
    case 'none': return [];
    case 'single': return [cp.chunk];
    case 'multiple': return cp.chunks;
  }
}

/** A checkpoint for a list of chunks (none, one or several). */
export function checkPointOf(chunks: readonly ChunkId[]): CheckPoint {
  if (chunks.length === 0) return { kind: 'none' };
  if (chunks.length === 1) return { kind: 'single', chunk: chunks[0]! };
  return { kind: 'multiple', chunks: [...chunks] };
}

import type { ChunkId } from './plan.js';

/**
 * What one instance takes from one chunk: the operations counted in that chunk, in bus order, after
 * skipping the first `skip` (they belong to the previous instance), up to `take` of them.
 */
export interface ChunkSlice {
  readonly chunk: ChunkId;
  readonly skip: number;
  readonly take: number;
}

/**
 * The regular planner: walks the chunks in order and fills instances of `capacity` operations
 * each, splitting a chunk between two instances when it straddles them. Returns, per instance, the
 * slices of the chunks it takes. Chunks with no operations are left out.
 */
export function planByCount(counts: readonly { readonly chunk: ChunkId; readonly count: number }[], capacity: number): ChunkSlice[][] {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const instances: ChunkSlice[][] = [];
  let current: ChunkSlice[] = [];
  let room = capacity;
  for (const { chunk, count } of counts) {
    let skip = 0;
    let left = count;
    while (left > 0) {
      const take = Math.min(left, room);
      current.push({ chunk, skip, take });
      skip += take;
      left -= take;
      room -= take;
      if (room === 0) {
        instances.push(current);
        current = [];
        room = capacity;
      }
    }
  }
  if (current.length > 0) instances.push(current);
  return instances;
}

/**
 * Follows a slice while a chunk is replayed: `accept()` is called for every operation the
 * instance's state machine would count, in bus order, and says whether this instance takes it.
 */
export class SliceCursor {
  private seen = 0;

  constructor(private readonly slice: ChunkSlice) {}

  /** True for the operations inside the slice. */
  accept(): boolean {
    const i = this.seen++;
    return i >= this.slice.skip && i < this.slice.skip + this.slice.take;
  }

  /** True once every operation of the slice has been seen. */
  get done(): boolean {
    return this.seen >= this.slice.skip + this.slice.take;
  }
}

/**
 * Rows (log2) for an instance holding `rows` real rows, at most 2^logRows and at least 2^minLogRows.
 * Full instances keep the configured height; the last instance of an AIR shrinks to what it holds,
 * so a short execution does not pay for rows it never fills.
 */
export function fitLogRows(rows: number, logRows: number, minLogRows = 2): number {
  return Math.min(logRows, Math.max(minLogRows, Math.ceil(Math.log2(Math.max(1, rows)))));
}

/** Operations an instance takes over its slices. */
export function takenBy(slices: readonly ChunkSlice[]): number {
  return slices.reduce((n, s) => n + s.take, 0);
}

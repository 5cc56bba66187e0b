/**
 * Spreading a program's blocks over a worker pool. Work is cut into contiguous block ranges whose
 * results land in fixed places (matrix rows, per-range values combined in range order), so results
 * never depend on the number of workers.
 */
import { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { splitRange, type Task } from '../parallel/task.js';
import { firstNonZeroBlocks, reduceBlocks, writeBlocks, type BlockRange } from './tasks.js';

/** More ranges than workers, so that a slower core does not hold the others back. */
const RANGES_PER_WORKER = 4;

export function blockRanges(blocks: number, pool: WorkerPool | undefined): BlockRange[] {
  const parts = pool && pool.workers > 1 ? pool.workers * RANGES_PER_WORKER : 1;
  return splitRange(blocks, parts).map(([startBlock, endBlock]) => ({ startBlock, endBlock }));
}

const LOCAL: Record<string, (job: never) => unknown> = {
  firstNonZeroBlocks,
  writeBlocks,
  reduceBlocks,
};

/**
 * Runs `t` once per range, on the pool when it has more than one worker, else in this thread
 * (directly: no module import per call).
 */
export async function runRanges<J, R>(pool: WorkerPool | undefined, t: Task<J & BlockRange, R>, job: J, ranges: readonly BlockRange[]): Promise<R[]> {
  if (!pool || pool.workers === 1) {
    const fn = LOCAL[t.name] as unknown as (j: J & BlockRange) => R;
    return ranges.map((r) => fn({ ...job, ...r }));
  }
  return Promise.all(ranges.map((r) => pool.run(t, { ...job, ...r })));
}

function isShared(a: Uint32Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/**
 * The matrix as workers can read it: itself when it is SharedArrayBuffer-backed or no worker
 * thread is used, else a shared copy (allocate traces with Matrix.shared to avoid the copy).
 */
export function shareable(m: Matrix, pool: WorkerPool | undefined): Matrix {
  if (!pool || pool.workers === 1 || isShared(m.data)) return m;
  const s = Matrix.shared(m.width, m.height);
  s.data.set(m.data);
  return s;
}

/**
 * A zeroed output matrix. Always SharedArrayBuffer-backed: workers fill it in place, and the
 * prover's next passes over it (LDE, Merkle hashing) take shared matrices without a copy.
 */
export function outputMatrix(width: number, height: number): Matrix {
  return Matrix.shared(width, height);
}

// Pool tasks of the Merkle package (see src/parallel/index.ts for the convention), and the
// commitment that uses them.
import { DIGEST_WORDS, sharedPoseidon2 } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { splitRange, task } from '../parallel/task.js';
import { commit, hashLeaves, levelSizes, type Arity, type CommitOptions, type MerkleTree } from './tree.js';

/** A matrix as plain data: what crosses to a worker (its `data` over a SharedArrayBuffer). */
export interface SharedMatrix {
  width: number;
  height: number;
  data: Uint32Array;
}

export interface HashLeavesJob {
  matrices: SharedMatrix[];
  arity: Arity;
  /** Rows [rowStart, rowEnd): rowStart a multiple of arity^levels.length, rowEnd too or the height. */
  rowStart: number;
  rowEnd: number;
  /**
   * Levels 0 (leaves, 8·height words) … K over SharedArrayBuffers: the task writes the leaves of
   * its rows and the nodes of levels 1 … K above them.
   */
  levels: Uint32Array[];
}

/** Leaf digests of a row range and the subtrees above it, written in place (runs in a worker). */
export function hashSubtrees(job: HashLeavesJob): void {
  const ms = job.matrices.map((m) => new Matrix(m.width, m.height, m.data));
  const hasher = sharedPoseidon2();
  hashLeaves(ms, job.rowStart, job.rowEnd, job.levels[0]!, hasher);
  const sizes = levelSizes(ms[0]!.height, job.arity);
  let start = job.rowStart;
  let end = job.rowEnd;
  for (let k = 1; k < job.levels.length; k++) {
    // children [start, end) of level k − 1 → parents [start/arity, ceil(end/arity)) of level k
    const children = job.levels[k - 1]!.subarray(start * DIGEST_WORDS, Math.min(end, sizes[k - 1]!) * DIGEST_WORDS);
    hasher.compressLevel(children, Math.min(end, sizes[k - 1]!) - start, job.arity, job.levels[k]!, (start / job.arity) * DIGEST_WORDS);
    start /= job.arity;
    end = Math.ceil(end / job.arity);
  }
}

export const HASH_LEAVES = task<HashLeavesJob, void>(import.meta.url, 'hashSubtrees');

/** Below this many rows a commitment is hashed on the calling thread: a task's round trip costs more. */
const MIN_PARALLEL_ROWS = 1 << 10;
/**
 * Row ranges per worker: the two cores of a small machine often run at different speeds, and
 * several smaller ranges let the faster worker take more of them.
 */
const RANGES_PER_WORKER = 4;

function isShared(m: Matrix): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && m.data.buffer instanceof SharedArrayBuffer;
}

/**
 * As `commit`, with the leaves and the subtrees above them hashed on the pool's workers: the rows
 * are split into ranges of whole subtrees (a power of the arity), each task hashes its rows and
 * compresses its subtree, and the calling thread builds only the few levels above. The matrices
 * are copied into shared memory first unless they already are (pass Matrix.shared ones). The tree
 * is identical to `commit`'s for any number of workers.
 */
export async function commitParallel(
  pool: WorkerPool | undefined,
  matrices: Matrix | readonly Matrix[],
  options: Omit<CommitOptions, 'leaves' | 'lowerLevels'> = {},
): Promise<MerkleTree> {
  const list = matrices instanceof Matrix ? [matrices] : matrices;
  const height = list[0]?.height ?? 0;
  if (!pool || pool.workers === 1 || height < MIN_PARALLEL_ROWS) return commit(list, options);
  const arity = options.arity ?? 4;
  const ranges = pool.workers * RANGES_PER_WORKER;
  // The largest subtree size (a power of the arity) that still gives every range one subtree.
  let levelsPerTask = 0;
  while (arity ** (levelsPerTask + 1) * ranges <= height) levelsPerTask++;
  const unit = arity ** levelsPerTask;
  const sizes = levelSizes(height, arity);
  const levels = sizes.slice(0, levelsPerTask + 1).map((n) => new Uint32Array(new SharedArrayBuffer(4 * DIGEST_WORDS * n)));
  const shared = list.map((m) => {
    if (isShared(m)) return m;
    const s = Matrix.shared(m.width, m.height);
    s.data.set(m.data);
    return s;
  });
  const plain = shared.map((m) => ({ width: m.width, height: m.height, data: m.data }));
  await Promise.all(
    splitRange(Math.ceil(height / unit), ranges).map(([a, b]) =>
      pool.run(HASH_LEAVES, { matrices: plain, arity, rowStart: a * unit, rowEnd: Math.min(b * unit, height), levels }),
    ),
  );
  // The tree keeps the caller's matrices (open() reads rows from them); they hold the same values.
  return commit(list, { ...options, lowerLevels: levels });
}

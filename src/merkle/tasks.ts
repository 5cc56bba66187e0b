// Pool tasks of the Merkle package (see src/parallel/index.ts for the convention), and the
// commitment that uses them.
import { DIGEST_WORDS } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import { splitRange, task, type WorkerPool } from '../parallel/index.js';
import { commit, hashLeaves, type CommitOptions, type MerkleTree } from './tree.js';

/** A matrix as plain data: what crosses to a worker (its `data` over a SharedArrayBuffer). */
export interface SharedMatrix {
  width: number;
  height: number;
  data: Uint32Array;
}

export interface HashLeavesJob {
  matrices: SharedMatrix[];
  /** Rows [rowStart, rowEnd). */
  rowStart: number;
  rowEnd: number;
  /** 8·height words over a SharedArrayBuffer; the task writes words 8·rowStart … 8·rowEnd. */
  leaves: Uint32Array;
}

/** Leaf digests of a row range, written in place (runs in a worker). */
export function hashLeavesRange(job: HashLeavesJob): void {
  const ms = job.matrices.map((m) => new Matrix(m.width, m.height, m.data));
  hashLeaves(ms, job.rowStart, job.rowEnd, job.leaves);
}

export const HASH_LEAVES = task<HashLeavesJob, void>(import.meta.url, 'hashLeavesRange');

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
 * As `commit`, with the leaf digests hashed on the pool's workers (row ranges of the matrices,
 * which are copied into shared memory first unless they already are: pass Matrix.shared ones).
 * The levels above the leaves are built on the calling thread. The tree is identical to
 * `commit`'s for any number of workers.
 */
export async function commitParallel(
  pool: WorkerPool | undefined,
  matrices: Matrix | readonly Matrix[],
  options: Omit<CommitOptions, 'leaves'> = {},
): Promise<MerkleTree> {
  const list = matrices instanceof Matrix ? [matrices] : matrices;
  const height = list[0]?.height ?? 0;
  if (!pool || pool.workers === 1 || height < MIN_PARALLEL_ROWS) return commit(list, options);
  const shared = list.map((m) => {
    if (isShared(m)) return m;
    const s = Matrix.shared(m.width, m.height);
    s.data.set(m.data);
    return s;
  });
  const leaves = new Uint32Array(new SharedArrayBuffer(4 * DIGEST_WORDS * height));
  const plain = shared.map((m) => ({ width: m.width, height: m.height, data: m.data }));
  await Promise.all(
    splitRange(height, pool.workers * RANGES_PER_WORKER).map(([rowStart, rowEnd]) =>
      pool.run(HASH_LEAVES, { matrices: plain, rowStart, rowEnd, leaves }),
    ),
  );
  // The tree keeps the caller's matrices (open() reads rows from them); they hold the same values.
  return commit(list, { ...options, leaves });
}

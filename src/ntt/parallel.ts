/**
 * The LDE of a wide Matrix over a worker pool: columns are split into contiguous ranges, one task
 * per worker, each writing its columns of a shared result in place. The result is byte-identical
 * to `lde` whatever the number of workers, since every column is computed by the same code alone.
 */
import { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { lde, ldeHeight, ldeJob, type EvaluationOrder } from './lde.js';
import { LDE_COLUMNS } from './tasks.js';

function isShared(m: Matrix): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && m.data.buffer instanceof SharedArrayBuffer;
}

/**
 * As `lde`, on the pool's workers. The result is a SharedArrayBuffer-backed Matrix. Pass a
 * Matrix.shared as input (trace builders should allocate that way): any other input is first
 * copied into shared memory. One column is never split: a matrix narrower than the pool leaves
 * workers idle.
 */
export async function ldeParallel(
  pool: WorkerPool,
  m: Matrix,
  logBlowup: number,
  shift: bigint,
  order: EvaluationOrder = 'natural',
): Promise<Matrix> {
  const height = ldeHeight(m, logBlowup);
  if (pool.workers === 1 || m.width <= 1) return lde(m, logBlowup, shift, order, Matrix.shared(m.width, height));
  let src = m;
  if (!isShared(m)) {
    src = Matrix.shared(m.width, m.height);
    src.data.set(m.data);
  }
  const out = Matrix.shared(m.width, height);
  const job = ldeJob(src, logBlowup, shift, order, out);
  await Promise.all(pool.ranges(m.width).map(([colStart, colEnd]) => pool.run(LDE_COLUMNS, { ...job, colStart, colEnd })));
  return out;
}

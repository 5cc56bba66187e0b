/**
 * The out-of-domain openings: every column of a trace-domain matrix at ζ (and the next-row
 * columns at ζ·ω), by barycentric evaluation over the n trace rows (src/ntt) — cheaper than from
 * the LDE. The weights of a point (a batch inversion over n extension elements, the costly part)
 * are computed once per point and serve every matrix of the instance; then each column costs one
 * dot product, and a pool splits the columns into ranges.
 */
import { barycentricWeights, evaluateWithWeights, type BarycentricWeights } from '../ntt/index.js';
import type { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { splitRange, task } from '../parallel/task.js';

export interface OpeningsJob {
  /** Column-major data of columns of `height` rows. */
  data: Uint32Array;
  height: number;
  /** The columns to evaluate, in output order. */
  cols: number[];
  /** The point's weights (over a SharedArrayBuffer when sent to workers). */
  weights: BarycentricWeights;
}

/** The columns `cols` at the weights' point: 6 words each, in the order of `cols`. */
export function openColumns(job: OpeningsJob): Uint32Array {
  const n = job.height;
  const { cols } = job;
  const first = cols[0] ?? 0;
  // Consecutive columns (the common case: all of them) are read in place.
  const block = cols.every((c, j) => c === first + j)
    ? job.data.subarray(2 * first * n, 2 * (first + cols.length) * n)
    : new Uint32Array(2 * n * cols.length);
  if (block.buffer !== job.data.buffer) cols.forEach((c, j) => block.set(job.data.subarray(2 * c * n, 2 * (c + 1) * n), 2 * j * n));
  return evaluateWithWeights(block, cols.length, n, job.weights);
}

export const OPEN_COLUMNS = task<OpeningsJob, Uint32Array>(import.meta.url, 'openColumns');

/** Below this many cells (rows × columns) the openings are computed on the calling thread. */
const MIN_PARALLEL_CELLS = 1 << 16;

/** The weights of z (6 words) over n trace rows, in shared memory when a pool will read them. */
export function openingWeights(n: number, z: Uint32Array, pool?: WorkerPool): BarycentricWeights {
  const shared = pool !== undefined && pool.workers > 1 && typeof SharedArrayBuffer !== 'undefined';
  return barycentricWeights(n, z, 1n, shared ? new Uint32Array(new SharedArrayBuffer(24 * n)) : undefined);
}

/** One request: columns `cols` at the point of `weights`. */
export interface OpeningRequest {
  readonly cols: readonly number[];
  readonly weights: BarycentricWeights;
}

/**
 * The requested columns of `m` (trace domain, natural order), 6 words a column, one array per
 * request. A matrix outside shared memory is copied there once for all requests.
 */
export async function openingsAt(m: Matrix, requests: readonly OpeningRequest[], pool?: WorkerPool): Promise<Uint32Array[]> {
  const cells = requests.reduce((a, r) => a + r.cols.length, 0) * m.height;
  if (!pool || pool.workers === 1 || cells < MIN_PARALLEL_CELLS) {
    return requests.map((r) => openColumns({ data: m.data, height: m.height, cols: [...r.cols], weights: r.weights }));
  }
  let data = m.data;
  if (!(data.buffer instanceof SharedArrayBuffer)) {
    // Workers read the columns in place; a trace built in ordinary memory is copied once.
    data = new Uint32Array(new SharedArrayBuffer(4 * m.data.length));
    data.set(m.data);
  }
  return Promise.all(
    requests.map(async (r) => {
      if (r.cols.length === 0) return new Uint32Array(0);
      const parts = await Promise.all(
        splitRange(r.cols.length, pool.workers).map(([a, b]) => pool.run(OPEN_COLUMNS, { data, height: m.height, cols: r.cols.slice(a, b), weights: r.weights })),
      );
      const out = new Uint32Array(6 * r.cols.length);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    }),
  );
}

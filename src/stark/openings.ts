/**
 * The out-of-domain openings: every column of a trace-domain matrix at ζ (and the next-row
 * columns at ζ·ω), by barycentric evaluation over the n trace rows (src/ntt evaluateAtPoint) —
 * cheaper than from the LDE. Columns are independent: a pool splits them into ranges.
 */
import { Matrix } from '../matrix/index.js';
import { evaluateAtPoint } from '../ntt/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { splitRange, task } from '../parallel/task.js';

export interface OpeningsJob {
  /** Column-major data of `width` columns of `height` rows. */
  data: Uint32Array;
  height: number;
  /** The columns to evaluate, in output order. */
  cols: number[];
  /** The point, one extension element (6 words). */
  z: Uint32Array;
}

/** The columns `cols` at z: 6 words each, in the order of `cols`. */
export function openColumns(job: OpeningsJob): Uint32Array {
  const n = job.height;
  const m = new Matrix(job.cols.length, n);
  job.cols.forEach((c, j) => m.column(j).set(job.data.subarray(2 * c * n, 2 * (c + 1) * n)));
  return evaluateAtPoint(m, job.z);
}

export const OPEN_COLUMNS = task<OpeningsJob, Uint32Array>(import.meta.url, 'openColumns');

/** Below this many cells (rows × columns) the openings are computed on the calling thread. */
const MIN_PARALLEL_CELLS = 1 << 16;

/** Columns `cols` of `m` (trace domain, natural order) at z, 6 words each. */
export async function openingsAt(m: Matrix, cols: readonly number[], z: Uint32Array, pool?: WorkerPool): Promise<Uint32Array> {
  const job: OpeningsJob = { data: m.data, height: m.height, cols: [...cols], z };
  if (!pool || pool.workers === 1 || cols.length < 2 || cols.length * m.height < MIN_PARALLEL_CELLS) return openColumns(job);
  if (!(m.data.buffer instanceof SharedArrayBuffer)) {
    // Workers read the columns in place; a trace built in ordinary memory is copied once.
    job.data = new Uint32Array(new SharedArrayBuffer(4 * m.data.length));
    job.data.set(m.data);
  }
  const parts = await Promise.all(
    splitRange(cols.length, pool.workers).map(([a, b]) => pool.run(OPEN_COLUMNS, { ...job, cols: job.cols.slice(a, b) })),
  );
  const out = new Uint32Array(6 * cols.length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Pool tasks of the field package (see src/parallel/index.ts for the convention).
import { task } from '../parallel/task.js';
import { batchMul } from './batch.js';

export interface MulRangeJob {
  a: Uint32Array;
  b: Uint32Array;
  out: Uint32Array;
  /** Elements [start, end). */
  start: number;
  end: number;
}

/** out[i] = a[i]·b[i] on [start, end); the arrays are SharedArrayBuffer-backed to be filled in place. */
export function mulRange(job: MulRangeJob): void {
  const { a, b, out, start, end } = job;
  batchMul(a.subarray(2 * start, 2 * end), b.subarray(2 * start, 2 * end), out.subarray(2 * start, 2 * end));
}

export const MUL_RANGE = task<MulRangeJob, void>(import.meta.url, 'mulRange');

// Pool tasks of the NTT package (see src/parallel/index.ts for the convention).
import { task } from '../parallel/task.js';
import { ldeColumns, type LdeJob } from './lde.js';
import { ntt } from './transform.js';

export { ldeColumns };

/** LDE of the column range [colStart, colEnd) of a job, written into job.dst in place. */
export const LDE_COLUMNS = task<LdeJob, void>(import.meta.url, 'ldeColumns');

export interface TransformJob {
  /** Column-major data of columns of 2^logN elements, SharedArrayBuffer-backed. */
  data: Uint32Array;
  logN: number;
  colStart: number;
  colEnd: number;
}

/** Forward NTT, natural → natural, of each column in [colStart, colEnd), in place. */
export function nttColumns(job: TransformJob): void {
  const n = 1 << job.logN;
  for (let c = job.colStart; c < job.colEnd; c++) ntt(job.data.subarray(2 * c * n, 2 * (c + 1) * n));
}

export const NTT_COLUMNS = task<TransformJob, void>(import.meta.url, 'nttColumns');

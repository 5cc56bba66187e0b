// Pool tasks of the NTT package (see src/parallel/index.ts for the convention).
import { task } from '../parallel/index.js';
import { ldeColumns, type LdeJob } from './lde.js';

export { ldeColumns };

/** LDE of the column range [colStart, colEnd) of a job, written into job.dst in place. */
export const LDE_COLUMNS = task<LdeJob, void>(import.meta.url, 'ldeColumns');

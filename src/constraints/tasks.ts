// Pool tasks of the constraint engine (see src/parallel/index.ts for the convention). Each task runs
// one range of blocks of a compiled program with this thread's engine; a job carries the program
// and the data as plain typed arrays, never the Air.
import { task } from '../parallel/task.js';
import { Engine, type EvalJob } from './engine.js';

/** Blocks [startBlock, endBlock) of the domain. */
export interface BlockRange {
  readonly startBlock: number;
  readonly endBlock: number;
}

export interface FirstNonZeroJob extends EvalJob, BlockRange {
  /** The output (index into program.outputs) to scan. */
  readonly output: number;
}

/** The first row of the range where the output is non-zero, or −1. */
export function firstNonZeroBlocks(job: FirstNonZeroJob): number {
  const e = Engine.get();
  e.begin(job);
  const B = e.rows;
  const slot = job.program.outputs[job.output]!;
  for (let blk = job.startBlock; blk < job.endBlock; blk++) {
    e.block(blk * B);
    const j = e.firstNonZero(slot);
    if (j >= 0) return blk * B + j;
  }
  return -1;
}

export const FIRST_NON_ZERO = task<FirstNonZeroJob, number>(import.meta.url, 'firstNonZeroBlocks');

export interface WriteJob extends EvalJob, BlockRange {
  /** Destination matrix data (column-major, `outHeight` rows), SharedArrayBuffer-backed across threads. */
  readonly out: Uint32Array;
  readonly outHeight: number;
  /** For each program output: its first destination column, and its width (1, or 3 for a triple). */
  readonly columns: Int32Array;
  readonly widths: Int32Array;
}

/** Evaluates the range and writes every output's rows into its columns of `out`; returns the scalar slots afterwards (reductions). */
export function writeBlocks(job: WriteJob): Uint32Array {
  const e = Engine.get();
  e.begin(job);
  const B = e.rows;
  const { out, outHeight, columns, widths } = job;
  const outputs = job.program.outputs;
  for (let blk = job.startBlock; blk < job.endBlock; blk++) {
    const s = blk * B;
    e.block(s);
    for (let k = 0; k < outputs.length; k++) {
      for (let c = 0; c < widths[k]!; c++) {
        out.set(e.view(outputs[k]! + c), 2 * ((columns[k]! + c) * outHeight + s));
      }
    }
  }
  return e.scalars();
}

export const WRITE_BLOCKS = task<WriteJob, Uint32Array>(import.meta.url, 'writeBlocks');

/** Runs the range for its reductions (RSUM3, RDOT3, CNTNZ) and returns the scalar slots afterwards. */
export function reduceBlocks(job: EvalJob & BlockRange): Uint32Array {
  const e = Engine.get();
  e.begin(job);
  const B = e.rows;
  for (let blk = job.startBlock; blk < job.endBlock; blk++) e.block(blk * B);
  return e.scalars();
}

export const REDUCE_BLOCKS = task<EvalJob & BlockRange, Uint32Array>(import.meta.url, 'reduceBlocks');

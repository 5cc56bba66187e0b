/**
 * Main's planner: the execution is cut into segments of 2^logRows rows, each a whole number of
 * chunks (ZisK's main planner). Main needs no counting: the chunk summaries say how many chunks
 * there are and whether the last one ends the execution.
 */
import type { PlanContext } from '../../executor/index.js';
import { checkPointOf, fitLogRows, type Plan } from '../../planner/index.js';
import { mainAir, MAX_LOG_ROWS } from './air.js';
import type { MainMeta } from './instance.js';

export function planMain(ctx: PlanContext): Plan<MainMeta>[] {
  const logRows = ctx.logRowsOf(mainAir);
  if (!Number.isInteger(logRows) || logRows < 1 || logRows > MAX_LOG_ROWS) {
    throw new RangeError(`Main: logRows must be an integer in [1, ${MAX_LOG_ROWS}] (register links are checked below 2^24 = 4·2^22), got ${logRows}`);
  }
  const rows = 2 ** logRows;
  const { chunkSize, chunks } = ctx;
  if (rows % chunkSize !== 0) {
    throw new RangeError(`Main: a segment of 2^${logRows} rows must be a whole number of chunks of ${chunkSize} steps`);
  }
  if (chunks.length === 0) throw new Error('Main: the execution has no chunks');
  chunks.forEach((ch, k) => {
    if (ch.chunk !== k) throw new Error(`Main: chunk ${ch.chunk} is listed at position ${k}`);
    if (k < chunks.length - 1 && (ch.steps !== chunkSize || ch.end)) throw new Error(`Main: chunk ${k} is not a full chunk of ${chunkSize} steps`);
  });
  if (!chunks[chunks.length - 1]!.end) {
    throw new Error('Main: the execution did not reach the end instruction, so it cannot be proved (raise the step limit?)');
  }
  const perSegment = rows / chunkSize;
  const segments = Math.ceil(chunks.length / perSegment);
  const plans: Plan<MainMeta>[] = [];
  for (let s = 0; s < segments; s++) {
    const mine = chunks.slice(s * perSegment, (s + 1) * perSegment);
    const ids = mine.map((ch) => ch.chunk);
    // The last segment shrinks to its steps (padding repeats the end instruction up to a power of two).
    const last = s === segments - 1;
    const steps = mine.reduce((n, ch) => n + ch.steps, 0);
    plans.push({
      air: mainAir,
      segment: s,
      instanceType: 'instance',
      checkPoint: checkPointOf(ids),
      logRows: last ? fitLogRows(steps, logRows) : logRows,
      rows: steps,
      meta: { isLastSegment: s === segments - 1, chunkSize },
    });
  }
  return plans;
}

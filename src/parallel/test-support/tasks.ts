// Tasks used only by the pool's own tests.
import { task, transfer } from '../index.js';

export function fillRange(job: { data: Int32Array; start: number; end: number; value: number }): number {
  for (let i = job.start; i < job.end; i++) job.data[i] = job.value + i;
  return job.end - job.start;
}
export const FILL_RANGE = task<{ data: Int32Array; start: number; end: number; value: number }, number>(import.meta.url, 'fillRange');

export function fail(message: string): never {
  throw new Error(message);
}
export const FAIL = task<string, never>(import.meta.url, 'fail');

export const MISSING = task<void, void>(import.meta.url, 'noSuchExport');

/** Fills a fresh array and moves it back (transfer); reports whether it is detached afterwards, through `seen`. */
let last: Uint32Array | undefined;
export function makeAndMove(n: number): ReturnType<typeof transfer<{ data: Uint32Array }>> {
  const data = new Uint32Array(n).map((_, i) => i * 3);
  last = data;
  return transfer({ data }, [data.buffer]);
}
export const MAKE_AND_MOVE = task<number, { data: Uint32Array }>(import.meta.url, 'makeAndMove');

/** The length of the array the previous makeAndMove in this thread made (0 once it has moved away). */
export function lastLength(): number {
  return last?.length ?? -1;
}
export const LAST_LENGTH = task<void, number>(import.meta.url, 'lastLength');

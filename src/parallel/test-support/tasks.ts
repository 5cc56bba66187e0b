// Tasks used only by the pool's own tests.
import { task } from '../index.js';

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

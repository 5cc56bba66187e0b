// Shared helpers for the benchmarks: timing with medians, and the JSON-lines output format.
import { loadavg } from 'node:os';
export interface Record {
  name: string;
  value: number;
  unit: string;
  n: number;
  [extra: string]: unknown;
}

/** Prints one record; `load1` (the 1-minute load average) tells how busy the machine was. */
export function emit(r: Record): void {
  process.stdout.write(JSON.stringify({ ...r, load1: Math.round(loadavg()[0]! * 100) / 100 }) + '\n');
}

/** Runs `fn` once to warm up, then `runs` times; returns the median duration in ms. */
export function medianMs(fn: () => void, runs = 7): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1]!;
}

export async function medianMsAsync(fn: () => Promise<void>, runs = 5): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1]!;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Canonical pseudo-random u64 pairs (high halves kept below 2^31). */
export function randomWords(elements: number, seed = 1): Uint32Array {
  let x = seed >>> 0 || 1;
  const out = new Uint32Array(2 * elements);
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = i & 1 ? x & 0x7fffffff : x;
  }
  return out;
}

/** The worker counts to measure: 1 and 2, or as given by BENCH_WORKERS=1,2,4. */
export function workerCounts(): number[] {
  const env = process.env['BENCH_WORKERS'];
  return env ? env.split(',').map(Number) : [1, 2];
}

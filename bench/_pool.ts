// A minimal fixed pool for the benchmarks (the project's worker pool lives in src/parallel).
import { Worker } from 'node:worker_threads';
import type { Task } from './_hash-tasks.js';

export class BenchPool {
  private readonly workers: Worker[];

  constructor(size: number) {
    const entry = new URL('./_hash-tasks.ts', import.meta.url).href;
    this.workers = Array.from({ length: size }, () => new Worker(new URL('./_worker.mjs', import.meta.url), { workerData: { entry } }));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs one task per worker and resolves when all are done. */
  run(tasks: readonly Task[]): Promise<void> {
    return Promise.all(
      tasks.map(
        (t, i) =>
          new Promise<void>((resolve, reject) => {
            const w = this.workers[i % this.workers.length]!;
            const onError = (e: Error) => reject(e);
            w.once('error', onError);
            w.once('message', () => {
              w.off('error', onError);
              resolve();
            });
            w.postMessage(t);
          }),
      ),
    ).then(() => undefined);
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function emit(name: string, value: number, unit: string, n: number, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ name, value: Number(value.toPrecision(4)), unit, n, ...extra }));
}

/**
 * A pool of worker threads that runs named tasks (see index.ts for the task convention).
 * Built on piscina (task queue, worker lifecycle); this file adds the in-thread mode for one worker
 * and starting workers from TypeScript sources (task naming is in task.ts).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { isTransferred, splitRange, type Task } from './task.js';

export interface PoolOptions {
  /** Number of workers; default: the available cores. 1 runs every task in the calling thread. */
  workers?: number;
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

// Workers start from worker.js in dist/; from the TypeScript sources (tests, tsx) they start from a
// bootstrap that registers tsx first, because Node 20 does not pass loaders to worker threads.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(FROM_SOURCE ? './ts-worker.mjs' : './worker.js', import.meta.url).href;

interface Envelope {
  module: string;
  name: string;
  args: unknown;
}

export class WorkerPool {
  readonly workers: number;
  private readonly piscina: Piscina | undefined;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    const workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${workers}`);
    this.workers = workers;
    if (workers > 1) {
      this.piscina = new Piscina({ filename: WORKER_FILE, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
    }
  }

  /**
   * Runs `t` with `args` on a worker (or in this thread when workers = 1). Arguments are structured-
   * cloned: typed arrays over a SharedArrayBuffer (Matrix.shared) are shared, so a task can fill
   * them in place; other typed arrays are copied, and writes to the copies are lost.
   */
  async run<A, R>(t: Task<A, R>, args: A): Promise<R> {
    if (this.closed) throw new Error('WorkerPool.run: the pool is closed');
    if (!this.piscina) {
      const mod = (await import(t.module)) as Record<string, unknown>;
      const fn = mod[t.name];
      if (typeof fn !== 'function') throw new TypeError(`task ${t.name} is not a function exported by ${t.module}`);
      const r = (await (fn as (a: A) => unknown)(args)) as unknown;
      return (isTransferred(r) ? r.value : r) as R;
    }
    const envelope: Envelope = { module: t.module, name: t.name, args };
    return (await this.piscina.run(envelope)) as R;
  }

  /** Contiguous ranges of [0, count), one per worker at most. */
  ranges(count: number): Array<[number, number]> {
    return splitRange(count, this.workers);
  }

  /** Waits for running tasks and stops the workers; the process can then exit. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.piscina?.close();
  }
}

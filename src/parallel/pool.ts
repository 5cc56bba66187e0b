/**
 * A pool of worker threads that runs named tasks (see index.ts for the task convention).
 * Built on piscina (task queue, worker lifecycle); this file adds the task naming, the in-thread
 * mode for one worker, and starting workers from TypeScript sources.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

/** A task: the exported function `name` of the module at URL `module`, taking A, returning R. */
export interface Task<A, R> {
  readonly module: string;
  readonly name: string;
  /** Phantom: carries the argument and result types; never set. */
  readonly types?: (args: A) => R;
}

/** Names the exported function `name` of the module whose `import.meta.url` is `moduleUrl` as a task. */
export function task<A, R>(moduleUrl: string, name: string): Task<A, R> {
  return { module: moduleUrl, name };
}

const TRANSFER = Symbol.for('zisk-ts.transfer');

/** A task's result whose buffers move to the caller instead of being copied (see `transfer`). */
export interface Transferred<R> {
  readonly [TRANSFER]: true;
  readonly value: R;
  readonly buffers: readonly ArrayBuffer[];
}

/**
 * Marks a task's result so that `buffers` (ArrayBuffers the result's typed arrays live in) move to
 * the calling thread rather than being copied; the task must not use them afterwards (they are
 * detached). Return it from the task; `pool.run` resolves to `value` either way. SharedArrayBuffers
 * need no transfer and must not be listed.
 */
export function transfer<R>(value: R, buffers: readonly ArrayBuffer[]): Transferred<R> {
  return { [TRANSFER]: true, value, buffers };
}

/** The value of a result, unwrapped if it was marked with `transfer`. */
export function isTransferred(x: unknown): x is Transferred<unknown> {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[TRANSFER] === true;
}

export interface PoolOptions {
  /** Number of workers; default: the available cores. 1 runs every task in the calling thread. */
  workers?: number;
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Splits [0, count) into at most `parts` contiguous non-empty ranges of near-equal length. */
export function splitRange(count: number, parts: number): Array<[number, number]> {
  const k = Math.max(1, Math.min(parts, count));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) {
    const start = Math.floor((i * count) / k);
    const end = Math.floor(((i + 1) * count) / k);
    if (end > start) out.push([start, end]);
  }
  return out;
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

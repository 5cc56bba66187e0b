/**
 * The pure half of the pool's vocabulary: naming a task, marking a result to move, splitting a
 * range. No Node API here, so that a module declaring tasks (ntt, merkle, constraints, stark) stays
 * importable where there are no worker threads (the browser verifier's bundle): such modules take
 * these values from this file and the WorkerPool only as a type.
 */
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

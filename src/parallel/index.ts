/**
 * The worker pool that spreads heavy passes (NTT/LDE, Merkle hashing, quotient evaluation) over
 * cores. Results never depend on the number of workers: tasks split work into independent pieces
 * (column ranges, row blocks) whose outputs land in fixed places.
 *
 * How to add a task (no central registry — a task is an exported function of a module):
 *
 *   // src/merkle/tasks.ts
 *   import { task } from '../parallel/index.js';
 *   export function hashLeaves(job: HashJob): void { ... }          // runs in a worker
 *   export const HASH_LEAVES = task<HashJob, void>(import.meta.url, 'hashLeaves');
 *
 *   // caller
 *   await Promise.all(pool.ranges(rows).map(([s, e]) => pool.run(HASH_LEAVES, { ...job, start: s, end: e })));
 *
 * Rules for a task: its arguments and result are structured-cloneable plain data; bulk data travels
 * as typed arrays over SharedArrayBuffers (Matrix.shared) that the task reads and fills in place;
 * it is deterministic; it may keep per-worker caches in module state (kernel instances, tables). A
 * result built in fresh typed arrays can move back instead of being copied: return
 * `transfer(result, buffers)`.
 * The module must be importable on its own (workers import it by URL), from src/ (.ts, tsx) and
 * from dist/ (.js) alike — `import.meta.url` gives the right one in each.
 *
 * Lifecycle: `new WorkerPool({ workers })` starts the threads (default: available cores; 1 = run
 * every task in the calling thread, no threads); `await pool.close()` stops them — always close a
 * pool, or the process keeps running.
 */
export { WorkerPool, task, transfer, isTransferred, splitRange, defaultWorkerCount, type Task, type PoolOptions, type Transferred } from './pool.js';

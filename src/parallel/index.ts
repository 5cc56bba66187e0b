/**
 * The worker pool that spreads heavy passes (NTT/LDE, Merkle hashing, quotient evaluation) over
 * cores. Results never depend on the number of workers: tasks split work into independent pieces
 * (column ranges, row blocks) whose outputs land in fixed places.
 *
 * How to add a task (no central registry — a task is an exported function of a module):
 *
 *   // src/merkle/tasks.ts
 *   import { task } from '../parallel/task.js';
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
 *
 * task.ts holds what a task module needs (task, transfer, splitRange) and no Node API. A task
 * module imports those from task.ts and WorkerPool only as a type, so that it stays usable without
 * worker threads: the browser verifier's bundle goes through ntt, merkle, constraints and stark
 * modules that declare tasks, and must not pull in piscina or node:os.
 */
export { WorkerPool, defaultWorkerCount, type PoolOptions } from './pool.js';
export { task, transfer, isTransferred, splitRange, type Task, type Transferred } from './task.js';

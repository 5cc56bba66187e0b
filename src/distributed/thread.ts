/**
 * The thread a worker process runs its jobs in. A job's work is long synchronous stretches (LDEs,
 * Merkle trees, witnesses); run on the main thread they would stop BullMQ from renewing the job's
 * lock, and a busy worker would look dead (its job "stalled" and run again elsewhere). Here the
 * main thread stays free to renew locks and send heartbeats, and a job that times out is stopped
 * for real by terminating its thread.
 *
 * Messages: in { seq, data: JobData }, out { seq, ok: true } or { seq, ok: false, message,
 * unrecoverable } (a malformed job or data: retrying cannot help).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DescriptorError } from '../executor/index.js';
import { WorkerPool } from '../parallel/index.js';
import { connectRedis, type RedisConfig } from './connection.js';
import { MessageError, type JobData } from './messages.js';
import { JobStore } from './store.js';
import { loadContext, runJob, Stage1Cache, type JobContext, type StageOptions } from './work.js';

export interface ThreadData {
  readonly redis: RedisConfig;
  readonly queue: string;
  readonly threads: number;
  /** Bytes of stage-1 results kept for this worker's own stage-2 jobs (0: none). */
  readonly cacheBytes: number;
  /** Test hooks (worker.ts): the stage to die in, the stage whose first proof to corrupt. */
  readonly dieAt?: string | undefined;
  readonly corruptAt?: string | undefined;
}

export type ThreadRequest = { readonly seq: number; readonly data: JobData };
export type ThreadReply = { readonly seq: number; readonly ok: true } | { readonly seq: number; readonly ok: false; readonly message: string; readonly unrecoverable: boolean };

const init = workerData as ThreadData;
const port = parentPort!;
const redis = await connectRedis(init.redis);
const pool = new WorkerPool({ workers: init.threads });
const contexts = new Map<string, Promise<JobContext>>();
const cache = init.cacheBytes > 0 ? new Stage1Cache(init.cacheBytes) : undefined;
let corrupted = false;

async function handle(data: JobData): Promise<void> {
  const store = new JobStore(redis, init.queue, data.job);
  const key = `${data.job}/${data.nonce}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = loadContext(store, data.nonce);
    contexts.set(key, ctx);
    ctx.catch(() => contexts.delete(key));
    // One proof job at a time is the common case: keep the two most recent contexts.
    while (contexts.size > 2) contexts.delete(contexts.keys().next().value!);
  }
  const stage: StageOptions = {
    pool,
    cache,
    ...(init.dieAt === data.kind ? { midway: () => void process.kill(process.pid, 'SIGKILL') } : {}),
    ...(init.corruptAt === data.kind && !corrupted
      ? {
          tamper: (b: Uint8Array) => {
            corrupted = true;
            const c = b.slice();
            c[c.length - 9]! ^= 0x01;
            return c;
          },
        }
      : {}),
  };
  try {
    await runJob(store, await ctx, data, stage);
  } finally {
    await store.flushStats('workers').catch(() => {});
  }
}

port.on('message', (req: ThreadRequest) => {
  handle(req.data).then(
    () => port.postMessage({ seq: req.seq, ok: true } satisfies ThreadReply),
    (e: unknown) =>
      port.postMessage({
        seq: req.seq,
        ok: false,
        message: e instanceof Error ? e.message : String(e),
        unrecoverable: e instanceof MessageError || e instanceof DescriptorError,
      } satisfies ThreadReply),
  );
});
port.postMessage({ seq: -1, ok: true } satisfies ThreadReply);

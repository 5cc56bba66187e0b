/**
 * A worker process: takes count, stage-1 and stage-2 jobs from one BullMQ queue and runs them
 * (work.ts). It holds no state a proof depends on: a job may run on any worker, any number of times,
 * and always stores the same result under the same key.
 *
 * Faults: BullMQ holds a lock on each running job, renewed every lockMs/2; a worker that dies loses
 * it, and after lockMs another worker's stalled-job check puts the job back in the queue. A job
 * that throws or runs longer than the job timeout is retried (3 attempts in all) — a timed-out job's
 * late result is harmless, being the same. A job whose data is malformed or of another version fails
 * at once without retries. When Redis goes away for longer than the grace period, the worker stops
 * with an error naming it.
 *
 * Test hooks (environment, for the fault tests only): ZISK_TEST_DIE_AT=s1|s2 makes the worker kill
 * itself with SIGKILL in the middle of its first job of that stage (after the work, before the
 * result is stored); ZISK_TEST_CORRUPT=s2 flips one byte of the first instance proof it returns.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { DescriptorError } from '../executor/index.js';
import { WorkerPool } from '../parallel/index.js';
import { connectRedis, redisOptions, unavailable, type RedisConfig } from './connection.js';
import { checkJobData, MessageError, type JobData } from './messages.js';
import { bullQueueName, JobStore, workersKey } from './store.js';
import { loadContext, runJob, type JobContext, type StageOptions } from './work.js';

export const DEFAULT_QUEUE = 'proofs';
/** Default job lock: a synchronous stretch of a job (one LDE, one witness) must stay below half of it. */
export const DEFAULT_LOCK_MS = 60_000;
export const DEFAULT_JOB_TIMEOUT_MS = 30 * 60_000;

export interface WorkerOptions {
  readonly redis: RedisConfig;
  /** The queue to take jobs from (default 'proofs'): a worker never sees another queue's jobs. */
  readonly queue?: string | undefined;
  /** Jobs run at once (default 1). */
  readonly concurrency?: number | undefined;
  /** Threads of this worker's pool (default 1: one thread per worker process). */
  readonly threads?: number | undefined;
  readonly lockMs?: number | undefined;
  readonly jobTimeoutMs?: number | undefined;
  /** A name for this worker in status output (default host:pid:random). */
  readonly id?: string | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface RunningWorker {
  readonly id: string;
  /** Resolves when the worker stopped (close()), rejects when it lost Redis. */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

function hooks(): StageOptions & { dieAt?: string; corruptAt?: string } {
  const dieAt = process.env['ZISK_TEST_DIE_AT'];
  const corruptAt = process.env['ZISK_TEST_CORRUPT'];
  return { ...(dieAt ? { dieAt } : {}), ...(corruptAt ? { corruptAt } : {}) };
}

/** Starts a worker on `options.queue`; it runs until close() or until Redis is lost. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = options.log ?? (() => {});
  const redis = await connectRedis(options.redis);
  const pool = new WorkerPool({ workers: options.threads ?? 1 });
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const timeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const contexts = new Map<string, Promise<JobContext>>();
  const test = hooks();
  let jobs = 0;
  let corrupted = false;

  const heartbeat = async () => {
    await redis.hset(workersKey(queue), id, JSON.stringify({ host: hostname(), pid: process.pid, seen: Date.now(), jobs }));
  };
  await heartbeat();

  const process1 = async (job: Job): Promise<void> => {
    let data: JobData;
    try {
      data = checkJobData(job.name, job.data);
    } catch (e) {
      throw new UnrecoverableError(`rejected job ${job.id}: ${(e as Error).message}`);
    }
    const store = new JobStore(redis, queue, data.job);
    const key = `${data.job}/${data.nonce}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = loadContext(store, data.nonce);
      contexts.set(key, ctx);
      ctx.catch(() => contexts.delete(key));
      // One proof job at a time is the common case: keep the two most recent contexts.
      while (contexts.size > 2) contexts.delete(contexts.keys().next().value!);
    }
    const field = `${data.kind}:${data.index}`;
    await redis.multi().hincrby(store.key('runs'), field, 1).hset(store.key('running'), field, id).exec();
    log(`${data.job} ${field}: started`);
    const t0 = performance.now();
    const stage: StageOptions = {
      pool,
      ...(test.dieAt === data.kind ? { midway: () => void process.kill(process.pid, 'SIGKILL') } : {}),
      ...(test.corruptAt === data.kind && !corrupted
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
    } catch (e) {
      if (e instanceof MessageError || e instanceof DescriptorError) throw new UnrecoverableError((e as Error).message);
      throw e;
    } finally {
      await redis.hdel(store.key('running'), field).catch(() => {});
      await store.flushStats('workers').catch(() => {});
    }
    jobs++;
    log(`${data.job} ${field}: done in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    await heartbeat();
  };

  const processor = (job: Job): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`job ${job.id} timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return Promise.race([process1(job), timeout]).finally(() => clearTimeout(timer));
  };

  const { lazyConnect: _lazy, ...bullOptions } = redisOptions(options.redis, true);
  const worker = new Worker(bullQueueName(queue), processor, {
    connection: bullOptions,
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 3,
    autorun: true,
  });
  worker.on('error', () => {}); // connection trouble surfaces as the store client's 'end' below
  worker.on('failed', (job, err) => log(`${job?.id ?? '?'}: failed: ${err.message}`));
  const beat = setInterval(() => void heartbeat().catch(() => {}), Math.min(2000, lockMs));

  let closing = false;
  let resolveDone!: () => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<void>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  const stop = async () => {
    clearInterval(beat);
    await worker.close(true).catch(() => {});
    await pool.close();
    redis.disconnect();
  };
  // The store client gives up reconnecting after the grace period: then the worker stops.
  redis.on('end', () => {
    if (closing) return;
    closing = true;
    void stop().finally(() => rejectDone(unavailable(options.redis, new Error('the connection was lost and could not be re-established'))));
  });
  await worker.waitUntilReady();
  return {
    id,
    done,
    async close() {
      if (closing) return done;
      closing = true;
      await redis.hdel(workersKey(queue), id).catch(() => {});
      await stop();
      resolveDone();
      return done;
    },
  };
}

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
 * Jobs run in a job thread (thread.ts), so that the main thread stays free to renew locks.
 *
 * Test hooks (environment, for the fault tests only): ZISK_TEST_DIE_AT=s1|s2 makes the worker kill
 * itself with SIGKILL in the middle of its first job of that stage (after the work, before the
 * result is stored); ZISK_TEST_CORRUPT=s2 flips one byte of the first instance proof it returns.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Worker as Thread } from 'node:worker_threads';
import { connectRedis, redisOptions, unavailable, type RedisConfig } from './connection.js';
import { checkJobData, type JobData } from './messages.js';
import { bullQueueName, JobStore, workersKey } from './store.js';
import type { ThreadData, ThreadReply, ThreadRequest } from './thread.js';

export const DEFAULT_QUEUE = 'proofs';
/** Default job lock: a synchronous stretch of a job (one LDE, one witness) must stay below half of it. */
export const DEFAULT_LOCK_MS = 60_000;
export const DEFAULT_JOB_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_CACHE_BYTES = 1 << 30;

export interface WorkerOptions {
  readonly redis: RedisConfig;
  /** The queue to take jobs from (default 'proofs'): a worker never sees another queue's jobs. */
  readonly queue?: string | undefined;
  /** Jobs run at once (default 1). */
  readonly concurrency?: number | undefined;
  /** Threads of this worker's pool (default 1: one thread per worker process). */
  readonly threads?: number | undefined;
  readonly lockMs?: number | undefined;
  /**
   * Bytes of stage-1 results kept for this worker's own stage-2 jobs of the same instances
   * (default 1 GiB per job thread; 0: every stage-2 job rebuilds its instance).
   */
  readonly cacheBytes?: number | undefined;
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

/** A job thread (thread.ts): one per concurrency slot, started on first use, replaced when stopped. */
class JobThread {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<void>;
  private readonly thread: Thread;

  constructor(data: ThreadData) {
    this.thread = new Thread(new URL(FROM_SOURCE ? './ts-thread.mjs' : './thread.js', import.meta.url), { workerData: data });
    let ready!: () => void;
    let failed!: (e: Error) => void;
    this.ready = new Promise<void>((res, rej) => ((ready = res), (failed = rej)));
    this.thread.on('message', (m: ThreadReply) => {
      if (m.seq === -1) return ready();
      const p = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      if (!p) return;
      if (m.ok) p.resolve();
      else p.reject(m.unrecoverable ? new UnrecoverableError(m.message) : new Error(m.message));
    });
    const fail = (e: Error) => {
      failed(e);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.dead = true;
    };
    this.thread.on('error', fail);
    this.thread.on('exit', (code) => fail(new Error(`the job thread stopped (exit code ${code})`)));
  }

  dead = false;

  async run(data: JobData): Promise<void> {
    await this.ready;
    const seq = this.seq++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.thread.postMessage({ seq, data } satisfies ThreadRequest);
    });
  }

  async stop(): Promise<void> {
    this.dead = true;
    await this.thread.terminate();
  }
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Starts a worker on `options.queue`; it runs until close() or until Redis is lost. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = options.log ?? (() => {});
  const redis = await connectRedis(options.redis);
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const timeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const threadData: ThreadData = {
    redis: options.redis,
    queue,
    threads: options.threads ?? 1,
    cacheBytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES,
    dieAt: process.env['ZISK_TEST_DIE_AT'],
    corruptAt: process.env['ZISK_TEST_CORRUPT'],
  };
  const idle: JobThread[] = [];
  const all = new Set<JobThread>();
  let jobs = 0;

  const heartbeat = async () => {
    await redis.hset(workersKey(queue), id, JSON.stringify({ host: hostname(), pid: process.pid, seen: Date.now(), jobs }));
  };
  await heartbeat();

  const processor = async (job: Job): Promise<void> => {
    let data: JobData;
    try {
      data = checkJobData(job.name, job.data);
    } catch (e) {
      throw new UnrecoverableError(`rejected job ${job.id}: ${(e as Error).message}`);
    }
    const store = new JobStore(redis, queue, data.job);
    const field = `${data.kind}:${data.index}`;
    await redis.multi().hincrby(store.key('runs'), field, 1).hset(store.key('running'), field, id).exec();
    log(`${data.job} ${field}: started`);
    const t0 = performance.now();
    let thread = idle.pop();
    if (!thread || thread.dead) {
      thread = new JobThread(threadData);
      all.add(thread);
    }
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    try {
      await Promise.race([
        thread.run(data),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            timedOut = true;
            reject(new Error(`job ${job.id} timed out after ${timeoutMs / 1000} s`));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (timedOut) {
        all.delete(thread);
        void thread.stop();
      } else if (!thread.dead) idle.push(thread);
      await redis.hdel(store.key('running'), field).catch(() => {});
    }
    jobs++;
    log(`${data.job} ${field}: done in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    await heartbeat();
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
    await Promise.all([...all].map((t) => t.stop()));
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

/** The state of a distributed proof job, read from Redis (for `zisk-ts status`). */
import type { Redis } from 'ioredis';
import { checkPlanDescriptors } from './messages.js';
import { airProgress, runningIds, workersSeen, type AirProgress, type WorkerSeen } from './progress.js';
import { jobsKey, JobStore } from './store.js';

export interface JobStatus {
  readonly jobId: string;
  /** execute, count, stage1, stage2 or done; undefined when Redis holds nothing for the job. */
  readonly phase: string | undefined;
  readonly steps?: number;
  readonly chunks?: number;
  readonly instances?: number;
  /** Per AIR, per stage. */
  readonly stage1: Readonly<Record<string, AirProgress>>;
  readonly stage2: Readonly<Record<string, AirProgress>>;
  /** Instance proofs rejected, in all. */
  readonly rejected: number;
  readonly bytes: Readonly<Record<string, number>>;
  readonly workers: readonly WorkerSeen[];
  readonly updatedAgo?: number;
}

/** The proof jobs a queue has seen. */
export async function listJobs(redis: Redis, queue: string): Promise<string[]> {
  return (await redis.smembers(jobsKey(queue))).sort();
}

export async function jobStatus(redis: Redis, queue: string, jobId: string): Promise<JobStatus> {
  const store = new JobStore(redis, queue, jobId);
  const meta = await store.meta();
  const planValue = meta['phase'] ? await store.getValue('plan').catch(() => undefined) : undefined;
  const plan = planValue === undefined ? [] : checkPlanDescriptors(planValue);
  const rejected = Object.values(await redis.hgetall(store.key('rejected'))).reduce((s, v) => s + Number(v), 0);
  const num = (k: string) => (meta[k] === undefined ? {} : { [k]: Number(meta[k]) });
  return {
    jobId,
    phase: meta['phase'],
    ...num('steps'),
    ...num('chunks'),
    ...num('instances'),
    stage1: airProgress(plan, await store.ids('s1'), await runningIds(store, 's1')),
    stage2: airProgress(plan, await store.ids('s2'), await runningIds(store, 's2')),
    rejected,
    bytes: await store.stats(),
    workers: await workersSeen(redis, queue),
    ...(meta['updated'] ? { updatedAgo: Date.now() - Number(meta['updated']) } : {}),
  };
}

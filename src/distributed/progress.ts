/**
 * Progress of a distributed proof, as the coordinator sees it and `zisk-ts status` prints it:
 * per AIR, instances queued, running and done in each stage, and the workers seen lately.
 */
import type { Redis } from 'ioredis';
import type { PlanDescriptor } from '../executor/index.js';
import type { JobKind } from './messages.js';
import { workersKey, type JobStore } from './store.js';

/** A worker is "seen" when its last heartbeat is this recent. */
export const SEEN_MS = 15_000;

export interface AirProgress {
  queued: number;
  running: number;
  done: number;
}

export interface DistributedProgress {
  readonly phase: 'execute' | 'count' | 'stage1' | 'stage2';
  readonly done: number;
  readonly total: number;
  /** Per AIR, in stages 1 and 2. */
  readonly perAir: Readonly<Record<string, AirProgress>>;
  /** Workers with a recent heartbeat. */
  readonly workers: number;
}

export interface WorkerSeen {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  /** Milliseconds since its last heartbeat. */
  readonly ago: number;
  readonly jobs: number;
}

/** The workers of a queue, most recently seen first. */
export async function workersSeen(redis: Redis, queue: string): Promise<WorkerSeen[]> {
  const all = await redis.hgetall(workersKey(queue));
  const now = Date.now();
  const out: WorkerSeen[] = [];
  for (const [id, json] of Object.entries(all)) {
    try {
      const w = JSON.parse(json) as { host?: unknown; pid?: unknown; seen?: unknown; jobs?: unknown };
      out.push({ id, host: String(w.host), pid: Number(w.pid), ago: now - Number(w.seen), jobs: Number(w.jobs) });
    } catch {
      // not ours: ignored
    }
  }
  return out.sort((a, b) => a.ago - b.ago);
}

/** Per AIR progress of a stage, from the plan, the stage's results and the running jobs. */
export function airProgress(plan: readonly PlanDescriptor[], done: ReadonlySet<number>, running: ReadonlySet<number>): Record<string, AirProgress> {
  const out: Record<string, AirProgress> = {};
  for (const d of plan) {
    const e = (out[d.air] ??= { queued: 0, running: 0, done: 0 });
    if (done.has(d.globalId)) e.done++;
    else if (running.has(d.globalId)) e.running++;
    else e.queued++;
  }
  return out;
}

/** The global ids running in a stage, from the job's `running` hash. */
export async function runningIds(store: JobStore, kind: JobKind): Promise<Set<number>> {
  const fields = await store.redis.hkeys(store.key('running'));
  return new Set(fields.filter((f) => f.startsWith(`${kind}:`)).map((f) => Number(f.slice(kind.length + 1))));
}

const PHASE: Record<JobKind, DistributedProgress['phase']> = { count: 'count', s1: 'stage1', s2: 'stage2' };

/** The coordinator's progress reports, at most every 250 ms. */
export class Tracker {
  private plan: readonly PlanDescriptor[] = [];
  private last = 0;
  private workers = 0;
  private lastWorkers = 0;

  constructor(
    private readonly redis: Redis,
    private readonly store: JobStore,
    private readonly queue: string,
    private readonly report: ((p: DistributedProgress) => void) | undefined,
  ) {}

  setPlan(plan: readonly PlanDescriptor[]): void {
    this.plan = plan;
  }

  phase(phase: 'execute', done: number, total: number): void {
    this.report?.({ phase, done, total, perAir: {}, workers: this.workers });
  }

  async update(kind: JobKind, indices: readonly number[], done: ReadonlySet<number>): Promise<void> {
    if (!this.report) return;
    const now = performance.now();
    const finished = done.size === indices.length;
    if (!finished && now - this.last < 250) return;
    this.last = now;
    if (now - this.lastWorkers > 1000) {
      this.lastWorkers = now;
      this.workers = (await workersSeen(this.redis, this.queue)).filter((w) => w.ago < SEEN_MS).length;
    }
    if (kind === 'count') {
      this.report({ phase: 'count', done: done.size, total: indices.length, perAir: {}, workers: this.workers });
      return;
    }
    // Stage 1 runs in two rounds (state machines, then tables): report over every instance.
    const all = kind === 's1' ? new Set([...(await this.store.ids('s1'))]) : done;
    const perAir = airProgress(this.plan, all, await runningIds(this.store, kind));
    const doneAll = Object.values(perAir).reduce((s, e) => s + e.done, 0);
    this.report({ phase: PHASE[kind], done: doneAll, total: this.plan.length, perAir, workers: this.workers });
  }

  end(): void {}
}

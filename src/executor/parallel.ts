/**
 * Phases 2 and 5 over a worker pool. The main thread runs phase 1 (one fast run), plans (phase 3
 * and 4), splits the chunks among count jobs and the instances among witness jobs, and builds the
 * tables last from the merged multiplicities. Workers replay only the chunks of their job, from the
 * minimal traces, and rebuild the ROM from the ELF (once per worker).
 *
 * The witnesses equal `computeWitnesses`' for any number of workers and any split into jobs
 * (jobs.ts says why), so the split is free to aim at speed: see `scheduleWitnessJobs`.
 */
import type { AirInstance } from '../air/index.js';
import { encodeTrace, type MinimalTrace } from '../emulator/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { splitRange } from '../parallel/task.js';
import { checkPointChunks, type ChunkId } from '../planner/index.js';
import type { ZiskRom } from '../zisk/index.js';
import type { ChunkCount, ChunkSummary, ComponentBuilder } from './component.js';
import { describePlan } from './descriptor.js';
import {
  buildTables,
  minimalTraces,
  planExecution,
  witnessSession,
  type ExecutionPlan,
  type ExecutorOptions,
  type PlannedInstance,
  type Progress,
  type WitnessOptions,
} from './executor.js';
import { restoreBuilt, type WitnessJob } from './jobs.js';
import type { TableMultiplicities } from './tables.js';
import { COUNT_TASK, programHash, WITNESS_TASK, type WorkerSource } from './tasks.js';

/** The pool and what its workers need to rebuild the program and its state machines. */
export interface PoolContext {
  readonly pool: WorkerPool;
  /** The ELF the plan's ROM was transpiled from, and where workers import the registry from. */
  readonly source: WorkerSource;
}

export interface ParallelWitnessOptions extends WitnessOptions, PoolContext {
  /**
   * Witness jobs per worker (default 2): more balance the load better, but each job replays every
   * chunk its instances need, so chunks shared by instances of two jobs are replayed twice.
   */
  readonly jobsPerWorker?: number;
}

// Rough costs on one core, for ordering jobs only (measured on the sha256 example): building a
// witness cell ≈ 15 ns, replaying a step with collectors ≈ 300 ns.
const NS_PER_CELL = 15;
const NS_PER_STEP = 300;

/**
 * Splits instances into witness jobs, most expensive first. The chunks are cut into
 * `parts` windows of consecutive chunks; an instance goes to the window of its median chunk,
 * except instances needing more than half of all chunks (a memory instance cut by address needs
 * every chunk that touches its addresses), which share one job so those chunks are replayed once
 * for all of them. Returns global ids per job.
 */
export function scheduleWitnessJobs(instances: readonly PlannedInstance[], chunks: readonly ChunkSummary[], parts: number): number[][] {
  const regular = instances.filter((p) => p.instance.instanceType === 'instance');
  if (regular.length === 0) return [];
  const stepsOf = new Map<ChunkId, number>(chunks.map((c) => [c.chunk, c.steps]));
  const windows = splitRange(chunks.length, Math.max(1, parts));
  const windowOf = new Map<ChunkId, number>();
  windows.forEach(([s, e], w) => {
    for (let i = s; i < e; i++) windowOf.set(chunks[i]!.chunk, w);
  });
  const groups: PlannedInstance[][] = windows.map(() => []);
  const wide: PlannedInstance[] = [];
  for (const p of regular) {
    const cs = [...checkPointChunks(p.instance.checkPoint())].sort((a, b) => a - b);
    if (windows.length > 1 && cs.length > chunks.length / 2) wide.push(p);
    else groups[cs.length === 0 ? 0 : windowOf.get(cs[cs.length >> 1]!) ?? 0]!.push(p);
  }
  const cost = (g: readonly PlannedInstance[]): number => {
    const replayed = new Set<ChunkId>();
    let ns = 0;
    for (const p of g) {
      ns += 2 ** p.plan.logRows * p.plan.air.width * NS_PER_CELL;
      for (const c of checkPointChunks(p.instance.checkPoint())) replayed.add(c);
    }
    for (const c of replayed) ns += (stepsOf.get(c) ?? 0) * NS_PER_STEP;
    return ns;
  };
  return [...groups, wide]
    .filter((g) => g.length > 0)
    .map((g) => ({ ids: g.map((p) => p.globalId), cost: cost(g) }))
    .sort((a, b) => b.cost - a.cost || a.ids[0]! - b.ids[0]!)
    .map((j) => j.ids);
}

// Encoded traces, made once per trace, over SharedArrayBuffers: every job that needs one shares it.
const encoded = new WeakMap<MinimalTrace, Uint8Array>();
function encodedTrace(t: MinimalTrace): Uint8Array {
  let e = encoded.get(t);
  if (!e) {
    const bytes = encodeTrace(t);
    e = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    e.set(bytes);
    encoded.set(t, e);
  }
  return e;
}

/** The witness job of some planned instances: their descriptors and their chunks' traces. */
export function witnessJob(plan: ExecutionPlan, instances: readonly PlannedInstance[], program: string): WitnessJob {
  const needed = new Set<ChunkId>();
  for (const p of instances) for (const c of checkPointChunks(p.instance.checkPoint())) needed.add(c);
  const traces = [...needed].sort((a, b) => a - b).map((c) => {
    const t = plan.traces[c];
    if (!t || t.chunk !== c) throw new Error(`no minimal trace for chunk ${c}`);
    return encodedTrace(t);
  });
  return { program, instances: instances.map(describePlan), traces };
}

/**
 * Phase 5 over the pool: as `computeWitnesses`, with the non-table instances built by witness jobs
 * in the workers and the tables built here from their merged multiplicities.
 */
export async function computeWitnessesParallel(plan: ExecutionPlan, options: ParallelWitnessOptions): Promise<{ instances: Map<number, AirInstance>; tables: TableMultiplicities }> {
  const { pool, source } = options;
  const program = programHash(source.elf);
  const { selected, tables, built, done } = witnessSession(plan, options);
  const byId = new Map(selected.map((p) => [p.globalId, p]));
  // One worker: one job (no chunk is replayed twice), run in this thread through the same path.
  const parts = pool.workers === 1 ? 1 : pool.workers * (options.jobsPerWorker ?? 2);
  const jobs = scheduleWitnessJobs(selected, plan.chunks, parts).map((ids) => witnessJob(plan, ids.map((id) => byId.get(id)!), program));
  await Promise.all(
    jobs.map(async (job) => {
      const result = await pool.run(WITNESS_TASK, { source, job });
      tables.merge(result.tables);
      for (const b of result.instances) {
        if (!byId.has(b.globalId)) throw new Error(`a witness job returned instance ${b.globalId}, which it was not given`);
        done(b.globalId, restoreBuilt(b, plan.registry));
      }
    }),
  );
  buildTables(plan.rom, selected, tables, (p, inst) => done(p.globalId, inst));
  return { instances: built, tables };
}

/** Phase 2 over the pool: the chunks split into contiguous ranges, counted by the workers. */
export async function countChunksParallel(
  traces: readonly MinimalTrace[],
  registry: readonly ComponentBuilder[],
  context: PoolContext,
  onProgress?: (p: Progress) => void,
): Promise<ChunkCount<unknown>[][]> {
  const { pool, source } = context;
  const program = programHash(source.elf);
  const components = registry.map((b) => b.name);
  const ranges = splitRange(traces.length, pool.workers === 1 ? 1 : pool.workers * 4);
  let counted = 0;
  const results = await Promise.all(
    ranges.map(async ([s, e]) => {
      const part = traces.slice(s, e);
      const r = await pool.run(COUNT_TASK, { source, job: { program, components, traces: part.map(encodedTrace) } });
      counted += part.length;
      onProgress?.({ phase: 'count', done: counted, total: traces.length });
      return r.counts;
    }),
  );
  return registry.map((_, i) => results.flatMap((r) => r[i]!));
}

/** Phases 1–4 with the counting on the pool: the same plan as `execute`. */
export async function executeParallel(
  rom: ZiskRom,
  input: Uint8Array | undefined,
  registry: readonly ComponentBuilder[],
  options: ExecutorOptions & PoolContext,
): Promise<ExecutionPlan> {
  const run = minimalTraces(rom, input, options);
  options.onProgress?.({ phase: 'count', done: 0, total: run.traces.length });
  const counts = await countChunksParallel(run.traces, registry, options, options.onProgress);
  return planExecution(rom, run, counts, registry, options);
}

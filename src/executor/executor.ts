/**
 * The executor: ZisK's five phases over a registry of state machines.
 *
 *   1. minimal traces — the program runs once, fast, recording each chunk's checkpoint;
 *   2. counting       — every chunk is replayed with every state machine's counter on the bus;
 *   3. planning       — each state machine turns the counts into plans (one per AIR instance);
 *   4. instances      — plans get global ids, in registry order, and become Instances;
 *   5. witness        — each instance's chunks are replayed with its collectors and its AIR trace
 *                       is built; tables last, from the multiplicities the others reported.
 *
 * Phases 2 and 5 depend only on (ROM, the minimal traces of the chunks involved), which is what lets
 * any worker — a thread or another machine — build any instance.
 */
import type { Air, AirInstance } from '../air/index.js';
import { DataBus, type BusDevice } from '../bus/index.js';
import { replayChunk, runMinimalTraces, type MinimalTrace } from '../emulator/index.js';
import { checkPointChunks, type ChunkId, type Plan } from '../planner/index.js';
import type { ZiskRom } from '../zisk/index.js';
import { DEFAULT_CHUNK_SIZE } from '../zisk/index.js';
import type { ChunkCount, ChunkSummary, Collector, ComponentBuilder, Instance, PlanContext } from './component.js';
import { BusEmitter } from './emitter.js';
import { TableMultiplicities } from './tables.js';

export interface ExecutorOptions {
  /** Steps per chunk (default 2^18). Main's rows per instance must be a multiple of it. */
  readonly chunkSize?: number;
  readonly maxSteps?: number;
  /** Rows (log2) per instance, by AIR name; overrides the state machines' defaults. */
  readonly logRows?: Readonly<Record<string, number>>;
  /** Progress of long phases. */
  readonly onProgress?: (p: Progress) => void;
}

export interface Progress {
  readonly phase: 'execute' | 'count' | 'plan' | 'witness';
  readonly done: number;
  readonly total: number;
}

/** A planned instance: its global id, the state machine that planned it, its plan and Instance. */
export interface PlannedInstance {
  readonly globalId: number;
  readonly component: string;
  readonly plan: Plan<unknown>;
  readonly instance: Instance;
}

export interface ExecutionPlan {
  readonly rom: ZiskRom;
  readonly steps: number;
  readonly outputs: Uint32Array;
  readonly chunkSize: number;
  readonly traces: readonly MinimalTrace[];
  readonly chunks: readonly ChunkSummary[];
  readonly instances: readonly PlannedInstance[];
  readonly registry: readonly ComponentBuilder[];
}

/** Default rows per instance, by AIR name, for AIRs whose state machine sets none. */
export const FALLBACK_LOG_ROWS = 18;

function planContext(rom: ZiskRom, chunkSize: number, chunks: readonly ChunkSummary[], registry: readonly ComponentBuilder[], options: ExecutorOptions): PlanContext {
  return {
    rom,
    chunkSize,
    chunks,
    logRowsOf(air: Air): number {
      if (air.logRows !== undefined) return air.logRows;
      const configured = options.logRows?.[air.name];
      if (configured !== undefined) return configured;
      for (const b of registry) {
        const d = b.defaultLogRows?.[air.name];
        if (d !== undefined) return d;
      }
      return FALLBACK_LOG_ROWS;
    },
  };
}

/** Replays one chunk with the given devices and execution watchers. */
export function replayWith(rom: ZiskRom, trace: MinimalTrace, devices: readonly BusDevice[], generators: readonly BusDevice[], watchers: readonly NonNullable<Collector['observer']>[]): void {
  const bus = new DataBus(devices, generators);
  const stopWhenFull = watchers.length === 0 && devices.length > 0;
  const emitter = new BusEmitter(rom, bus, watchers, stopWhenFull ? () => bus.finished : undefined);
  replayChunk(rom, trace, emitter);
}

function generatorsOf(registry: readonly ComponentBuilder[]): BusDevice[] {
  const g: BusDevice[] = [];
  for (const b of registry) {
    const d = b.buildInputsGenerator?.();
    if (d) g.push(d);
  }
  return g;
}

/** Phase 2: every chunk's metrics, per state machine (in registry order). */
export function countChunks(rom: ZiskRom, traces: readonly MinimalTrace[], registry: readonly ComponentBuilder[], onProgress?: (p: Progress) => void): ChunkCount<unknown>[][] {
  const counts: ChunkCount<unknown>[][] = registry.map(() => []);
  traces.forEach((trace, k) => {
    const counters = registry.map((b) => b.buildCounter?.());
    const devices = counters.filter((c): c is NonNullable<typeof c> => c !== undefined);
    if (devices.length > 0) replayWith(rom, trace, devices, generatorsOf(registry), []);
    counters.forEach((c, i) => {
      if (c) counts[i]!.push({ chunk: trace.chunk, data: c.result() });
    });
    onProgress?.({ phase: 'count', done: k + 1, total: traces.length });
  });
  return counts;
}

/** Phases 3 and 4: plans from counts, global ids in registry order, Instances. */
export function planInstances(ctx: PlanContext, counts: readonly ChunkCount<unknown>[][], registry: readonly ComponentBuilder[]): PlannedInstance[] {
  const planned: PlannedInstance[] = [];
  registry.forEach((builder, i) => {
    const plans = builder.plan(counts[i]!, ctx);
    for (const p of plans) {
      if (!builder.airs.includes(p.air)) throw new Error(`state machine ${builder.name} planned an instance of ${p.air.name}, which is not one of its AIRs`);
    }
    builder.configureInstances?.(plans);
    for (const plan of plans) {
      const globalId = planned.length;
      planned.push({ globalId, component: builder.name, plan, instance: builder.buildInstance({ plan, globalId }) });
    }
  });
  return planned;
}

/** Phases 1–4 on one machine. */
export function execute(rom: ZiskRom, input: Uint8Array | undefined, registry: readonly ComponentBuilder[], options: ExecutorOptions = {}): ExecutionPlan {
  const run = minimalTraces(rom, input, options);
  const counts = countChunks(rom, run.traces, registry, options.onProgress);
  return planExecution(rom, run, counts, registry, options);
}

/** The outcome of phase 1. */
export interface MinimalRun {
  readonly steps: number;
  readonly outputs: Uint32Array;
  readonly chunkSize: number;
  readonly traces: readonly MinimalTrace[];
}

/** Phase 1: the program runs once, fast, and each chunk of `options.chunkSize` steps gets its minimal trace. */
export function minimalTraces(rom: ZiskRom, input: Uint8Array | undefined, options: ExecutorOptions = {}): MinimalRun {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  options.onProgress?.({ phase: 'execute', done: 0, total: 1 });
  const run = runMinimalTraces(rom, input, { chunkSize, ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}) });
  options.onProgress?.({ phase: 'execute', done: 1, total: 1 });
  return { steps: run.steps, outputs: run.outputs, chunkSize, traces: run.traces };
}

/** Phases 3 and 4 from phase 1's run and phase 2's counts (however they were computed). */
export function planExecution(rom: ZiskRom, run: MinimalRun, counts: readonly ChunkCount<unknown>[][], registry: readonly ComponentBuilder[], options: ExecutorOptions = {}): ExecutionPlan {
  const chunks: ChunkSummary[] = run.traces.map((t) => ({ chunk: t.chunk, startStep: t.startStep, steps: t.steps, end: t.end }));
  const ctx = planContext(rom, run.chunkSize, chunks, registry, options);
  options.onProgress?.({ phase: 'plan', done: 0, total: 1 });
  const instances = planInstances(ctx, counts, registry);
  options.onProgress?.({ phase: 'plan', done: 1, total: 1 });
  return { rom, steps: run.steps, outputs: run.outputs, chunkSize: run.chunkSize, traces: run.traces, chunks, instances, registry };
}

export interface WitnessOptions {
  /** Global ids of the instances to build (default: all). Tables need all non-table instances. */
  readonly only?: readonly number[];
  readonly onProgress?: (p: Progress) => void;
  /** Receives each instance as soon as it is built, in completion order. */
  readonly onInstance?: (globalId: number, inst: AirInstance) => void;
}

/**
 * What phase 5 keeps however it runs: the instances `options.only` selects, the lookups into tables
 * gathered while building them, and the built instances, reported through `options` as they come.
 */
export function witnessSession(plan: ExecutionPlan, options: WitnessOptions) {
  const wanted = new Set(options.only ?? plan.instances.map((p) => p.globalId));
  const selected = plan.instances.filter((p) => wanted.has(p.globalId));
  const tables = new TableMultiplicities();
  const built = new Map<number, AirInstance>();
  const done = (globalId: number, inst: AirInstance) => {
    built.set(globalId, inst);
    options.onInstance?.(globalId, inst);
    options.onProgress?.({ phase: 'witness', done: built.size, total: selected.length });
  };
  return { selected, tables, built, done };
}

/**
 * Phase 5: replays each chunk once for all the instances that need it, builds each instance when
 * its last chunk is done, then the tables. Returns the built instances by global id, and the table
 * multiplicities gathered.
 */
export function computeWitnesses(plan: ExecutionPlan, options: WitnessOptions = {}): { instances: Map<number, AirInstance>; tables: TableMultiplicities } {
  const { selected, tables, built, done } = witnessSession(plan, options);
  const regular = selected.filter((p) => p.instance.instanceType === 'instance');
  buildInstances(plan.rom, plan.registry, regular, (chunk) => traceOf(plan, chunk), tables, (p, inst) => done(p.globalId, inst));
  buildTables(plan.rom, selected, tables, (p, inst) => done(p.globalId, inst));
  return { instances: built, tables };
}

/**
 * Phase 5 for non-table instances: replays each chunk that some of `planned` need, once, with the
 * collectors of all of them, and builds each instance as soon as its last chunk is replayed
 * (`done`). Lookups into tables are added to `tables`. Any subset of a plan's instances can be built
 * this way, in any thread or machine that has their chunks' minimal traces: an instance depends on
 * nothing else.
 */
export function buildInstances(
  rom: ZiskRom,
  registry: readonly ComponentBuilder[],
  planned: readonly PlannedInstance[],
  traceOf: (chunk: ChunkId) => MinimalTrace,
  tables: TableMultiplicities,
  done: (p: PlannedInstance, inst: AirInstance) => void,
): void {
  // Which instances need which chunk, and how many chunks each still waits for.
  const byChunk = new Map<ChunkId, PlannedInstance[]>();
  const remaining = new Map<number, number>();
  const collected = new Map<number, Map<ChunkId, Collector | undefined>>();
  for (const p of planned) {
    if (p.instance.instanceType !== 'instance') throw new Error(`${p.instance.debug()}: a table is built by buildTables, after every other instance`);
    const chunks = checkPointChunks(p.instance.checkPoint());
    remaining.set(p.globalId, chunks.length);
    collected.set(p.globalId, new Map());
    for (const c of chunks) {
      let list = byChunk.get(c);
      if (!list) byChunk.set(c, (list = []));
      list.push(p);
    }
  }
  const finish = (p: PlannedInstance) => {
    const chunks = checkPointChunks(p.instance.checkPoint());
    const byId = collected.get(p.globalId)!;
    const inst = p.instance.computeWitness({
      rom,
      collectors: chunks.map((c) => byId.get(c)),
      traces: chunks.map((c) => traceOf(c)),
      tables,
    });
    collected.delete(p.globalId);
    done(p, inst);
  };
  // Instances with no chunk at all (possible for an empty family) are built at once.
  for (const p of planned) if (remaining.get(p.globalId) === 0) finish(p);

  const generators = generatorsOf(registry);
  for (const chunk of [...byChunk.keys()].sort((a, b) => a - b)) {
    const users = byChunk.get(chunk)!;
    const devices: BusDevice[] = [];
    const watchers: NonNullable<Collector['observer']>[] = [];
    for (const p of users) {
      const c = p.instance.buildInputsCollector(chunk);
      collected.get(p.globalId)!.set(chunk, c);
      if (!c) continue;
      if (c.busIds && c.processData) devices.push(c as BusDevice);
      if (c.observer) watchers.push(c.observer);
    }
    if (devices.length > 0 || watchers.length > 0) replayWith(rom, traceOf(chunk), devices, generators, watchers);
    for (const p of users) {
      const left = remaining.get(p.globalId)! - 1;
      remaining.set(p.globalId, left);
      if (left === 0) finish(p);
    }
  }
}

/** Builds the table instances among `planned` from the multiplicities gathered (all other instances first). */
export function buildTables(rom: ZiskRom, planned: readonly PlannedInstance[], tables: TableMultiplicities, done: (p: PlannedInstance, inst: AirInstance) => void): void {
  for (const p of planned) {
    if (p.instance.instanceType === 'table') done(p, p.instance.computeWitness({ rom, collectors: [], traces: [], tables }));
  }
}

function traceOf(plan: ExecutionPlan, chunk: ChunkId): MinimalTrace {
  const t = plan.traces[chunk];
  if (!t || t.chunk !== chunk) throw new Error(`no minimal trace for chunk ${chunk}`);
  return t;
}

/**
 * Jobs: phases 2 (counting) and 5 (witness) cut into pieces that any thread or machine can run from
 * plain data — the program (named by its hash; the runner has the ROM), plan descriptors, and the
 * encoded minimal traces of the chunks involved (`encodeTrace`). This is what the worker pool runs
 * (tasks.ts) and what a distributed coordinator sends to its workers.
 *
 * Every job and result is plain data plus typed arrays and bigints: it crosses `postMessage` and
 * survives `node:v8` serialize. `checkWitnessJob`/`checkCountJob` validate one that came from
 * outside before it is run; `runWitnessJob`/`runCountJob` decode and check every trace.
 *
 * A witness job's result does not depend on which other instances share the job: an instance is
 * built from its own chunks alone, and table multiplicities are sums (exact in float64), so any
 * partition of a plan into jobs, merged, gives the single-threaded witnesses bit for bit.
 */
import type { AirInstance } from '../air/index.js';
import { decodeTrace, type MinimalTrace } from '../emulator/index.js';
import { Matrix } from '../matrix/index.js';
import { checkPointChunks, type ChunkId } from '../planner/index.js';
import type { ZiskRom } from '../zisk/index.js';
import type { ChunkCount, ComponentBuilder } from './component.js';
import { checkDescriptor, DescriptorError, restoreInstance, type PlanDescriptor } from './descriptor.js';
import { buildInstances, countChunks, type PlannedInstance } from './executor.js';
import { TableMultiplicities } from './tables.js';

/** Builds some non-table instances of a plan. */
export interface WitnessJob {
  /** The program's identity (the SHA-256 of its ELF, hex): the runner must hold that ROM. */
  readonly program: string;
  readonly instances: readonly PlanDescriptor[];
  /** Encoded minimal traces (`encodeTrace`) of every chunk the instances need, each once. */
  readonly traces: readonly Uint8Array[];
}

/** A matrix as plain data (column-major halves, as Matrix.data). */
export interface MatrixData {
  readonly width: number;
  readonly height: number;
  readonly data: Uint32Array;
}

export interface BuiltInstance {
  readonly globalId: number;
  readonly air: string;
  readonly trace: MatrixData;
  readonly fixed?: MatrixData;
  readonly program?: MatrixData;
  readonly airValues?: readonly bigint[];
  readonly label?: string;
}

export interface WitnessJobResult {
  readonly instances: readonly BuiltInstance[];
  /** Lookups into tables made while building them, by table AIR name (TableMultiplicities.toMap). */
  readonly tables: ReadonlyMap<string, Float64Array>;
}

/** Counts some chunks with every state machine's counter. */
export interface CountJob {
  readonly program: string;
  /** The registry's state machine names, in order: the runner's registry must be the same. */
  readonly components: readonly string[];
  readonly traces: readonly Uint8Array[];
}

export interface CountJobResult {
  /** Per state machine (registry order), the metrics of each chunk of the job, in the job's order. */
  readonly counts: readonly (readonly ChunkCount<unknown>[])[];
}

/** Validates a value as a WitnessJob (throws DescriptorError naming the problem). */
export function checkWitnessJob(value: unknown): WitnessJob {
  const job = jobRecord(value, 'witness job', ['program', 'instances', 'traces']);
  const instances = job['instances'];
  if (!Array.isArray(instances) || instances.length === 0) throw new DescriptorError('witness job.instances must be a non-empty array');
  const ids = new Set<number>();
  instances.forEach((d, i) => {
    const desc = checkDescriptor(d, `witness job.instances[${i}]`);
    if (desc.instanceType !== 'instance') throw new DescriptorError(`witness job.instances[${i}] is a table: tables are built after every job`);
    if (ids.has(desc.globalId)) throw new DescriptorError(`witness job names instance ${desc.globalId} twice`);
    ids.add(desc.globalId);
  });
  return job as unknown as WitnessJob;
}

/** Validates a value as a CountJob (throws DescriptorError naming the problem). */
export function checkCountJob(value: unknown): CountJob {
  const job = jobRecord(value, 'count job', ['program', 'components', 'traces']);
  const c = job['components'];
  if (!Array.isArray(c) || !c.every((x) => typeof x === 'string')) throw new DescriptorError('count job.components must be an array of names');
  return job as unknown as CountJob;
}

function jobRecord(value: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DescriptorError(`${what} must be an object`);
  const job = value as Record<string, unknown>;
  for (const k of Object.keys(job)) if (!keys.includes(k)) throw new DescriptorError(`${what}: unknown field '${k}'`);
  if (typeof job['program'] !== 'string' || !/^[0-9a-f]{64}$/.test(job['program'])) throw new DescriptorError(`${what}.program must be a SHA-256 in hex`);
  const traces = job['traces'];
  if (!Array.isArray(traces) || !traces.every((t) => t instanceof Uint8Array)) throw new DescriptorError(`${what}.traces must be an array of Uint8Array`);
  return job;
}

/** Decodes a job's traces, by chunk id (each chunk once). */
function decodeTraces(encoded: readonly Uint8Array[], what: string): Map<ChunkId, MinimalTrace> {
  const traces = new Map<ChunkId, MinimalTrace>();
  for (const bytes of encoded) {
    const t = decodeTrace(bytes);
    if (traces.has(t.chunk)) throw new DescriptorError(`${what} holds the trace of chunk ${t.chunk} twice`);
    traces.set(t.chunk, t);
  }
  return traces;
}

/**
 * Runs a witness job: restores its instances from their descriptors, replays their chunks and
 * builds them. `rom` must be the job's program; `registry` the one the plan was made with.
 */
export function runWitnessJob(job: WitnessJob, rom: ZiskRom, registry: readonly ComponentBuilder[]): WitnessJobResult {
  checkWitnessJob(job);
  const traces = decodeTraces(job.traces, 'witness job');
  const planned: PlannedInstance[] = job.instances.map((d) => restoreInstance(d, registry));
  for (const p of planned) {
    for (const c of checkPointChunks(p.instance.checkPoint())) {
      if (!traces.has(c)) throw new DescriptorError(`witness job: ${p.plan.air.name} #${p.plan.segment} needs chunk ${c}, whose trace the job does not hold`);
    }
  }
  const tables = new TableMultiplicities();
  const built: BuiltInstance[] = [];
  buildInstances(rom, registry, planned, (c) => traces.get(c)!, tables, (p, inst) => built.push(toBuilt(p.globalId, inst)));
  return { instances: built, tables: tables.toMap() };
}

/** Runs a count job: every chunk replayed with a fresh counter of each state machine. */
export function runCountJob(job: CountJob, rom: ZiskRom, registry: readonly ComponentBuilder[]): CountJobResult {
  checkCountJob(job);
  const names = registry.map((b) => b.name);
  if (names.join('\n') !== job.components.join('\n')) {
    throw new DescriptorError(`count job: made for state machines [${job.components.join(', ')}], this registry has [${names.join(', ')}]`);
  }
  const traces = [...decodeTraces(job.traces, 'count job').values()];
  return { counts: countChunks(rom, traces, registry) };
}

function toBuilt(globalId: number, inst: AirInstance): BuiltInstance {
  const m = (x: Matrix): MatrixData => ({ width: x.width, height: x.height, data: x.data });
  return {
    globalId,
    air: inst.air.name,
    trace: m(inst.trace),
    ...(inst.fixed ? { fixed: m(inst.fixed) } : {}),
    ...(inst.program ? { program: m(inst.program) } : {}),
    ...(inst.airValues ? { airValues: inst.airValues } : {}),
    ...(inst.label !== undefined ? { label: inst.label } : {}),
  };
}

/**
 * The AirInstance of a built instance, its AIR found by name in `registry`; checks the shapes
 * against the AIR (throws DescriptorError).
 */
export function restoreBuilt(b: BuiltInstance, registry: readonly ComponentBuilder[]): AirInstance {
  const air = registry.flatMap((c) => c.airs).find((a) => a.name === b.air);
  if (!air) throw new DescriptorError(`built instance ${b.globalId}: no AIR '${b.air}' in the registry`);
  const m = (x: MatrixData, what: string): Matrix => {
    if (!(x.data instanceof Uint32Array) || x.data.length !== 2 * x.width * x.height) throw new DescriptorError(`built instance ${b.globalId}: ${what} is not a ${x.width}×${x.height} matrix`);
    return new Matrix(x.width, x.height, x.data);
  };
  return {
    air,
    trace: m(b.trace, 'trace'),
    fixed: b.fixed ? m(b.fixed, 'fixed') : undefined,
    program: b.program ? m(b.program, 'program') : undefined,
    airValues: b.airValues,
    label: b.label,
  };
}

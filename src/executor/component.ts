/**
 * The contract between the executor and a state machine (ZisK's ComponentBuilder / Instance /
 * BusDevice, shaped for TypeScript). A state machine lives in its own folder under src/sm/ and is
 * listed once in src/sm/registry.ts; the executor knows no state machine by name.
 *
 * Life of a state machine in one proof:
 *   counting  — `buildCounter()` gives a fresh counter per chunk; the chunk is replayed and the
 *               counter sees every bus message; `result()` is its per-chunk metrics (plain data).
 *   planning  — `plan(counts, ctx)` turns all chunks' metrics into Plans: one per AIR instance.
 *   instances — every plan gets a global id; `buildInstance({plan, globalId})` makes the Instance.
 *   witness   — the instance's chunks are replayed with its collectors (`buildInputsCollector`),
 *               then `computeWitness` returns the AIR instance. Tables come last: their witness is
 *               the multiplicities the other instances reported while building theirs.
 */
import type { Air, AirInstance, GlobalBusTerm } from '../air/index.js';
import type { BusDevice } from '../bus/index.js';
import type { ExecutionObserver } from '../emulator/index.js';
import type { MinimalTrace } from '../emulator/index.js';
import type { CheckPoint, ChunkId, InstanceType, Plan } from '../planner/index.js';
import type { ZiskRom } from '../zisk/index.js';
import type { TableMultiplicities } from './tables.js';

/** A counter: sees one chunk's bus messages; its result is that chunk's metrics (structured-cloneable). */
export interface Counter<D> extends BusDevice {
  result(): D;
}

/** What a chunk looks like to a planner without replaying it. */
export interface ChunkSummary {
  readonly chunk: ChunkId;
  readonly startStep: number;
  readonly steps: number;
  /** The chunk ends the execution. */
  readonly end: boolean;
}

/** Everything a planner may use besides the counters. */
export interface PlanContext {
  readonly rom: ZiskRom;
  readonly chunkSize: number;
  readonly chunks: readonly ChunkSummary[];
  /** Rows (log2) of one instance of `air`, from the configuration. */
  logRowsOf(air: Air): number;
}

/** One chunk's metrics from one state machine. */
export interface ChunkCount<D> {
  readonly chunk: ChunkId;
  readonly data: D;
}

export interface InstanceCtx<M> {
  readonly plan: Plan<M>;
  readonly globalId: number;
}

/**
 * A collector: what one instance takes from one replayed chunk. It listens on the data bus
 * (`busIds`/`processData`, returning false once it has all it needs from the chunk), or watches the
 * execution itself (`observer`, for Main, which needs every step), or both.
 */
export interface Collector extends Partial<BusDevice> {
  readonly observer?: ExecutionObserver;
}

/** The inputs to a witness computation. */
export interface WitnessInputs {
  readonly rom: ZiskRom;
  /** One collector per chunk of the instance's checkpoint, in the checkpoint's order. */
  readonly collectors: readonly (Collector | undefined)[];
  /** The minimal traces of those chunks (Main reads start states from them). */
  readonly traces: readonly MinimalTrace[];
  /** Where non-table instances add the lookups they make into tables; tables read them. */
  readonly tables: TableMultiplicities;
}

export interface Instance {
  readonly instanceType: InstanceType;
  checkPoint(): CheckPoint;
  /** The collector for `chunk` (one of the checkpoint's chunks), or undefined if none is needed. */
  buildInputsCollector(chunk: ChunkId): Collector | undefined;
  /** Builds the AIR instance (stage-1 trace, fixed/program columns, air values). */
  computeWitness(inputs: WitnessInputs): AirInstance;
  /** A one-line description for reports (`Binary #2: 131072 rows, chunks 3–5`). */
  debug(): string;
  /** Drops whatever the witness computation kept, so the instance can be rebuilt. */
  reset(): void;
}

export interface ComponentBuilder<D = unknown, M = unknown> {
  /** The family's name, e.g. 'binary'. */
  readonly name: string;
  /** The AIRs this family's instances prove. */
  readonly airs: readonly Air[];
  /** Rows (log2) of one instance, by AIR name, unless configured otherwise (tables have their own). */
  readonly defaultLogRows?: Readonly<Record<string, number>>;
  /** A fresh counter for one chunk, or undefined when planning needs no counting. */
  buildCounter?(): Counter<D>;
  /**
   * Devices present in every replay, counting and witness alike, that derive operations for other
   * state machines (Arith asks Binary to prove that a remainder is below the divisor).
   */
  buildInputsGenerator?(): BusDevice;
  /** Turns every chunk's metrics into plans, one per instance. */
  plan(counts: readonly ChunkCount<D>[], ctx: PlanContext): Plan<M>[];
  /** Optional hook once all plans of this family are known. */
  configureInstances?(plans: readonly Plan<M>[]): void;
  buildInstance(ctx: InstanceCtx<M>): Instance;
  /** Bus messages the verifier adds from the public values (boot and end states, outputs). */
  globalTerms?(publics: ProofPublics): GlobalBusTerm[];
}

/** The public statement of an execution. */
export interface ProofPublics {
  /** The 64 output words. */
  readonly outputs: Uint32Array;
  /**
   * How many instances of each AIR the proof holds, by AIR name (the verifier reads it from the
   * proof). A family whose AIRs are instantiated only when the execution uses them (the memory
   * family's RomData and InputData) adds its global terms for the AIRs present only.
   */
  readonly instanceCounts?: Readonly<Record<string, number>>;
}

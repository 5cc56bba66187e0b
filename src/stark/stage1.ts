/** Phase 1 of the prover: commit an instance's stage-1 (and program) columns. */
import { checkShape, describeFailure, type Air } from '../air/index.js';
import { checkConstraints } from '../constraints/index.js';
import { SHIFT, type FriParams } from '../fri/index.js';
import * as gl from '../field/reference.js';
import { Matrix } from '../matrix/index.js';
import { DIGEST_WORDS, sharedPoseidon2 } from '../hash/index.js';
import { commit, commitParallel, type MerkleTree } from '../merkle/index.js';
import { lde, ldeParallel } from '../ntt/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { addTime, type ProverOptions } from './options.js';
import type { Stage1Commitment } from './proof.js';
import { fixedSetup, type FixedSetup } from './setup.js';
import { quotientChunks } from './shape.js';
import type { StarkInstance, StarkSystem } from './system.js';

/** The largest trace the prover accepts. */
export const MAX_LOG_ROWS = 28;
/** The largest extended domain: query indices are sampled as 32-bit values. */
export const MAX_LOG_LDE = 32;

/** A committed matrix: its LDE on D (bit-reversed) and the Merkle tree over the LDE's rows. */
export interface Committed {
  readonly lde: Matrix;
  readonly tree: MerkleTree;
}

/** What phase 1 keeps for phase 3. */
export interface Stage1Data {
  readonly air: Air;
  readonly instance: StarkInstance;
  readonly fixed: FixedSetup | undefined;
  readonly program: Committed | undefined;
  /** Undefined when the LDE was dropped (keepStage1Lde 'tree' or false): phase 3 recomputes it. */
  readonly main: Committed | undefined;
  /** The stage-1 tree's levels when only they were kept (keepStage1Lde 'tree'). */
  readonly mainLevels?: readonly Uint32Array[] | undefined;
}

export interface Stage1 {
  readonly commitment: Stage1Commitment;
  readonly data: Stage1Data;
}

export function instanceName(system: StarkSystem, inst: StarkInstance): string {
  return inst.label ?? system.airs[inst.airIndex]?.name ?? `AIR #${inst.airIndex}`;
}

/** LDE (bit-reversed on D) and Merkle tree of a trace-domain matrix, on the pool when there is one. */
export async function commitMatrix(
  m: Matrix,
  params: FriParams,
  pool: WorkerPool | undefined,
  timings?: Record<string, number>,
): Promise<Committed> {
  let t = performance.now();
  const ext = pool && pool.workers > 1 ? await ldeParallel(pool, m, params.logBlowup, SHIFT, 'bit-reversed') : lde(m, params.logBlowup, SHIFT, 'bit-reversed');
  addTime(timings, 'lde', t);
  t = performance.now();
  const tree = await commitParallel(pool, ext, { arity: params.merkleArity });
  addTime(timings, 'merkle', t);
  return { lde: ext, tree };
}

/** Leaves checked when a stage-1 tree is put back over a recomputed LDE. */
const REATTACH_CHECKS = 4;

/**
 * The committed matrix again from its trace-domain values and its tree's levels: the LDE is
 * recomputed (no hashing) and a few leaves, the last among them, are rehashed from it and compared
 * with the kept ones, so a trace changed between the phases is caught.
 */
export async function reattachMatrix(
  m: Matrix,
  levels: readonly Uint32Array[],
  params: FriParams,
  pool: WorkerPool | undefined,
  timings?: Record<string, number>,
): Promise<Committed> {
  const t = performance.now();
  const ext = pool && pool.workers > 1 ? await ldeParallel(pool, m, params.logBlowup, SHIFT, 'bit-reversed') : lde(m, params.logBlowup, SHIFT, 'bit-reversed');
  addTime(timings, 'lde', t);
  const hasher = sharedPoseidon2();
  const leaf = new Uint32Array(DIGEST_WORDS);
  const leaves = levels[0]!;
  for (let k = 0; k < REATTACH_CHECKS; k++) {
    const r = k === 0 ? ext.height - 1 : Math.floor((k * ext.height) / REATTACH_CHECKS);
    hasher.hashRowRange([ext], r, r + 1, leaf);
    for (let w = 0; w < DIGEST_WORDS; w++) {
      if (leaf[w] !== leaves[r * DIGEST_WORDS + w]) throw new Error('the stage-1 trace changed between phase 1 and phase 3');
    }
  }
  return { lde: ext, tree: commit(ext, { arity: params.merkleArity, lowerLevels: levels }) };
}

function keptOfStage1(main: Committed, keep: boolean | 'tree'): Pick<Stage1Data, 'main' | 'mainLevels'> {
  if (keep === true) return { main };
  return { main: undefined, mainLevels: keep === 'tree' ? main.tree.levels : undefined };
}

// Program columns are the same for every proof of one program: commit them once per Matrix.
const programs = new WeakMap<Matrix, Map<string, Committed>>();

async function commitProgram(m: Matrix, params: FriParams, options: ProverOptions): Promise<Committed> {
  let byKey = programs.get(m);
  if (!byKey) programs.set(m, (byKey = new Map()));
  const key = `${params.logBlowup}/${params.merkleArity}`;
  let c = byKey.get(key);
  if (!c) byKey.set(key, (c = await commitMatrix(m, params, options.pool, options.timings)));
  return c;
}

/**
 * Checks an instance against its AIR and returns the AIR and logRows; throws naming the instance
 * and what to fix.
 */
export function checkInstance(system: StarkSystem, params: FriParams, inst: StarkInstance): { air: Air; logRows: number } {
  const air = system.airs[inst.airIndex];
  if (!air) throw new RangeError(`instance airIndex ${inst.airIndex} is not an AIR of the system (0‥${system.airs.length - 1})`);
  const name = inst.label ?? air.name;
  const n = inst.trace.height;
  const logRows = Math.log2(n);
  if (!Number.isInteger(logRows)) throw new RangeError(`${name}: trace height ${n} is not a power of two`);
  if (logRows > MAX_LOG_ROWS) throw new RangeError(`${name}: 2^${logRows} rows is above the maximum 2^${MAX_LOG_ROWS}`);
  if (air.maxLogRows !== undefined && logRows > air.maxLogRows) throw new RangeError(`${name}: 2^${logRows} rows is above the AIR's bound 2^${air.maxLogRows}`);
  if (logRows + params.logBlowup > MAX_LOG_LDE) {
    throw new RangeError(`${name}: 2^${logRows} rows with blowup 2^${params.logBlowup} exceed the largest extended domain 2^${MAX_LOG_LDE}`);
  }
  // The shape rules of src/air, with the setup's fixed columns standing in for the instance's.
  checkShape({ air, trace: inst.trace, program: inst.program, airValues: inst.airValues, label: name, fixed: air.fixedWidth ? ({ width: air.fixedWidth, height: n } as Matrix) : undefined });
  if (air.width === 0) throw new Error(`${name}: an AIR needs at least one stage-1 column to be proved`);
  if (quotientChunks(air) > 2 ** params.logBlowup) {
    throw new RangeError(`${name}: constraint degree ${air.degree} needs a blowup of at least ${air.degree - 1}; params.logBlowup is ${params.logBlowup}`);
  }
  (inst.airValues ?? []).forEach((v, i) => {
    if (!gl.isCanonical(v)) throw new RangeError(`${name}: air value ${air.airValueName(i)} = ${v} is not a canonical field element`);
  });
  return { air, logRows };
}

/** Phase 1: the stage-1 commitment of one instance, and what phase 3 needs. */
export async function commitStage1(system: StarkSystem, params: FriParams, inst: StarkInstance, options: ProverOptions = {}): Promise<Stage1> {
  const { air, logRows } = checkInstance(system, params, inst);
  const fixed = await fixedSetup(air, logRows, params, options.pool);
  if (options.debugCheck) {
    const r = await checkConstraints(
      { air, trace: inst.trace, fixed: fixed?.values, program: inst.program, airValues: inst.airValues, label: instanceName(system, inst) },
      { pool: options.pool },
    );
    if (!r.ok) throw new Error(`debug check: ${describeFailure(r)}`);
  }
  const program = inst.program ? await commitProgram(inst.program, params, options) : undefined;
  const main = await commitMatrix(inst.trace, params, options.pool, options.timings);
  return {
    commitment: {
      airIndex: inst.airIndex,
      logRows,
      programRoot: program?.tree.root,
      stage1Root: main.tree.root,
      airValues: [...(inst.airValues ?? [])],
    },
    data: { air, instance: inst, fixed, program, ...keptOfStage1(main, options.keepStage1Lde ?? 'tree') },
  };
}

/**
 * The order in which to run phase 3 over instances (their proofs do not depend on it: each draws
 * from its own transcript fork): ascending by the bytes phase 3 allocates (the stage-2 and
 * quotient LDEs, ~ (stage-2 width + 3·chunks) · LDE rows) plus what the instance holds from phase 1,
 * so the largest runs last, when the other instances' stage-1 LDEs have been released, which
 * lowers the peak memory.
 */
export function phase3Order(stage1: readonly Stage1[], params: FriParams): number[] {
  const size = (s: Stage1): number => {
    const { air } = s.data;
    const rows = 2 ** (s.commitment.logRows + params.logBlowup);
    return (air.width + air.stage2Width + 3 * quotientChunks(air)) * rows;
  };
  const sizes = stage1.map(size);
  return sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]! || a - b);
}


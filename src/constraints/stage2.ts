/**
 * The LogUp stage-2 witness (layout: air's LogupLayout). Per row and interaction i the fingerprint
 *   d_i = α + bus_i + Σ_j γ^(j+1)·v_ij                       (extension)
 * is inverted (field's extBatchInverse, in the kernel: one base-field inversion per block), the
 * helper column of each group g collects h_g = Σ_{i ∈ g} m_i/d_i, and each row's Σ_g h_g is written
 * to the accumulator column, which a prefix sum then turns into acc[r] = Σ_{r' ≤ r} Σ_g h_g[r'].
 * The bus sum is acc[n − 1].
 */
import { ALPHA, CHALLENGE_COUNT, GAMMA, checkShape, type Air, type AirInstance } from '../air/index.js';
import * as ext from '../field/extension.js';
import * as gl from '../field/reference.js';
import { extPrefixSum, type Ext3 } from '../field/index.js';
import type { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { Op, ProgramBuilder, bindScalars, isVec, setWords, type Operand, type Program } from './program.js';
import { traceDomain } from './domain.js';
import { baseJob } from './evaluate.js';
import { WRITE_BLOCKS } from './tasks.js';
import { blockRanges, outputMatrix, runRanges } from './run.js';

/**
 * The fingerprint part shared by the stage-2 builder and the bus-balance check: the scalars it
 * needs and, per interaction, the operands of its values and multiplicity.
 */
export interface Fingerprints {
  /** First of 3·maxValues scalar slots: γ^(j+1), j = 0 … maxValues − 1. */
  readonly gammaPowers: number;
  readonly maxValues: number;
  /** Per interaction in `order` (others undefined): operands, and the first of its 3 init scalars. */
  readonly interactions: readonly ({ values: readonly Operand[]; multiplicity: Operand; init: number } | undefined)[];
}

/**
 * Emits into `b`, for each interaction in `order`: d = init + Σ_j γ^(j+1)·v_j over its row-dependent
 * values (init = α + bus + the row-invariant values' terms, bound later), then 1/d, and hands
 * (interaction, 1/d triple, multiplicity) to `consume`. `start` runs once, after the inputs are
 * declared and before any instruction.
 */
export function emitFingerprints(
  b: ProgramBuilder,
  air: Air,
  order: readonly number[],
  start: () => void,
  consume: (i: number, inverse: number, m: Operand) => void,
): Fingerprints {
  const its = air.interactions;
  const roots: number[] = [];
  for (const i of order) roots.push(...its[i]!.values, its[i]!.multiplicity);
  const low = b.lowering(air.graph, roots);
  const maxValues = its.reduce((n, it) => Math.max(n, it.values.length), 0);
  const gammaPowers = b.scalars(3 * maxValues);
  start();
  const interactions: ({ values: Operand[]; multiplicity: Operand; init: number } | undefined)[] = new Array(its.length);
  for (const i of order) {
    const it = its[i]!;
    const values = it.values.map((v) => low.operand(v));
    const multiplicity = low.operand(it.multiplicity);
    const init = b.scalars(3);
    interactions[i] = { values, multiplicity, init };
    const d = b.triple();
    b.emit(Op.Set3, d, init);
    values.forEach((v, j) => {
      if (isVec(v)) b.emit(Op.Acc3, d, v.vec, gammaPowers + 3 * j);
    });
    const inv = b.triple();
    b.emit(Op.ExtInv, inv, d);
    consume(i, inv, multiplicity);
  }
  return { gammaPowers, maxValues, interactions };
}

/** The challenges' α and γ from their base coefficients, checked. */
export function challengePair(challenges: readonly bigint[]): { alpha: Ext3; gamma: Ext3 } {
  if (challenges.length !== CHALLENGE_COUNT) throw new RangeError(`challenges must hold ${CHALLENGE_COUNT} base coefficients (α0 α1 α2 γ0 γ1 γ2), got ${challenges.length}`);
  for (const c of challenges) if (typeof c !== 'bigint' || c < 0n || c >= gl.P) throw new RangeError(`challenges must be canonical field elements, got ${c}`);
  return { alpha: [challenges[ALPHA]!, challenges[ALPHA + 1]!, challenges[ALPHA + 2]!], gamma: [challenges[GAMMA]!, challenges[GAMMA + 1]!, challenges[GAMMA + 2]!] };
}

/** Fills the fingerprint scalars (γ powers; α + bus + row-invariant terms) into bound scalars. */
export function bindFingerprints(air: Air, fp: Fingerprints, challenges: readonly bigint[], words: Uint32Array, values: bigint[]): void {
  const { alpha, gamma } = challengePair(challenges);
  const put3 = (slot: number, v: Ext3): void => {
    for (let c = 0; c < 3; c++) {
      setWords(words, slot + c, v[c]!);
      values[slot + c] = v[c]!;
    }
  };
  const powers: Ext3[] = [];
  let g = gamma;
  for (let j = 0; j < fp.maxValues; j++) {
    powers.push(g);
    put3(fp.gammaPowers + 3 * j, g);
    g = ext.mul(g, gamma);
  }
  air.interactions.forEach((it, i) => {
    const spec = fp.interactions[i];
    if (!spec) return;
    let d = ext.add(alpha, ext.fromBase(BigInt(it.bus) % gl.P));
    spec.values.forEach((v, j) => {
      if (!isVec(v)) d = ext.add(d, ext.mulBase(powers[j]!, values[v.scalar]!));
    });
    put3(spec.init, d);
  });
}

interface Stage2Program {
  readonly fp: Fingerprints;
  readonly builder: ProgramBuilder;
  readonly program: Program;
  /** Destination columns of the outputs: each helper, then the accumulator (row sums). */
  readonly columns: Int32Array;
}

const compiled = new WeakMap<Air, Stage2Program>();

function stage2Program(air: Air): Stage2Program {
  let c = compiled.get(air);
  if (c) return c;
  const { groups, helperColumns, accumulatorColumn } = air.logup;
  const groupOf = new Map<number, number>();
  groups.forEach((grp, g) => grp.forEach((i) => groupOf.set(i, g)));
  const b = new ProgramBuilder();
  const helpers: number[] = [];
  const fp = emitFingerprints(
    b,
    air,
    groups.flat(),
    () => {
      const zero = b.scalars(3);
      for (let g = 0; g < groups.length; g++) {
        const h = b.triple();
        b.emit(Op.Set3, h, zero);
        helpers.push(h);
      }
    },
    (i, inv, m) => {
      const h = helpers[groupOf.get(i)!]!;
      if (isVec(m)) b.emit(Op.Macc3, h, inv, m.vec);
      else b.emit(Op.Macc3S, h, inv, m.scalar);
    },
  );
  for (const h of helpers) b.output(h);
  // The row's Σ_g h_g: the helper itself when there is one group.
  let sum = helpers[0]!;
  if (helpers.length > 1) {
    sum = b.triple();
    b.emit(Op.Set3, sum, b.scalars(3));
    for (const h of helpers) b.emit(Op.Add3, sum, h);
  }
  b.output(sum);
  c = { fp, builder: b, program: b.build(), columns: Int32Array.from([...helperColumns, accumulatorColumn]) };
  compiled.set(air, c);
  return c;
}

/**
 * The stage-2 matrix (`air.stage2Width` columns, SharedArrayBuffer-backed) and the bus sum of an
 * instance, for the challenges α0 α1 α2 γ0 γ1 γ2. An AIR without interactions has no stage-2
 * columns and a zero bus sum. Rows are split over the pool's workers; the running sum is one
 * pass over the accumulator afterwards.
 */
export async function buildStage2(inst: AirInstance, challenges: readonly bigint[], options: { pool?: WorkerPool } = {}): Promise<{ stage2: Matrix; busSum: Ext3 }> {
  checkShape(inst);
  challengePair(challenges);
  const { air, trace } = inst;
  const n = trace.height;
  const stage2 = outputMatrix(air.logup.stage2Width, n);
  if (air.interactions.length === 0) return { stage2, busSum: [0n, 0n, 0n] };
  const sp = stage2Program(air);
  const { words, values } = bindScalars(air.graph, sp.builder.scalarNodes, { airValues: inst.airValues, challenges });
  bindFingerprints(air, sp.fp, challenges, words, values);
  const job = baseJob(sp.program, words, traceDomain(Math.log2(n)), { main: trace, fixed: inst.fixed, program: inst.program }, options.pool);
  await runRanges(
    options.pool,
    WRITE_BLOCKS,
    { ...job, out: stage2.data, outHeight: n, columns: sp.columns, widths: new Int32Array(sp.columns.length).fill(3) },
    blockRanges(n >> job.logBlockRows, options.pool),
  );
  const acc = air.logup.accumulatorColumn;
  const planes = stage2.data.subarray(2 * acc * n, 2 * (acc + 3) * n);
  extPrefixSum(planes, planes);
  const busSum: Ext3 = [stage2.get(n - 1, acc), stage2.get(n - 1, acc + 1), stage2.get(n - 1, acc + 2)];
  return { stage2, busSum };
}

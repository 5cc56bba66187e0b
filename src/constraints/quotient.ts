/**
 * The quotient on the extended domain D (docs/stark.md):
 *   Q(x) = (Σ_k α^k · C_k(x)) / Z_H(x),   k the index in `air.constraints`,
 * evaluated on every row of D in bit-reversed order, from the LDEs of the instance's matrices.
 *
 * Compiled once per AIR: constraints are visited in node order and each is folded into a
 * three-slot accumulator (ACC3: acc_c += (α^k)_c · C_k) right after it is computed, so only a few
 * registers are live at a time. The α^k are scalars bound per call (a constraint node shared by
 * several constraints gets the sum of their powers); row-invariant constraints are folded into the
 * accumulator's initial value; 1/Z_H is constant on a block (domain.ts) and scales the result.
 */
import { CHALLENGE_COUNT, STAGE2_VALUE_COUNT, type Air } from '../air/index.js';
import * as ext from '../field/extension.js';
import * as gl from '../field/reference.js';
import type { Ext3 } from '../field/index.js';
import type { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { Op, ProgramBuilder, bindScalars, isVec, setWords, type Program } from './program.js';
import { ldeDomain } from './domain.js';
import { factorConstraints } from './factor.js';
import { baseJob } from './evaluate.js';
import { WRITE_BLOCKS } from './tasks.js';
import { blockRanges, outputMatrix, runRanges } from './run.js';

export interface QuotientInput {
  readonly air: Air;
  readonly logRows: number;
  readonly logBlowup: number;
  /** The coset shift of D (the generator 7). */
  readonly shift: bigint;
  /**
   * Evaluations on D = shift·⟨ω_N⟩, N = 2^(logRows + logBlowup), in bit-reversed order (src/ntt's
   * `lde(m, logBlowup, shift, 'bit-reversed')`). Pass SharedArrayBuffer-backed matrices
   * (ldeParallel's results are) to spare a copy when the pool has several workers.
   */
  readonly fixed?: Matrix | undefined;
  readonly program?: Matrix | undefined;
  readonly main: Matrix;
  readonly stage2?: Matrix | undefined;
  readonly airValues: readonly bigint[];
  /** α0 α1 α2 γ0 γ1 γ2 (required when the AIR has interactions). */
  readonly challenges: readonly bigint[];
  readonly busSum: Ext3;
  /** The constraint combiner α_c. */
  readonly alpha: Ext3;
}

interface QuotientProgram {
  readonly program: Program;
  readonly scalarNodes: readonly number[];
  readonly zhInv: number;
  readonly accInit: number;
  /**
   * Each term: the constraints (node, row-invariant factor node or −1) whose coefficients add up in
   * its scalar slots (−1: the term's root is row-invariant, folded into accInit as `rootScalar`).
   */
  readonly terms: readonly { contributions: [number, number][]; coefficient: number; rootScalar: number }[];
  /** Scalar slot of each row-invariant factor node. */
  readonly factorScalar: ReadonlyMap<number, number>;
}

const compiled = new WeakMap<Air, QuotientProgram>();

/** Groups of at least this many terms get a lazy accumulator, at most MAX_LAZY_GROUPS of them (memory). */
const LAZY_GROUP = 8;
const MAX_LAZY_GROUPS = 8;

function quotientProgram(air: Air): QuotientProgram {
  let c = compiled.get(air);
  if (c) return c;
  const b = new ProgramBuilder();
  const nodes = [...new Set(air.constraints.map((k) => k.node))];
  // Terms with the same root and multiplier share one accumulation.
  const merged = new Map<string, { root: number; multiplier: number; contributions: [number, number][] }>();
  for (const t of factorConstraints(air.graph, nodes, true)) {
    const key = `${t.multiplier}:${t.root}`;
    const m = merged.get(key) ?? { root: t.root, multiplier: t.multiplier, contributions: [] };
    m.contributions.push([t.node, t.scalar]);
    merged.set(key, m);
  }
  const list = [...merged.values()].sort((x, y) => x.root - y.root);
  // A lazy accumulator holds fewer than 2^29 terms (see accLazy in the kernel).
  if (list.length >= 2 ** 29) throw new Error(`${air.name}: too many constraints for one quotient program`);
  const multipliers = [...new Set(list.filter((t) => t.multiplier >= 0).map((t) => t.multiplier))];
  const low = b.lowering(air.graph, [...list.map((t) => t.root), ...multipliers]);
  const zhInv = b.scalars(1);
  const accInit = b.scalars(3);
  const zero = b.scalars(3);
  const factorScalar = new Map<number, number>();
  for (const t of list) for (const [, s] of t.contributions) if (s >= 0 && !factorScalar.has(s)) factorScalar.set(s, b.scalarOf(s));
  // Accumulators: the main one and those of the largest groups are lazy (AccLazy: ~1.5× faster
  // per term than Acc3, but 12 slots each); small groups use Acc3 on a triple.
  const members = new Map<number, number>();
  for (const t of list) if (t.multiplier >= 0) members.set(t.multiplier, (members.get(t.multiplier) ?? 0) + 1);
  const lazyGroups = new Set([...members].filter(([, k]) => k >= LAZY_GROUP).sort((x, y) => y[1] - x[1]).slice(0, MAX_LAZY_GROUPS).map(([m]) => m));
  const mainAcc = b.lazy();
  b.zero(mainAcc);
  // In node order, each term folded into its accumulator right after it is computed; terms with a
  // shared multiplier T go to T's accumulator, multiplied by T once at the end.
  const groupAcc = new Map<number, number>();
  const terms: QuotientProgram['terms'][number][] = [];
  for (const t of list) {
    const o = low.operand(t.root);
    if (!isVec(o)) {
      terms.push({ contributions: t.contributions, coefficient: -1, rootScalar: o.scalar });
      continue;
    }
    const coefficient = b.scalars(3);
    terms.push({ contributions: t.contributions, coefficient, rootScalar: -1 });
    let target = mainAcc;
    if (t.multiplier >= 0) {
      let g = groupAcc.get(t.multiplier);
      if (g === undefined) {
        if (lazyGroups.has(t.multiplier)) {
          g = b.lazy();
          b.zero(g);
        } else {
          g = b.triple();
          b.emit(Op.Set3, g, zero);
        }
        groupAcc.set(t.multiplier, g);
      }
      target = g;
    }
    b.emit(target === mainAcc || lazyGroups.has(t.multiplier) ? Op.AccLazy : Op.Acc3, target, o.vec, coefficient);
  }
  const acc = b.triple();
  b.emit(Op.Set3, acc, accInit);
  const main = b.triple();
  b.emit(Op.Finish, main, mainAcc);
  b.emit(Op.Add3, acc, main);
  for (const [m, g] of groupAcc) {
    let sum = g;
    if (lazyGroups.has(m)) {
      sum = b.triple();
      b.emit(Op.Finish, sum, g);
    }
    b.emit(Op.Macc3, acc, sum, (low.operand(m) as { vec: number }).vec);
  }
  b.emit(Op.Scale3, acc, zhInv);
  b.output(acc);
  c = { program: b.build(), scalarNodes: b.scalarNodes, zhInv, accInit, terms, factorScalar };
  compiled.set(air, c);
  return c;
}

function checkExt(name: string, v: Ext3): void {
  if (!Array.isArray(v) || v.length !== 3 || !ext.isCanonical(v)) throw new RangeError(`${name} must be an extension element of 3 canonical coefficients`);
}

function checkInput(input: QuotientInput): number {
  const { air, logRows, logBlowup } = input;
  if (!Number.isInteger(logRows) || logRows < 0) throw new RangeError(`logRows must be an integer ≥ 0, got ${logRows}`);
  if (!Number.isInteger(logBlowup) || logBlowup < 0) throw new RangeError(`logBlowup must be an integer ≥ 0, got ${logBlowup}`);
  if (air.logRows !== undefined && air.logRows !== logRows) throw new RangeError(`${air.name} is a table AIR of 2^${air.logRows} rows, logRows is ${logRows}`);
  const N = 2 ** (logRows + logBlowup);
  const shape = (name: string, m: Matrix | undefined, width: number): void => {
    if (width === 0) return;
    if (!m) throw new RangeError(`${air.name}: ${name} is required (${width} columns)`);
    if (m.width !== width || m.height !== N) throw new RangeError(`${air.name}: ${name} must be ${width}×${N} (LDE rows), got ${m.width}×${m.height}`);
  };
  shape('main', input.main, air.width);
  shape('fixed', input.fixed, air.fixedWidth);
  shape('program', input.program, air.programWidth);
  shape('stage2', input.stage2, air.stage2Width);
  if (input.airValues.length !== air.airValueCount) throw new RangeError(`${air.name}: ${input.airValues.length} air values given, the AIR declares ${air.airValueCount}`);
  if (air.interactions.length > 0 && input.challenges.length !== CHALLENGE_COUNT) {
    throw new RangeError(`challenges must hold ${CHALLENGE_COUNT} base coefficients, got ${input.challenges.length}`);
  }
  checkExt('busSum', input.busSum);
  checkExt('alpha', input.alpha);
  if (input.shift <= 0n || input.shift >= gl.P) throw new RangeError(`shift must be a non-zero canonical element, got ${input.shift}`);
  return N;
}

/**
 * Q on D: a 3-column (extension, planar) matrix of N rows in bit-reversed order, SharedArrayBuffer-
 * backed. Row blocks are split over the pool's workers; the output is the same for any number of
 * workers.
 */
export async function evaluateQuotient(input: QuotientInput, options: { pool?: WorkerPool } = {}): Promise<Matrix> {
  const N = checkInput(input);
  const { air } = input;
  const qp = quotientProgram(air);
  const { words, values } = bindScalars(air.graph, qp.scalarNodes, {
    airValues: input.airValues,
    challenges: input.challenges,
    stage2Values: input.busSum.slice(0, STAGE2_VALUE_COUNT),
  });
  // Σ_{k: node_k = node} α^k per distinct node.
  const coef = new Map<number, Ext3>();
  let pw: Ext3 = ext.ONE;
  for (const k of air.constraints) {
    coef.set(k.node, ext.add(coef.get(k.node) ?? ext.ZERO, pw));
    pw = ext.mul(pw, input.alpha);
  }
  let init: Ext3 = ext.ZERO;
  for (const t of qp.terms) {
    let cf: Ext3 = ext.ZERO;
    for (const [node, factor] of t.contributions) {
      const k = coef.get(node)!;
      cf = ext.add(cf, factor >= 0 ? ext.mulBase(k, values[qp.factorScalar.get(factor)!]!) : k);
    }
    if (t.coefficient >= 0) for (let c = 0; c < 3; c++) setWords(words, t.coefficient + c, cf[c]!);
    else init = ext.add(init, ext.mulBase(cf, values[t.rootScalar]!));
  }
  for (let c = 0; c < 3; c++) setWords(words, qp.accInit + c, init[c]!);
  const out = outputMatrix(3, N);
  const job = baseJob(
    qp.program,
    words,
    ldeDomain(input.logRows, input.logBlowup, input.shift),
    { main: input.main, fixed: input.fixed, program: input.program, stage2: input.stage2 },
    options.pool,
    undefined,
    qp.zhInv,
  );
  await runRanges(
    options.pool,
    WRITE_BLOCKS,
    { ...job, out: out.data, outHeight: N, columns: Int32Array.of(0), widths: Int32Array.of(3) },
    blockRanges(N >> job.logBlockRows, options.pool),
  );
  return out;
}

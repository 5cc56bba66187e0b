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
  /** Distinct constraint nodes, in node order, with their coefficient's first scalar slot (−1: row-invariant). */
  readonly nodes: readonly number[];
  readonly coefficient: readonly number[];
  readonly nodeScalar: readonly number[];
}

const compiled = new WeakMap<Air, QuotientProgram>();

function quotientProgram(air: Air): QuotientProgram {
  let c = compiled.get(air);
  if (c) return c;
  const b = new ProgramBuilder();
  const nodes = [...new Set(air.constraints.map((k) => k.node))].sort((x, y) => x - y);
  const low = b.lowering(air.graph, nodes);
  const zhInv = b.scalars(1);
  const accInit = b.scalars(3);
  const acc = b.triple();
  b.emit(Op.Set3, acc, accInit);
  const coefficient: number[] = [];
  const nodeScalar: number[] = [];
  for (const node of nodes) {
    const o = low.operand(node);
    if (isVec(o)) {
      const coef = b.scalars(3);
      b.emit(Op.Acc3, acc, o.vec, coef);
      coefficient.push(coef);
      nodeScalar.push(-1);
    } else {
      coefficient.push(-1);
      nodeScalar.push(o.scalar);
    }
  }
  b.emit(Op.Scale3, acc, zhInv);
  b.output(acc);
  c = { program: b.build(), scalarNodes: b.scalarNodes, zhInv, accInit, nodes, coefficient, nodeScalar };
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
  qp.nodes.forEach((node, i) => {
    const cf = coef.get(node)!;
    const slot = qp.coefficient[i]!;
    if (slot >= 0) for (let c = 0; c < 3; c++) setWords(words, slot + c, cf[c]!);
    else init = ext.add(init, ext.mulBase(cf, values[qp.nodeScalar[i]!]!));
  });
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

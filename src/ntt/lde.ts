/**
 * Whole-Matrix transforms: interpolation, evaluation and the coset low-degree extension, column by
 * column (each column is independent, so a worker pool splits them by column ranges and the result
 * does not depend on how they are split).
 *
 * Domains and orders — FRI and the Merkle commitments depend on these exactly:
 * - A trace Matrix of height n holds, in row i, the values of its column polynomials at ω_n^i
 *   (natural order over the subgroup H = ⟨ω_n⟩). Column polynomials have degree < n.
 * - lde(m, logBlowup, shift, order) returns a Matrix of height N = n·2^logBlowup whose column j holds
 *   p_j on the coset shift·⟨ω_N⟩:
 *     order 'natural':      row i = p_j(shift·ω_N^i)
 *     order 'bit-reversed': row i = p_j(shift·ω_N^bitrev_N(i))   (bitrev over log2 N bits)
 *   In bit-reversed order, rows 2^k·t … 2^k·t + 2^k − 1 hold p_j at x_t·ω_{2^k}^bitrev_k(u),
 *   u = 0 … 2^k − 1, with x_t = shift·ω_N^bitrev_{log N − k}(t): the 2^k points that one FRI fold
 *   of arity 2^k combines are consecutive (x and −x are rows 2t, 2t+1), and the folded points
 *   x_t^(2^k) = shift^(2^k)·ω_{N/2^k}^bitrev(t) are again in bit-reversed order.
 * - Row 0 is p_j(shift) in both orders.
 */
import { Matrix } from '../matrix/index.js';
import { nttHost } from './kernel.js';
import { invPow2Halves } from './transform.js';
import * as gl from '../field/reference.js';

export type EvaluationOrder = 'natural' | 'bit-reversed';

const MAX_LOG = 32;

function checkHeight(m: Matrix, name: string): number {
  const log = Math.log2(m.height);
  if (m.height === 0 || !Number.isInteger(log)) throw new RangeError(`${name}.height must be a power of two, got ${m.height}`);
  return log;
}

function checkShift(shift: bigint): [number, number] {
  if (shift <= 0n || shift >= gl.P) throw new RangeError(`shift must be a non-zero canonical element, got ${shift}`);
  return [Number(shift & 0xffffffffn), Number(shift >> 32n)];
}

function checkLogBlowup(logBlowup: number, logN: number): void {
  if (!Number.isInteger(logBlowup) || logBlowup < 0 || logN + logBlowup > MAX_LOG) {
    throw new RangeError(`logBlowup must be an integer ≥ 0 with log2(height) + logBlowup ≤ ${MAX_LOG}, got ${logBlowup}`);
  }
}

/** The arguments of one column range of an LDE; plain data, so it crosses to a worker as is. */
export interface LdeJob {
  /** Source column-major data (height n) and destination (height n·2^logBlowup); may be SharedArrayBuffer-backed. */
  src: Uint32Array;
  dst: Uint32Array;
  logN: number;
  logBlowup: number;
  shiftLo: number;
  shiftHi: number;
  bitReversed: boolean;
  /** Columns [colStart, colEnd). */
  colStart: number;
  colEnd: number;
}

/**
 * Per column: inverse DIF (→ n·coefficients, bit-reversed), multiply by n^−1·shift^bitrev(i), then
 *  - natural output: spread to stride 2^logBlowup (zero-padding in bit-reversed order) and DIT;
 *  - bit-reversed output: permute to natural order, zero-pad, DIF.
 * Neither path permutes the extended column.
 */
export function ldeColumns(job: LdeJob): void {
  const { src, dst, logN, logBlowup, bitReversed } = job;
  const n = 1 << logN;
  const logM = logN + logBlowup;
  const m = n << logBlowup;
  const h = nttHost();
  // work: extended column (m elements), then the bit-reversed power table (n elements)
  const work = h.prepare(logM, 8 * (m + n), logN);
  const pw = work + 8 * m;
  const k = h.k;
  const [invLo, invHi] = invPow2Halves(logN);
  k.powersBitrev(pw, logN, invLo, invHi, job.shiftLo, job.shiftHi);
  const view = h.u32(work, 2 * m);
  for (let c = job.colStart; c < job.colEnd; c++) {
    view.set(src.subarray(2 * c * n, 2 * (c + 1) * n));
    k.dif(work, logN, h.twI, 1);
    k.mulPointwise(work, pw, n);
    if (bitReversed) {
      k.bitReverse(work, logN);
      view.fill(0, 2 * n);
      k.dif(work, logM, h.twF, 0);
    } else {
      k.spread(work, n, logBlowup);
      k.dit(work, logM, h.twF, 0);
    }
    dst.set(view, 2 * c * m);
  }
}

/** The height of the LDE of m, after checking m's height and logBlowup. */
export function ldeHeight(m: Matrix, logBlowup: number): number {
  checkLogBlowup(logBlowup, checkHeight(m, 'm'));
  return m.height * 2 ** logBlowup;
}

/** Checks the arguments of an LDE of m into out and describes it as one job over all columns. */
export function ldeJob(m: Matrix, logBlowup: number, shift: bigint, order: EvaluationOrder, out: Matrix): LdeJob {
  const logN = checkHeight(m, 'm');
  checkLogBlowup(logBlowup, logN);
  const [shiftLo, shiftHi] = checkShift(shift);
  const height = m.height << logBlowup;
  if (out.width !== m.width || out.height !== height) {
    throw new RangeError(`out must be ${m.width}×${height}, got ${out.width}×${out.height}`);
  }
  return {
    src: m.data, dst: out.data, logN, logBlowup, shiftLo, shiftHi,
    bitReversed: order === 'bit-reversed', colStart: 0, colEnd: m.width,
  };
}

/** Coset low-degree extension of every column (domain and order: see the top of this file). */
export function lde(m: Matrix, logBlowup: number, shift: bigint, order: EvaluationOrder = 'natural', out?: Matrix): Matrix {
  const res = out ?? new Matrix(m.width, ldeHeight(m, logBlowup));
  ldeColumns(ldeJob(m, logBlowup, shift, order, res));
  return res;
}

/**
 * Evaluations → coefficients (natural order, lowest degree first): the inverse of `evaluate` with
 * logBlowup 0. Row i of `evals` holds p(shift·ω_n^i) (natural) or p(shift·ω_n^bitrev(i))
 * (bit-reversed); shift defaults to 1, the subgroup H itself. With the LDE's shift and order this
 * recovers the coefficients of a polynomial given on the extended domain (e.g. a quotient).
 */
export function interpolate(evals: Matrix, shift = 1n, order: EvaluationOrder = 'natural'): Matrix {
  const logN = checkHeight(evals, 'evals');
  checkShift(shift);
  const n = evals.height;
  const out = new Matrix(evals.width, n);
  const h = nttHost();
  const a = h.prepare(0, 16 * n, logN);
  const pw = a + 8 * n;
  // coefficient i is n^−1·shift^−i times the inverse transform's i-th output
  const [lo, hi] = invPow2Halves(logN);
  const sInv = gl.inv(shift);
  h.k.powers(pw, n, lo, hi, Number(sInv & 0xffffffffn), Number(sInv >> 32n));
  for (let c = 0; c < evals.width; c++) {
    const view = h.u32(a, 2 * n);
    view.set(evals.column(c));
    if (order === 'bit-reversed') {
      h.k.dit(a, logN, h.twI, 1);
    } else {
      h.k.dif(a, logN, h.twI, 1);
      h.k.bitReverse(a, logN);
    }
    h.k.mulPointwise(a, pw, n);
    out.column(c).set(view);
  }
  return out;
}

/**
 * Coefficients (natural order, n per column) → evaluations on shift·⟨ω_N⟩, N = n·2^logBlowup, in the
 * given order (row i at shift·ω_N^i, or at shift·ω_N^bitrev(i)), written into `into` when given
 * (e.g. a Matrix.shared that workers then read without a copy).
 */
export function evaluate(coeffs: Matrix, logBlowup = 0, shift = 1n, order: EvaluationOrder = 'natural', into?: Matrix): Matrix {
  const logN = checkHeight(coeffs, 'coeffs');
  checkLogBlowup(logBlowup, logN);
  const [sLo, sHi] = checkShift(shift);
  const n = coeffs.height;
  const logM = logN + logBlowup;
  const mLen = n << logBlowup;
  if (into && (into.width !== coeffs.width || into.height !== mLen)) throw new RangeError(`into must be ${coeffs.width}×${mLen}, got ${into.width}×${into.height}`);
  const out = into ?? new Matrix(coeffs.width, mLen);
  const h = nttHost();
  const work = h.prepare(logM, 8 * (mLen + n), 0);
  const pw = work + 8 * mLen;
  const k = h.k;
  if (order === 'bit-reversed') k.powers(pw, n, 1, 0, sLo, sHi);
  else k.powersBitrev(pw, logN, 1, 0, sLo, sHi);
  const view = h.u32(work, 2 * mLen);
  for (let c = 0; c < coeffs.width; c++) {
    view.set(coeffs.column(c));
    if (order === 'bit-reversed') {
      k.mulPointwise(work, pw, n);
      view.fill(0, 2 * n);
      k.dif(work, logM, h.twF, 0);
    } else {
      k.bitReverse(work, logN);
      k.mulPointwise(work, pw, n);
      k.spread(work, n, logBlowup);
      k.dit(work, logM, h.twF, 0);
    }
    out.column(c).set(view);
  }
  return out;
}

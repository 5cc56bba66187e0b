/**
 * The two evaluation domains of a program: which row is "next" and what the selectors are.
 *
 * - Trace domain H (n rows, natural order): next(r) = r + 1 mod n; isFirstRow, isLastRow are 0/1 and
 *   isTransition = [r ≠ n − 1].
 * - Extended domain D = shift·⟨ω_N⟩ in bit-reversed order (docs/stark.md): row i is the point
 *   x_i = shift·ω_N^bitrev(i); its next row is the one whose point is x_i·ω_n, i.e.
 *   bitrev(bitrev(i) + 2^logBlowup mod N); the selectors are the Lagrange and vanishing formulas.
 *
 * Blocks are aligned runs of B rows, B a power of two ≤ n. On D this makes two things cheap (see
 * `ldeNextStart`): the next rows of a block are one contiguous run of rows — except for one block
 * in n, whose next rows are a fixed permutation of a block — and Z_H(x) = x^n − 1 is constant on
 * the block, since its points are one coset of ⟨ω_B⟩ ⊆ ⟨ω_n⟩.
 */
import * as gl from '../field/reference.js';

/** Plain data (crosses to workers). `kind` 0: trace domain, 1: extended domain. */
export type DomainSpec =
  | { readonly kind: 0; readonly logRows: number }
  | { readonly kind: 1; readonly logRows: number; readonly logBlowup: number; readonly shift: bigint };

export function traceDomain(logRows: number): DomainSpec {
  return { kind: 0, logRows };
}

export function ldeDomain(logRows: number, logBlowup: number, shift: bigint): DomainSpec {
  return { kind: 1, logRows, logBlowup, shift };
}

export function domainRows(d: DomainSpec): number {
  return 2 ** (d.kind === 0 ? d.logRows : d.logRows + d.logBlowup);
}

/** Bit reversal of x over `bits` bits. */
export function bitrev(x: number, bits: number): number {
  let r = 0;
  for (let i = 0; i < bits; i++) {
    r = (r << 1) | (x & 1);
    x >>>= 1;
  }
  return r >>> 0;
}

/** Next row of row i on D (the definition, for references and tests). */
export function ldeNextRow(i: number, logRows: number, logBlowup: number): number {
  const logN = logRows + logBlowup;
  const N = 2 ** logN;
  return bitrev((bitrev(i, logN) + 2 ** logBlowup) % N, logN);
}

/**
 * For the block of B = 2^logB rows starting at s (s a multiple of B, B ≤ n): the first of the
 * contiguous next rows, or −1 when the block is the last of its run of n rows (then row s + j has
 * next row t·n + wrapPermutation[j], t = ⌊s/n⌋).
 *
 * Why: write s = t·n + s', r = bitrev_logn(s'). Rows s + j (j < B) have bitrev_logn(s' + j) =
 * r + bitrev_logB(j)·n/B with r < n/B. Adding 1 (one step of ω_n) gives r + 1 + bitrev_logB(j)·n/B:
 * when r + 1 < n/B that is row t·n + bitrev_logn(r + 1) + j, contiguous; when r + 1 = n/B it wraps to
 * the first block of the run, row t·n + bitrev_logB(bitrev_logB(j) + 1 mod B).
 */
export function ldeNextStart(s: number, logB: number, logRows: number): number {
  const n = 2 ** logRows;
  const t = Math.floor(s / n);
  const r = bitrev(s % n, logRows);
  const perRun = 2 ** (logRows - logB);
  return r + 1 < perRun ? t * n + bitrev(r + 1, logRows) : -1;
}

export function wrapPermutation(logB: number): Int32Array {
  const B = 2 ** logB;
  const out = new Int32Array(B);
  for (let j = 0; j < B; j++) out[j] = bitrev((bitrev(j, logB) + 1) % B, logB);
  return out;
}

/** The point x_i of row i of D (reference). */
export function ldePoint(i: number, logRows: number, logBlowup: number, shift: bigint): bigint {
  const logN = logRows + logBlowup;
  return gl.mul(shift, gl.pow(gl.rootOfUnity(logN), BigInt(bitrev(i, logN))));
}

/** The selectors at a point x of D (reference): isFirstRow, isLastRow, isTransition. */
export function ldeSelectorsAt(x: bigint, logRows: number): [bigint, bigint, bigint] {
  const n = 2n ** BigInt(logRows);
  const wLast = gl.pow(gl.rootOfUnity(logRows), n - 1n);
  const zh = gl.sub(gl.pow(x, n), 1n);
  const first = gl.mul(zh, gl.inv(gl.mul(n % gl.P, gl.sub(x, 1n))));
  const last = gl.mul(gl.mul(zh, wLast), gl.inv(gl.mul(n % gl.P, gl.sub(x, wLast))));
  return [first, last, gl.sub(x, wLast)];
}

/**
 * Per-block constants of D, computed with BigInt once per block (a handful of products; the
 * per-row work is in the kernel). c = shift·ω_N^bitrev(s) is the block's first point.
 */
export class LdeBlocks {
  readonly logRows: number;
  readonly logN: number;
  readonly n: bigint;
  readonly wLast: bigint;
  private readonly shift: bigint;
  /** ω_N^(2^k) for k < logN. */
  private readonly rootPowers: bigint[] = [];
  private readonly byRun = new Map<number, BlockConstants>();

  constructor(d: Extract<DomainSpec, { kind: 1 }>) {
    this.logRows = d.logRows;
    this.logN = d.logRows + d.logBlowup;
    this.n = 2n ** BigInt(d.logRows);
    this.shift = d.shift;
    this.wLast = gl.pow(gl.rootOfUnity(d.logRows), this.n - 1n);
    let w = gl.rootOfUnity(this.logN);
    for (let k = 0; k < this.logN; k++) {
      this.rootPowers.push(w);
      w = gl.mul(w, w);
    }
  }

  /** The first point of the block starting at row s. */
  point(s: number): bigint {
    let e = bitrev(s, this.logN);
    let c = this.shift;
    for (let k = 0; e > 0; k++, e = Math.floor(e / 2)) if (e & 1) c = gl.mul(c, this.rootPowers[k]!);
    return c;
  }

  /**
   * The block's constants, which depend only on its run t = ⌊s/n⌋ (cached): Z_H(x) = x^n − 1,
   * 1/Z_H, Z_H/n and Z_H·ω^(n−1)/n. `c` is the block's first point.
   */
  constants(s: number, c: bigint): BlockConstants {
    const t = Math.floor(s / Number(this.n));
    let k = this.byRun.get(t);
    if (k === undefined) {
      const zh = gl.sub(gl.pow(c, this.n), 1n);
      const zhOverN = gl.mul(zh, gl.inv(this.n % gl.P));
      k = { zh, zhInv: gl.inv(zh), zhOverN, zhLastOverN: gl.mul(zhOverN, this.wLast) };
      this.byRun.set(t, k);
    }
    return k;
  }
}

export interface BlockConstants {
  readonly zh: bigint;
  readonly zhInv: bigint;
  readonly zhOverN: bigint;
  readonly zhLastOverN: bigint;
}

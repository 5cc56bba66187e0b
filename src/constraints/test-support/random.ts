// Random expression graphs and matrices for the constraint engine's tests, and the reference leaf
// values on both domains (built from air's evaluateGraph conventions and the formulas of
// docs/stark.md, independently of the engine's block logic).
import { ExprGraph, NodeKind, P, type LeafValues } from '../../air/index.js';
import { Matrix } from '../../matrix/index.js';
import { ldeNextRow, ldePoint, ldeSelectorsAt } from '../domain.js';
import { EDGE } from '../../field/test-support/arbitraries.js';

/** xorshift-style generator over 2^64, deterministic from the seed. */
export class Rng {
  private s: bigint;
  constructor(seed: number) {
    this.s = (BigInt(seed) * 0x9e3779b97f4a7c15n + 1n) & ((1n << 64n) - 1n);
  }
  next(): bigint {
    // splitmix64
    this.s = (this.s + 0x9e3779b97f4a7c15n) & ((1n << 64n) - 1n);
    let z = this.s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & ((1n << 64n) - 1n);
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & ((1n << 64n) - 1n);
    return z ^ (z >> 31n);
  }
  int(n: number): number {
    return Number(this.next() % BigInt(n));
  }
  element(): bigint {
    return this.int(4) === 0 ? EDGE[this.int(EDGE.length)]! : this.next() % P;
  }
}

export interface Widths {
  main: number;
  fixed: number;
  program: number;
  stage2: number;
  airValues: number;
}

/** A random graph: leaves of every kind, then `ops` random operations over earlier nodes. */
export function randomGraph(rng: Rng, w: Widths, ops: number): ExprGraph {
  const g = new ExprGraph();
  const pool: number[] = [];
  const cols: [NodeKind, number][] = [
    [NodeKind.Main, w.main],
    [NodeKind.Fixed, w.fixed],
    [NodeKind.Program, w.program],
    [NodeKind.Stage2, w.stage2],
  ];
  for (const [kind, width] of cols) {
    for (let c = 0; c < width; c++) {
      pool.push(g.leaf(kind, c, 0));
      if (rng.int(2)) pool.push(g.leaf(kind, c, 1));
    }
  }
  for (let i = 0; i < w.airValues; i++) pool.push(g.leaf(NodeKind.AirValue, i));
  for (let i = 0; i < 6; i++) if (rng.int(2)) pool.push(g.leaf(NodeKind.Challenge, i));
  for (let i = 0; i < 3; i++) if (rng.int(3) === 0) pool.push(g.leaf(NodeKind.Stage2Value, i));
  pool.push(g.leaf(NodeKind.IsFirstRow), g.leaf(NodeKind.IsLastRow), g.leaf(NodeKind.IsTransition));
  for (let i = 0; i < 4; i++) pool.push(g.constant_(rng.element()));
  const pick = (): number => (rng.int(3) === 0 ? pool[pool.length - 1 - rng.int(Math.min(8, pool.length))]! : pool[rng.int(pool.length)]!);
  for (let i = 0; i < ops; i++) {
    const op = rng.int(10);
    const x = pick(), y = pick();
    const id = op < 3 ? g.add(x, y) : op < 5 ? g.sub(x, y) : op < 9 ? g.mul(x, y) : g.neg(x);
    pool.push(id);
  }
  return g;
}

export function randomMatrix(rng: Rng, width: number, height: number): Matrix {
  const m = new Matrix(width, height);
  for (let c = 0; c < width; c++) for (let r = 0; r < height; r++) m.set(r, c, rng.element());
  return m;
}

export interface Data {
  main: Matrix;
  fixed: Matrix;
  program: Matrix;
  stage2: Matrix;
  airValues: bigint[];
  challenges: bigint[];
  stage2Values: bigint[];
}

export function randomData(rng: Rng, w: Widths, height: number): Data {
  return {
    main: randomMatrix(rng, w.main, height),
    fixed: randomMatrix(rng, w.fixed, height),
    program: randomMatrix(rng, w.program, height),
    stage2: randomMatrix(rng, w.stage2, height),
    airValues: Array.from({ length: w.airValues }, () => rng.element()),
    challenges: Array.from({ length: 6 }, () => rng.element()),
    stage2Values: Array.from({ length: 3 }, () => rng.element()),
  };
}

function matrixOf(d: Data, kind: NodeKind): Matrix {
  return kind === NodeKind.Main ? d.main : kind === NodeKind.Fixed ? d.fixed : kind === NodeKind.Program ? d.program : d.stage2;
}

function scalarLeaf(d: Data, kind: NodeKind, index: number): bigint {
  if (kind === NodeKind.AirValue) return d.airValues[index]!;
  if (kind === NodeKind.Challenge) return d.challenges[index]!;
  return d.stage2Values[index]!;
}

/** Leaf values at row `row` of the trace domain. */
export function traceLeaves(d: Data, n: number, row: number): LeafValues<bigint> {
  return (kind, index, offset) => {
    switch (kind) {
      case NodeKind.IsFirstRow: return row === 0 ? 1n : 0n;
      case NodeKind.IsLastRow: return row === n - 1 ? 1n : 0n;
      case NodeKind.IsTransition: return row === n - 1 ? 0n : 1n;
      case NodeKind.Main: case NodeKind.Fixed: case NodeKind.Program: case NodeKind.Stage2:
        return matrixOf(d, kind).get((row + offset) % n, index);
      default: return scalarLeaf(d, kind, index);
    }
  };
}

/** Leaf values at row `row` of the extended domain (bit-reversed order), data given as LDE rows. */
export function ldeLeaves(d: Data, logRows: number, logBlowup: number, shift: bigint, row: number): LeafValues<bigint> {
  const sel = ldeSelectorsAt(ldePoint(row, logRows, logBlowup, shift), logRows);
  const next = ldeNextRow(row, logRows, logBlowup);
  return (kind, index, offset) => {
    switch (kind) {
      case NodeKind.IsFirstRow: return sel[0];
      case NodeKind.IsLastRow: return sel[1];
      case NodeKind.IsTransition: return sel[2];
      case NodeKind.Main: case NodeKind.Fixed: case NodeKind.Program: case NodeKind.Stage2:
        return matrixOf(d, kind).get(offset ? next : row, index);
      default: return scalarLeaf(d, kind, index);
    }
  };
}

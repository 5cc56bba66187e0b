/**
 * Everything about an instance proof that follows from (AIR, logRows, parameters) alone: which
 * trees it has, their widths, which columns are opened at the next row, how many quotient chunks,
 * and how many openings. Prover, verifier and the proof decoder all derive it here, so none of it
 * is ever read from a proof.
 */
import { nextRowColumns, type Air, type NextRowColumns } from '../air/index.js';
import type { FriParams } from '../fri/index.js';

export const enum TreeKind {
  Fixed = 0,
  Program = 1,
  Stage1 = 2,
  Stage2 = 3,
  Quotient = 4,
}

export const TREE_NAMES = ['fixed', 'program', 'stage 1', 'stage 2', 'quotient'] as const;

export interface TreeShape {
  readonly kind: TreeKind;
  /** Base columns of the tree (its Merkle leaves hold that many elements). */
  readonly width: number;
  /** Columns the constraints read at the next row (opened at ζ·ω), ascending. */
  readonly next: readonly number[];
}

export interface InstanceShape {
  readonly air: Air;
  readonly logRows: number;
  /** log2 of the extended domain D. */
  readonly logLde: number;
  /** Trees in proof order (fixed, program, stage 1, stage 2, quotient), only those with columns. */
  readonly trees: readonly TreeShape[];
  /** Number of quotient chunks Q_j of degree < n (3 base columns each). */
  readonly quotientChunks: number;
  /** T: openings at ζ (one per base column of every tree). */
  readonly zetaOpenings: number;
  /** U: openings at ζ·ω (the next-row columns). */
  readonly nextOpenings: number;
}

/** Number of quotient chunks: a constraint of degree d makes Q = C/Z_H of degree < (d − 1)·n. */
export function quotientChunks(air: Air): number {
  return Math.max(1, air.degree - 1);
}

const nextCache = new WeakMap<Air, NextRowColumns>();

/** src/air's next-row columns of an AIR, computed once per AIR. */
function nextOf(air: Air): NextRowColumns {
  let m = nextCache.get(air);
  if (!m) nextCache.set(air, (m = nextRowColumns(air)));
  return m;
}

export function instanceShape(air: Air, logRows: number, params: FriParams): InstanceShape {
  const next = nextOf(air);
  const trees: TreeShape[] = [];
  const add = (kind: TreeKind, width: number, cols: readonly number[]) => {
    if (width > 0) trees.push({ kind, width, next: cols });
  };
  const chunks = quotientChunks(air);
  add(TreeKind.Fixed, air.fixedWidth, next.fixed);
  add(TreeKind.Program, air.programWidth, next.program);
  add(TreeKind.Stage1, air.width, next.main);
  add(TreeKind.Stage2, air.stage2Width, next.stage2);
  add(TreeKind.Quotient, 3 * chunks, []);
  return {
    air,
    logRows,
    logLde: logRows + params.logBlowup,
    trees,
    quotientChunks: chunks,
    zetaOpenings: trees.reduce((s, t) => s + t.width, 0),
    nextOpenings: trees.reduce((s, t) => s + t.next.length, 0),
  };
}

export function treeOf(shape: InstanceShape, kind: TreeKind): TreeShape | undefined {
  return shape.trees.find((t) => t.kind === kind);
}

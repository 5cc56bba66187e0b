/**
 * Everything about an instance proof that follows from (AIR, logRows, parameters) alone: which
 * trees it has, their widths, which columns are opened at the next row, how many quotient chunks,
 * and how many openings. Prover, verifier and the proof decoder all derive it here, so none of it
 * is ever read from a proof.
 */
import { NodeKind, type Air } from '../air/index.js';
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

const nextCache = new WeakMap<Air, ReadonlyMap<NodeKind, readonly number[]>>();

/**
 * Columns read at the next row, per column kind: the offset-1 leaves reachable from the AIR's
 * constraints, ascending. (The builder creates a next-row leaf for every column up front, so
 * leaves no constraint reaches are skipped.)
 */
export function nextRowColumns(air: Air): ReadonlyMap<NodeKind, readonly number[]> {
  let m = nextCache.get(air);
  if (!m) {
    const g = air.graph;
    const reached = new Uint8Array(g.size);
    for (const c of air.constraints) reached[c.node] = 1;
    // Nodes are in topological order (children before parents): one backward sweep marks them all.
    for (let i = g.size - 1; i >= 0; i--) {
      if (!reached[i]) continue;
      const k = g.kind[i]!;
      if (k === NodeKind.Add || k === NodeKind.Sub || k === NodeKind.Mul) {
        reached[g.a[i]!] = 1;
        reached[g.b[i]!] = 1;
      } else if (k === NodeKind.Neg) {
        reached[g.a[i]!] = 1;
      }
    }
    const sets = new Map<NodeKind, Set<number>>();
    for (let i = 0; i < g.size; i++) {
      if (!reached[i] || g.b[i] !== 1) continue;
      const k = g.kind[i]!;
      if (k !== NodeKind.Main && k !== NodeKind.Fixed && k !== NodeKind.Program && k !== NodeKind.Stage2) continue;
      if (!sets.has(k)) sets.set(k, new Set());
      sets.get(k)!.add(g.a[i]!);
    }
    m = new Map([...sets].map(([k, s]) => [k, [...s].sort((a, b) => a - b)]));
    nextCache.set(air, m);
  }
  return m;
}

export function instanceShape(air: Air, logRows: number, params: FriParams): InstanceShape {
  const next = nextRowColumns(air);
  const trees: TreeShape[] = [];
  const add = (kind: TreeKind, width: number, leaf: NodeKind | undefined) => {
    if (width > 0) trees.push({ kind, width, next: leaf === undefined ? [] : (next.get(leaf) ?? []) });
  };
  const chunks = quotientChunks(air);
  add(TreeKind.Fixed, air.fixedWidth, NodeKind.Fixed);
  add(TreeKind.Program, air.programWidth, NodeKind.Program);
  add(TreeKind.Stage1, air.width, NodeKind.Main);
  add(TreeKind.Stage2, air.stage2Width, NodeKind.Stage2);
  add(TreeKind.Quotient, 3 * chunks, undefined);
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

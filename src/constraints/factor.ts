/**
 * Common factors of constraints, taken out before compiling (distributivity):
 *
 * - a row-dependent multiplier T shared by many constraints T·E_k (a selector such as
 *   isTransition, an opcode flag): the quotient accumulates Σ α^k·E_k per T and multiplies by T once
 *   (saving one vector product per constraint, less three per group); the checker ORs the E_k and
 *   masks once with T ≠ 0 (T·E = 0 iff T = 0 or E = 0);
 * - a row-invariant factor s of s·E (a constant, an air value): the quotient folds s into E's
 *   coefficient α^k, bound per call.
 */
import { NodeKind, type ExprGraph } from '../air/index.js';

export interface Term {
  /** The constraint node. */
  readonly node: number;
  /** What is evaluated per row: the node itself, or its factor E. */
  readonly root: number;
  /** The shared row-dependent multiplier T (node), or −1. */
  readonly multiplier: number;
  /** The row-invariant factor s (node), or −1. */
  readonly scalar: number;
}

const rowDependence = new WeakMap<ExprGraph, Uint8Array>();

/** Per node: 1 when its value depends on the row (a column or selector below it). */
export function rowDependent(graph: ExprGraph): Uint8Array {
  let d = rowDependence.get(graph);
  if (d && d.length === graph.size) return d;
  d = new Uint8Array(graph.size);
  for (let i = 0; i < graph.size; i++) {
    const k = graph.kind[i]!;
    if (k >= NodeKind.Add) d[i] = d[graph.a[i]!]! | (k === NodeKind.Neg ? 0 : d[graph.b[i]!]!);
    else d[i] = k === NodeKind.Main || k === NodeKind.Fixed || k === NodeKind.Program || k === NodeKind.Stage2 ||
      k === NodeKind.IsFirstRow || k === NodeKind.IsLastRow || k === NodeKind.IsTransition ? 1 : 0;
  }
  rowDependence.set(graph, d);
  return d;
}

/** Fewest constraints a multiplier must share to be taken out (taking it out costs ~3 products). */
export const MIN_GROUP = 4;

/**
 * How each distinct constraint node is evaluated. `scalarFactors`: take row-invariant factors out
 * too (the quotient can fold them into coefficients; the checker cannot skip a row-invariant zero).
 */
export function factorConstraints(graph: ExprGraph, nodes: readonly number[], scalarFactors: boolean): Term[] {
  const dep = rowDependent(graph);
  const isMul = (c: number) => graph.kind[c] === NodeKind.Mul;
  // How many constraints each candidate multiplier would cover.
  const count = new Map<number, number>();
  for (const c of nodes) {
    if (!isMul(c) || !dep[graph.a[c]!] || !dep[graph.b[c]!]) continue;
    const [x, y] = [graph.a[c]!, graph.b[c]!];
    count.set(x, (count.get(x) ?? 0) + 1);
    if (y !== x) count.set(y, (count.get(y) ?? 0) + 1);
  }
  return nodes.map((c): Term => {
    if (!isMul(c)) return { node: c, root: c, multiplier: -1, scalar: -1 };
    const x = graph.a[c]!, y = graph.b[c]!;
    if (dep[x] && dep[y]) {
      const cx = count.get(x)!, cy = count.get(y)!;
      const [m, e, cm] = cx >= cy ? [x, y, cx] : [y, x, cy];
      return cm >= MIN_GROUP ? { node: c, root: e, multiplier: m, scalar: -1 } : { node: c, root: c, multiplier: -1, scalar: -1 };
    }
    if (scalarFactors && dep[x] !== dep[y]) {
      return dep[x] ? { node: c, root: x, multiplier: -1, scalar: y } : { node: c, root: y, multiplier: -1, scalar: x };
    }
    return { node: c, root: c, multiplier: -1, scalar: -1 };
  });
}

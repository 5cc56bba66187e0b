import { ExprGraph, NodeKind, P } from './expr.js';

/** The arithmetic an evaluator of the expression graph needs. */
export interface Algebra<T> {
  fromBase(v: bigint): T;
  add(x: T, y: T): T;
  sub(x: T, y: T): T;
  mul(x: T, y: T): T;
  neg(x: T): T;
}

/** Plain BigInt Goldilocks arithmetic: the reference the fast evaluators are tested against. */
export const bigintAlgebra: Algebra<bigint> = {
  fromBase: (v) => v,
  add: (x, y) => (x + y) % P,
  sub: (x, y) => (x - y + P) % P,
  mul: (x, y) => (x * y) % P,
  neg: (x) => (x === 0n ? 0n : P - x),
};

/** Values of the leaves at one point (a row, or the verifier's out-of-domain point). */
export type LeafValues<T> = (kind: NodeKind, index: number, offset: number) => T;

/**
 * Evaluates every node of `graph` (up to `upTo`, exclusive) in order, given the leaves' values.
 * Straightforward and allocation-heavy: for the verifier's single point and for reference checks.
 */
export function evaluateGraph<T>(graph: ExprGraph, algebra: Algebra<T>, leaf: LeafValues<T>, upTo = graph.size): T[] {
  const v: T[] = new Array(upTo);
  for (let i = 0; i < upTo; i++) {
    const k = graph.kind[i]!;
    switch (k) {
      case NodeKind.Const: v[i] = algebra.fromBase(graph.constant[i]!); break;
      case NodeKind.Add: v[i] = algebra.add(v[graph.a[i]!]!, v[graph.b[i]!]!); break;
      case NodeKind.Sub: v[i] = algebra.sub(v[graph.a[i]!]!, v[graph.b[i]!]!); break;
      case NodeKind.Mul: v[i] = algebra.mul(v[graph.a[i]!]!, v[graph.b[i]!]!); break;
      case NodeKind.Neg: v[i] = algebra.neg(v[graph.a[i]!]!); break;
      default: v[i] = leaf(k, graph.a[i]!, graph.b[i]!);
    }
  }
  return v;
}

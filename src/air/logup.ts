import { Expr, ExprGraph, NodeKind } from './expr.js';
import { extAdd, extMul, extScale, extSub, type ExtExpr } from './ext-expr.js';
import type { Constraint } from './define.js';

/**
 * One bus interaction of an AIR: on every row, `values` are sent on bus `bus` with signed
 * multiplicity `multiplicity` (positive: proves/provides, negative: assumes/consumes).
 * Node ids refer to the AIR's expression graph.
 */
export interface Interaction {
  readonly label: string;
  readonly bus: number;
  /** 'direct': once per instance, from air values (never part of the stage-2 columns). */
  readonly kind: 'lookup' | 'permutation' | 'direct';
  readonly values: readonly number[];
  readonly multiplicity: number;
}

/**
 * How an AIR's interactions become stage-2 columns (LogUp, with the global challenges α and γ):
 *
 *   fingerprint  d_i = α + bus_i + Σ_j γ^(j+1) · v_ij            (extension element per row)
 *   helper       h_g = Σ_{i ∈ group g} m_i / d_i                  (one extension column per group)
 *   accumulator  acc[0] = Σ_g h_g[0],  acc[r+1] = acc[r] + Σ_g h_g[r+1],  acc[n−1] = busSum
 *
 * Interactions are grouped greedily, in declaration order, as long as the group's constraint
 * h·Π d_i − Σ_i m_i Π_{j≠i} d_j stays within the maximum degree. The instance's bus sum (three
 * stage-2 values) is what the verifier adds over all instances: an honest execution balances every
 * bus, so the sums add to zero.
 */
export interface LogupLayout {
  /** Interaction indices of each group. */
  readonly groups: readonly (readonly number[])[];
  /** First base column of each group's helper column (three base columns each). */
  readonly helperColumns: readonly number[];
  /** First base column of the accumulator (three base columns); −1 when there are no interactions. */
  readonly accumulatorColumn: number;
  readonly stage2Width: number;
  readonly constraints: readonly Constraint[];
  readonly columnNames: readonly string[];
}

/** Index of the first coefficient of α among the challenges; γ follows at 3. */
export const ALPHA = 0;
export const GAMMA = 3;

function challenge(graph: ExprGraph, first: number): ExtExpr {
  return [0, 1, 2].map((i) => new Expr(graph, graph.leaf(NodeKind.Challenge, first + i))) as unknown as ExtExpr;
}

function stage2(graph: ExprGraph, first: number, offset: 0 | 1): ExtExpr {
  return [0, 1, 2].map((i) => new Expr(graph, graph.leaf(NodeKind.Stage2, first + i, offset))) as unknown as ExtExpr;
}

function degreeOf(graph: ExprGraph, ids: readonly number[]): number {
  return ids.reduce((d, id) => Math.max(d, graph.degree[id]!), 0);
}

/** Degree of the group constraint for interactions with fingerprint degrees `dd` and multiplicity degrees `md`. */
function groupDegree(dd: readonly number[], md: readonly number[]): number {
  const sumD = dd.reduce((s, d) => s + d, 0);
  let deg = 1 + sumD;
  for (let i = 0; i < dd.length; i++) deg = Math.max(deg, md[i]! + sumD - dd[i]!);
  return deg;
}

export function compileLogup(graph: ExprGraph, interactions: readonly Interaction[], maxDegree: number, airName: string): LogupLayout {
  if (interactions.length === 0) {
    return { groups: [], helperColumns: [], accumulatorColumn: -1, stage2Width: 0, constraints: [], columnNames: [] };
  }
  // Greedy grouping by degree.
  const groups: number[][] = [];
  let current: number[] = [];
  const dd: number[] = [];
  const md: number[] = [];
  interactions.forEach((it, i) => {
    const d = degreeOf(graph, it.values);
    const m = graph.degree[it.multiplicity]!;
    if (groupDegree([d], [m]) > maxDegree) {
      throw new Error(
        `AIR ${airName}: interaction '${it.label}' alone needs degree ${groupDegree([d], [m])} (values degree ${d}, multiplicity degree ${m}), above ${maxDegree}`,
      );
    }
    if (current.length > 0 && groupDegree([...dd, d], [...md, m]) > maxDegree) {
      groups.push(current);
      current = [];
      dd.length = 0;
      md.length = 0;
    }
    current.push(i);
    dd.push(d);
    md.push(m);
  });
  groups.push(current);

  const alpha = challenge(graph, ALPHA);
  const gamma = challenge(graph, GAMMA);
  const maxValues = interactions.reduce((n, it) => Math.max(n, it.values.length), 0);
  const gammaPowers: ExtExpr[] = [gamma];
  for (let j = 1; j < maxValues; j++) gammaPowers.push(extMul(gammaPowers[j - 1]!, gamma));

  const fingerprint = (it: Interaction): ExtExpr => {
    let acc: ExtExpr = extAdd(alpha, [new Expr(graph, graph.constant_(it.bus)), new Expr(graph, graph.constant_(0)), new Expr(graph, graph.constant_(0))]);
    it.values.forEach((v, j) => {
      acc = extAdd(acc, extScale(gammaPowers[j]!, new Expr(graph, v)));
    });
    return acc;
  };

  const constraints: Constraint[] = [];
  const columnNames: string[] = [];
  const push = (label: string, e: ExtExpr): void => {
    e.forEach((c, k) => {
      if (graph.isConst(c.id, 0n)) return;
      constraints.push({ label: `${label} [component ${k}]`, node: c.id, degree: c.degree, stage: 2 });
    });
  };

  const helperColumns: number[] = [];
  const helperSum = (offset: 0 | 1): ExtExpr => {
    let s: ExtExpr | undefined;
    for (const col of helperColumns) {
      const h = stage2(graph, col, offset);
      s = s ? extAdd(s, h) : h;
    }
    return s!;
  };

  groups.forEach((group, g) => {
    const col = 3 * g;
    helperColumns.push(col);
    for (let k = 0; k < 3; k++) columnNames.push(`logup.h${g}.${k}`);
    const ds = group.map((i) => fingerprint(interactions[i]!));
    const ms = group.map((i) => new Expr(graph, interactions[i]!.multiplicity));
    // h · Π d_i − Σ_i m_i Π_{j≠i} d_j = 0
    let lhs: ExtExpr = stage2(graph, col, 0);
    for (const d of ds) lhs = extMul(lhs, d);
    let rhs: ExtExpr | undefined;
    group.forEach((_, i) => {
      let term: ExtExpr | undefined;
      ds.forEach((d, j) => {
        if (j !== i) term = term ? extMul(term, d) : d;
      });
      const t: ExtExpr = term ? extScale(term, ms[i]!) : [ms[i]!, ms[i]!.mul(0), ms[i]!.mul(0)];
      rhs = rhs ? extAdd(rhs, t) : t;
    });
    const names = group.map((i) => interactions[i]!.label).join(', ');
    push(`LogUp helper ${g} (${names})`, extSub(lhs, rhs!));
  });

  const acc = 3 * groups.length;
  for (let k = 0; k < 3; k++) columnNames.push(`logup.acc.${k}`);
  const isFirst = new Expr(graph, graph.leaf(NodeKind.IsFirstRow));
  const isLast = new Expr(graph, graph.leaf(NodeKind.IsLastRow));
  const isTransition = new Expr(graph, graph.leaf(NodeKind.IsTransition));
  const accCur = stage2(graph, acc, 0);
  const accNext = stage2(graph, acc, 1);
  const busSum = [0, 1, 2].map((i) => new Expr(graph, graph.leaf(NodeKind.Stage2Value, i))) as unknown as ExtExpr;
  push('LogUp accumulator starts with the first row', extScale(extSub(accCur, helperSum(0)), isFirst));
  push('LogUp accumulator adds every row', extScale(extSub(extSub(accNext, accCur), helperSum(1)), isTransition));
  push('LogUp accumulator ends at the bus sum', extScale(extSub(accCur, busSum), isLast));

  return { groups, helperColumns, accumulatorColumn: acc, stage2Width: acc + 3, constraints, columnNames };
}

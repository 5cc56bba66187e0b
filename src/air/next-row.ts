import { NodeKind } from './expr.js';
import type { Air } from './define.js';

/** Columns of each tree read at the next row, in increasing order. */
export interface NextRowColumns {
  readonly main: readonly number[];
  readonly fixed: readonly number[];
  readonly program: readonly number[];
  readonly stage2: readonly number[];
}

/**
 * The columns the AIR's constraints (stage 1 and LogUp) read at offset 1, per tree: the columns the
 * prover opens at ζ·ω_n as well as at ζ (docs/stark.md, DEEP openings). Only leaves reachable from
 * a constraint count — the builder creates a next-row leaf for every column whether `eval` uses it
 * or not.
 */
export function nextRowColumns(air: Air): NextRowColumns {
  const g = air.graph;
  const reached = new Uint8Array(g.size);
  for (const c of air.constraints) reached[c.node] = 1;
  const sets: Record<number, Set<number>> = {
    [NodeKind.Main]: new Set(),
    [NodeKind.Fixed]: new Set(),
    [NodeKind.Program]: new Set(),
    [NodeKind.Stage2]: new Set(),
  };
  // Nodes are in topological order: children before parents, so one backward pass marks them all.
  for (let i = g.size - 1; i >= 0; i--) {
    if (!reached[i]) continue;
    const k = g.kind[i]!;
    if (k >= NodeKind.Add) {
      reached[g.a[i]!] = 1;
      if (k !== NodeKind.Neg) reached[g.b[i]!] = 1;
    } else if (g.b[i] === 1 && sets[k]) {
      sets[k].add(g.a[i]!);
    }
  }
  const sorted = (k: NodeKind) => [...sets[k]!].sort((x, y) => x - y);
  return { main: sorted(NodeKind.Main), fixed: sorted(NodeKind.Fixed), program: sorted(NodeKind.Program), stage2: sorted(NodeKind.Stage2) };
}

import { NodeKind, P } from './expr.js';
import { bigintAlgebra, evaluateGraph, type LeafValues } from './evaluate.js';
import { checkShape, type AirInstance } from './instance.js';

/** Where a trace breaks a constraint. */
export interface ConstraintFailure {
  readonly air: string;
  readonly instance: string;
  readonly row: number;
  readonly constraint: string;
  /** The constraint's value on that row (non-zero), as a signed number when it is small. */
  readonly value: bigint;
  readonly expression: string;
}

export type CheckResult = { readonly ok: true } | ({ readonly ok: false } & ConstraintFailure);

/** The leaves of the trace domain at `row` (stage-1 data only). */
export function rowLeaves(inst: AirInstance, row: number): LeafValues<bigint> {
  const n = inst.trace.height;
  return (kind, index, offset) => {
    const r = (row + offset) % n;
    switch (kind) {
      case NodeKind.Main: return inst.trace.get(r, index);
      case NodeKind.Fixed: return inst.fixed!.get(r, index);
      case NodeKind.Program: return inst.program!.get(r, index);
      case NodeKind.AirValue: return inst.airValues![index]!;
      case NodeKind.IsFirstRow: return row === 0 ? 1n : 0n;
      case NodeKind.IsLastRow: return row === n - 1 ? 1n : 0n;
      case NodeKind.IsTransition: return row === n - 1 ? 0n : 1n;
      default:
        throw new Error(`stage-1 evaluation met a ${kind} leaf: only LogUp constraints may use stage-2 data`);
    }
  };
}

function signed(v: bigint): bigint {
  return v > P / 2n ? v - P : v;
}

/** The first stage-1 constraint `row` breaks (plain BigInt evaluation of that row), or undefined. */
export function rowFailure(inst: AirInstance, row: number): ConstraintFailure | undefined {
  const { air } = inst;
  const v = evaluateGraph(air.graph, bigintAlgebra, rowLeaves(inst, row), air.evalNodeCount);
  for (const c of air.constraints) {
    if (c.stage !== 1) continue;
    const value = v[c.node]!;
    if (value !== 0n) {
      return { air: air.name, instance: inst.label ?? air.name, row, constraint: c.label, value: signed(value), expression: air.render(c.node) };
    }
  }
  return undefined;
}

/**
 * The debug checker: evaluates every stage-1 constraint of the instance on every row and reports the
 * first failure (AIR, instance, row, constraint, value). Plain BigInt evaluation — the reference for
 * the fast checker; use it on small traces.
 */
export function checkConstraintsReference(inst: AirInstance): CheckResult {
  checkShape(inst);
  for (let row = 0; row < inst.trace.height; row++) {
    const f = rowFailure(inst, row);
    if (f) return { ok: false, ...f };
  }
  return { ok: true };
}

/** A one-line description of a failure for reports and errors. */
export function describeFailure(f: ConstraintFailure): string {
  return `${f.instance}: row ${f.row} breaks constraint '${f.constraint}' (value ${f.value}): ${f.expression}`;
}

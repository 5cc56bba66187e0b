/**
 * The fast debug checker: every stage-1 constraint on every row of the trace domain, compiled once
 * per AIR. Each block ORs all constraint values into one flag per row; the lowest flagged row is
 * then re-evaluated by the reference (`rowFailure`, one row) to name the first constraint broken
 * there — so the report is exactly `checkConstraintsReference`'s.
 */
import {
  checkShape,
  rowFailure,
  type Air,
  type AirInstance,
  type CheckResult,
} from '../air/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { Op, ProgramBuilder, bindScalars, isVec, type Program } from './program.js';
import { traceDomain } from './domain.js';
import { factorConstraints } from './factor.js';
import { baseJob } from './evaluate.js';
import { FIRST_NON_ZERO } from './tasks.js';
import { blockRanges, runRanges } from './run.js';

interface CheckProgram {
  readonly program: Program;
  readonly scalarNodes: readonly number[];
  /** Scalar slots of constraints that do not depend on the row (air values, constants only). */
  readonly scalarConstraints: readonly number[];
  readonly hasVector: boolean;
}

const compiled = new WeakMap<Air, CheckProgram>();

function checkProgram(air: Air): CheckProgram {
  let c = compiled.get(air);
  if (c) return c;
  const b = new ProgramBuilder();
  const nodes = [...new Set(air.constraints.filter((k) => k.stage === 1).map((k) => k.node))];
  const terms = factorConstraints(air.graph, nodes, false).sort((x, y) => x.root - y.root);
  const multipliers = [...new Set(terms.filter((t) => t.multiplier >= 0).map((t) => t.multiplier))];
  const low = b.lowering(air.graph, [...terms.map((t) => t.root), ...multipliers]);
  const flags = b.vector();
  b.zero(flags);
  // In node order, each constraint ORed into the flags as soon as it is computed: short live ranges.
  // A constraint T·E with a shared multiplier T ORs E into T's flags, masked by T ≠ 0 at the end.
  const groupFlags = new Map<number, number>();
  const scalarConstraints: number[] = [];
  let hasVector = false;
  for (const t of terms) {
    const o = low.operand(t.root);
    if (!isVec(o)) {
      scalarConstraints.push(o.scalar);
      continue;
    }
    hasVector = true;
    if (t.multiplier < 0) {
      b.emit(Op.Or, flags, o.vec);
      continue;
    }
    let gf = groupFlags.get(t.multiplier);
    if (gf === undefined) {
      gf = b.vector();
      b.zero(gf);
      groupFlags.set(t.multiplier, gf);
    }
    b.emit(Op.Or, gf, o.vec);
  }
  for (const [m, gf] of groupFlags) b.emit(Op.OrNonZero, flags, gf, (low.operand(m) as { vec: number }).vec);
  b.output(flags);
  c = { program: b.build(), scalarNodes: b.scalarNodes, scalarConstraints, hasVector };
  compiled.set(air, c);
  return c;
}

/** The report for `row`, which breaks some stage-1 constraint (reference evaluation of that row). */
function failureAt(inst: AirInstance, row: number): CheckResult {
  const f = rowFailure(inst, row);
  if (!f) throw new Error(`${inst.label ?? inst.air.name}: the compiled checker flags row ${row}, the reference finds no broken constraint there`);
  return { ok: false, ...f };
}

/**
 * Checks every stage-1 constraint of `inst` on every row (shapes first, as `checkShape`); reports
 * the first failure — lowest row, then the first constraint in `air.constraints` order on it — as
 * `checkConstraintsReference` does. Rows are split over the pool's workers.
 */
export async function checkConstraints(inst: AirInstance, options: { pool?: WorkerPool } = {}): Promise<CheckResult> {
  checkShape(inst);
  const { air, trace } = inst;
  const cp = checkProgram(air);
  const { words, values } = bindScalars(air.graph, cp.scalarNodes, { airValues: inst.airValues });
  // A constraint over per-instance values only breaks on every row, so on row 0 first.
  if (cp.scalarConstraints.some((s) => values[s] !== 0n)) return failureAt(inst, 0);
  if (!cp.hasVector) return { ok: true };
  const logRows = Math.log2(trace.height);
  const job = baseJob(cp.program, words, traceDomain(logRows), { main: trace, fixed: inst.fixed, program: inst.program }, options.pool);
  const rows = await runRanges(options.pool, FIRST_NON_ZERO, { ...job, output: 0 }, blockRanges(trace.height >> job.logBlockRows, options.pool));
  const first = rows.find((r) => r >= 0);
  return first === undefined ? { ok: true } : failureAt(inst, first);
}

/**
 * The AIR interface: an AIR is declared once with `defineAir` — columns, per-instance values,
 * constraints and bus interactions in one `eval` — and every other part (degree calculator, debug
 * checker, LogUp stage-2 builder, prover, verifier) interprets the expression graph it leaves.
 */
export { Expr, ExprGraph, NodeKind, P, type ExprLike } from './expr.js';
export { extAdd, extFromBase, extMul, extScale, extSub, type ExtExpr } from './ext-expr.js';
export {
  Air,
  AirBuilder,
  defineAir,
  CHALLENGE_COUNT,
  DEFAULT_MAX_DEGREE,
  STAGE2_VALUE_COUNT,
  type AirSpec,
  type Cols,
  type ColumnCounts,
  type Constraint,
  type ConstraintSink,
  type Layout,
} from './define.js';
export { ALPHA, GAMMA, type Interaction, type LogupLayout } from './logup.js';
export { bigintAlgebra, evaluateGraph, type Algebra, type LeafValues } from './evaluate.js';
export { checkShape, type AirInstance } from './instance.js';
export { nextRowColumns, type NextRowColumns } from './next-row.js';
export { checkConstraintsReference, describeFailure, rowFailure, rowLeaves, type CheckResult, type ConstraintFailure } from './check.js';
export {
  checkBusBalanceReference,
  describeImbalance,
  directBusTerms,
  type BalanceResult,
  type BusImbalance,
  type GlobalBusTerm,
} from './bus-balance.js';

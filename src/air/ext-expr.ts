import { Expr, type ExprLike } from './expr.js';

/**
 * An element of the cubic extension F[X]/(X^3 − X − 1) written as three base-field expressions
 * (coefficients of 1, X, X^2). LogUp constraints are expanded into base-field nodes this way, so
 * the prover evaluates every constraint with base-field arithmetic on the extended domain and only
 * the final random combination is an extension element.
 */
export type ExtExpr = readonly [Expr, Expr, Expr];

export function extFromBase(x: Expr): ExtExpr {
  const zero = x.mul(0);
  return [x, zero, zero];
}

export function extAdd(x: ExtExpr, y: ExtExpr): ExtExpr {
  return [x[0].add(y[0]), x[1].add(y[1]), x[2].add(y[2])];
}

export function extSub(x: ExtExpr, y: ExtExpr): ExtExpr {
  return [x[0].sub(y[0]), x[1].sub(y[1]), x[2].sub(y[2])];
}

/** x · s for a base-field s. */
export function extScale(x: ExtExpr, s: ExprLike): ExtExpr {
  return [x[0].mul(s), x[1].mul(s), x[2].mul(s)];
}

/** x · y, reduced with X^3 = X + 1 and X^4 = X^2 + X. */
export function extMul(x: ExtExpr, y: ExtExpr): ExtExpr {
  const p0 = x[0].mul(y[0]);
  const p1 = x[0].mul(y[1]).add(x[1].mul(y[0]));
  const p2 = x[0].mul(y[2]).add(x[1].mul(y[1])).add(x[2].mul(y[0]));
  const p3 = x[1].mul(y[2]).add(x[2].mul(y[1]));
  const p4 = x[2].mul(y[2]);
  return [p0.add(p3), p1.add(p3).add(p4), p2.add(p4)];
}

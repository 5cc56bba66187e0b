/**
 * What each Arith op asks of the AIR: six class flags, fixed per op, that the ArithTable lists and
 * the Arith AIR looks up together with the op code. Everything data-dependent (signs, division by
 * zero, overflow) is constrained by the AIR itself, not listed here.
 *
 *   DV   division: c = a·b + d (c dividend, a quotient, d remainder); else a·b = c + 2^64·d
 *   M32  32-bit op: operands are the low 32 bits of the bus values (extended inside the AIR)
 *   SA   a (multiplicand or quotient) and d (high product or remainder) are signed
 *   SB   b (multiplier or divisor) is signed; for divisions c (the dividend) too
 *   MM   the result is c (the low product)          }  neither: the result is d (the high
 *   MDV  the result is a (the quotient)              }  product or the remainder)
 */
import {
  OP_DIV, OP_DIV_W, OP_DIVU, OP_DIVU_W, OP_MUL, OP_MUL_W, OP_MULH, OP_MULSUH, OP_MULU, OP_MULUH, OP_REM, OP_REM_W,
  OP_REMU, OP_REMU_W,
} from '../../zisk/index.js';

export const F_DV = 1;
export const F_M32 = 2;
export const F_SA = 4;
export const F_SB = 8;
export const F_MM = 16;
export const F_MDV = 32;

/** The Arith ops and their class flags, in ArithTable row order. */
export const ARITH_CLASSES: readonly (readonly [op: number, flags: number])[] = [
  [OP_MULU, F_MM],
  [OP_MULUH, 0],
  [OP_MULSUH, F_SA],
  [OP_MUL, F_SA | F_SB | F_MM],
  [OP_MULH, F_SA | F_SB],
  [OP_MUL_W, F_M32 | F_MM],
  [OP_DIVU, F_DV | F_MDV],
  [OP_REMU, F_DV],
  [OP_DIV, F_DV | F_SA | F_SB | F_MDV],
  [OP_REM, F_DV | F_SA | F_SB],
  [OP_DIVU_W, F_DV | F_M32 | F_MDV],
  [OP_REMU_W, F_DV | F_M32],
  [OP_DIV_W, F_DV | F_M32 | F_SA | F_SB | F_MDV],
  [OP_REM_W, F_DV | F_M32 | F_SA | F_SB],
];

/** Class flags by op code (0..255); −1 for ops Arith does not prove. */
export const FLAGS_BY_OP: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (const [op, flags] of ARITH_CLASSES) t[op] = flags;
  return t;
})();

/** ArithTable row by op code (0..255); −1 for ops Arith does not prove. */
export const TABLE_ROW_BY_OP: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  ARITH_CLASSES.forEach(([op], row) => (t[op] = row));
  return t;
})();

/** True for the ops whose result (or derived check) involves a division. */
export function isDivision(op: number): boolean {
  const f = FLAGS_BY_OP[op & 0xff]!;
  return f >= 0 && (f & F_DV) !== 0;
}

/**
 * The Arith family: proves mulu, muluh, mulsuh, mul, mulh, mul_w, divu, remu, div, rem and the
 * 32-bit divisions (op type Arith) on the operation bus, one row per operation (./air.ts), with the
 * ArithTable of op classes (./table.ts), and asks Binary to prove each division's remainder check
 * (./remainder.ts).
 *
 * Where it differs from ZisK's arith.pil, and why (our prover pays (trace + LogUp columns) × rows,
 * and every table row on every proof):
 *
 * - Signs are two's complement, not magnitudes. ZisK proves |a|·|b| = |c| ± |d| with sign factors
 *   (fab = ±1, degree 3) and lists the allowed sign combinations in its table; a sign bit cannot
 *   tell zero from positive, so the combinations where a value is zero had to stay open, and they
 *   were accepted with non-zero values too (signed div/rem with a forged sign: ZisK
 *   GHSA-qjgg-fcj3-p9x3, fixed in its PR 1228). Here X = x − 2^64·nx with nx the value's top bit,
 *   checked by the range lookup of its top chunk: the identity is exact over the integers, degree 2,
 *   and a division needs one more constraint (a non-zero remainder has the dividend's sign) to be
 *   unique. The tests forge the known cases (div(−7, 2) = 3, mul(−1, 1) = 1, rem(−7, 3) = +1, …).
 * - 32-bit ops are the 64-bit ones on extended operands (div_w's dividend and divisor sign-extended,
 *   the others zero-extended): no m32 terms in the identity, and INT32_MIN / −1 needs no overflow
 *   flag (2^31 fits the 64-bit quotient; the bus result is its low word sign-extended).
 * - Range checks use the shared 2^16-row table (with a 15-bit size added for the sign bits) instead
 *   of ZisK's ArithRangeTable (2^21 + 2^17 rows on every proof). Signed top chunks are checked as
 *   `[15, x − 0x8000·sign]` in one lookup; the carries are checked at 2^32, 2^64, 2^96 only (3
 *   instead of 7: the carry between two checked ones is bounded by them), as 16 bits plus a high
 *   part of 1, 2 bits or a {0, 1, 2} value held by constraints rather than lookups.
 * - ArithTable lists the 14 ops with their class flags (16 rows): signs, division by zero and
 *   overflow are data and are constrained in the AIR, so the table needs no row per combination.
 * - Division by zero needs no inverse column: with b = 0 and the flag unset, the remainder check
 *   |d| < 0 has no proof.
 *
 * Cost per row: 42 trace columns + 39 LogUp columns (12 helper columns for 22 interactions, and the
 * accumulator) = 81, against ZisK's 88 with its 2^21-row range table.
 */
export { arithAir, CARRY2_OFFSET } from './air.js';
export { ARITH_TABLE_BUS, ARITH_TABLE_LOG_ROWS, ARITH_TABLE_ROWS, arithTableAir } from './table.js';
export { ARITH_CLASSES, FLAGS_BY_OP, TABLE_ROW_BY_OP, isDivision, F_DV, F_M32, F_SA, F_SB, F_MM, F_MDV } from './classes.js';
export { ArithValues } from './compute.js';
export { deriveRemainderCheck, remainderCheckOp, RemainderCheckGenerator } from './remainder.js';
export { buildArithTrace, type OperationList } from './witness.js';
export {
  arithComponent,
  arithTableInstance,
  ArithCollector,
  ArithCounter,
  OperationBuffer,
  ARITH_DEFAULT_LOG_ROWS,
  type ArithMeta,
} from './component.js';

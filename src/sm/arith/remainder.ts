/**
 * The remainder check: every division (b ≠ 0) assumes from Binary that its remainder is strictly
 * smaller than its divisor in absolute value, as one Binary operation on the AIR's 64-bit (d, b)
 * whose result must be 1:
 *
 *   d ≥ 0, b ≥ 0   ltu        d < b                  (every unsigned division)
 *   d < 0, b ≥ 0   lt_abs_np  −d < b
 *   d ≥ 0, b < 0   lt_abs_pn  d < −b
 *   d < 0, b < 0   gt         d > b   (signed)
 *
 * For 32-bit divisions d and b are the extended values the AIR holds. The generator derives these
 * operations on the data bus, right after each division's message, so that Binary counts and
 * collects them as its own; their result and flag are the op table's, so a remainder that is not
 * below the divisor yields c = 0 and no Binary row can prove what Arith assumes.
 */
import { OP, OPERATION_BUS, type BusDevice, type PendingQueue } from '../../bus/index.js';
import { OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU, OP_TYPE_ARITH, OP_TYPE_BINARY, opByCode } from '../../zisk/index.js';
import { F_DV, FLAGS_BY_OP } from './classes.js';
import { ArithValues } from './compute.js';

/** The Binary op that checks |d| < |b| for remainder sign nd and divisor sign nb. */
export function remainderCheckOp(nd: number, nb: number): number {
  return nd ? (nb ? OP_GT : OP_LT_ABS_NP) : nb ? OP_LT_ABS_PN : OP_LTU;
}

const EXEC = new Int32Array(3);

/**
 * Writes into `out` (an operation-bus payload, OP layout) the check the division of `v` needs, and
 * returns true; returns false when there is none (not a division, or division by zero).
 */
export function deriveRemainderCheck(v: ArithValues, stepLo: number, stepHi: number, out: Uint32Array): boolean {
  if ((v.flags & F_DV) === 0 || v.dbz) return false;
  const op = remainderCheckOp(v.nd, v.nb);
  opByCode(op).exec(v.dLo | 0, v.dHi | 0, v.bLo | 0, v.bHi | 0, EXEC);
  out[OP.op] = op;
  out[OP.opType] = OP_TYPE_BINARY;
  out[OP.aLo] = v.dLo;
  out[OP.aHi] = v.dHi;
  out[OP.bLo] = v.bLo;
  out[OP.bHi] = v.bHi;
  out[OP.cLo] = EXEC[0]!;
  out[OP.cHi] = EXEC[1]!;
  out[OP.flag] = EXEC[2]!;
  out[OP.stepLo] = stepLo;
  out[OP.stepHi] = stepHi;
  return true;
}

/** The inputs generator: derives the remainder check of every division on the operation bus. */
export class RemainderCheckGenerator implements BusDevice {
  readonly busIds = [OPERATION_BUS];
  private readonly values = new ArithValues();
  private readonly out = new Uint32Array(OP.size);

  processData(_busId: number, data: Uint32Array, pending: PendingQueue): boolean {
    if (data[OP.opType] !== OP_TYPE_ARITH) return true;
    const op = data[OP.op]!;
    const flags = FLAGS_BY_OP[op & 0xff]!;
    if (flags < 0 || (flags & F_DV) === 0 || op > 0xff) return true;
    this.values.compute(op, data[OP.aLo]!, data[OP.aHi]!, data[OP.bLo]!, data[OP.bHi]!);
    if (deriveRemainderCheck(this.values, data[OP.stepLo]!, data[OP.stepHi]!, this.out)) pending.push(OPERATION_BUS, this.out);
    return true;
  }
}

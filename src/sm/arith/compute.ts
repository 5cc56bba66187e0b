/**
 * The values of one Arith row, from an operation (op, a, b) as the bus carries it: the four 64-bit
 * operands of the AIR's identity and the data-dependent flags. Shared by the witness builder and the
 * remainder-check generator, so both see the same remainder and divisor.
 *
 *   multiplication  a·b = c + 2^64·d         a, b the operands; c the low, d the high product
 *   division        c = a·b + d              c the dividend, b the divisor, a quotient, d remainder
 *
 * Signed operands are two's complement: X = x − 2^64·nx with nx the top bit. 32-bit ops work on the
 * low 32 bits of the bus operands, extended to 64 bits inside the AIR (zero-extended, or
 * sign-extended for div_w/rem_w), so the identity is the 64-bit one for every op; their bus result is
 * the low 32 bits of a, c or d sign-extended. Division by zero gives a = all ones, d = c; the 64-bit
 * overflow INT64_MIN / −1 gives a = INT64_MIN, d = 0 (`ovf`, whose 2^64 the identity absorbs); the
 * 32-bit overflow needs no flag, since 2^31 fits the 64-bit quotient.
 *
 * Hot code: no BigInt, no allocation; 64-bit values are uint32 halves (numbers ≥ 0).
 */
import { wide } from '../../zisk/index.js';
import { F_DV, F_M32, F_MDV, F_MM, F_SA, F_SB, FLAGS_BY_OP } from './classes.js';

const TWO16 = 65536;
const W = wide.W;

export class ArithValues {
  op = 0;
  flags = 0;
  aLo = 0;
  aHi = 0;
  bLo = 0;
  bHi = 0;
  cLo = 0;
  cHi = 0;
  dLo = 0;
  dHi = 0;
  /** Effective signs (0 for unsigned operands); for mul/mulh, nc is c's top bit (c is unsigned). */
  na = 0;
  nb = 0;
  nc = 0;
  nd = 0;
  dbz = 0;
  ovf = 0;
  /** The result on the bus (c of the bus message). */
  resLo = 0;
  resHi = 0;

  /** Fills the row's values for op `op` on bus operands a, b (int32 or uint32 halves). */
  compute(op: number, aLo: number, aHi: number, bLo: number, bHi: number): void {
    const flags = FLAGS_BY_OP[op & 0xff]!;
    if (flags < 0 || op > 0xff) throw new Error(`Arith: op 0x${op.toString(16)} is not an Arith operation`);
    this.op = op;
    this.flags = flags;
    const m32 = (flags & F_M32) !== 0;
    const sA = (flags & F_SA) !== 0;
    const sB = (flags & F_SB) !== 0;
    this.dbz = 0;
    this.ovf = 0;
    if ((flags & F_DV) === 0) {
      this.multiply(aLo >>> 0, m32 ? 0 : aHi >>> 0, bLo >>> 0, m32 ? 0 : bHi >>> 0, sA, sB);
    } else {
      // The dividend is c. 32-bit operands are extended as the op reads them.
      const cLo = aLo >>> 0;
      const cHi = m32 ? (sB ? (aLo >> 31) >>> 0 : 0) : aHi >>> 0;
      const yLo = bLo >>> 0;
      const yHi = m32 ? (sB ? (bLo >> 31) >>> 0 : 0) : bHi >>> 0;
      this.divide(cLo, cHi, yLo, yHi, sB, m32);
    }
    this.na = sA ? this.aHi >>> 31 : 0;
    this.nb = sB ? this.bHi >>> 31 : 0;
    this.nc = sB ? this.cHi >>> 31 : 0;
    this.nd = sA ? this.dHi >>> 31 : 0;
    const rLo = flags & F_MM ? this.cLo : flags & F_MDV ? this.aLo : this.dLo;
    const rHi = flags & F_MM ? this.cHi : flags & F_MDV ? this.aHi : this.dHi;
    this.resLo = rLo;
    this.resHi = m32 ? (rLo >>> 31 ? 0xffffffff : 0) : rHi;
  }

  private multiply(aLo: number, aHi: number, bLo: number, bHi: number, sA: boolean, sB: boolean): void {
    this.aLo = aLo;
    this.aHi = aHi;
    this.bLo = bLo;
    this.bHi = bHi;
    // Unsigned 128-bit product, schoolbook on 16-bit limbs: a column holds at most four products
    // below 2^32 plus a carry below 2^19, exact in a double. `t & 0xffff` keeps the low bits of an
    // integer below 2^53 (ToInt32 is mod 2^32); a double `%` would call fmod.
    const a0 = aLo & 0xffff, a1 = aLo >>> 16, a2 = aHi & 0xffff, a3 = aHi >>> 16;
    const b0 = bLo & 0xffff, b1 = bLo >>> 16, b2 = bHi & 0xffff, b3 = bHi >>> 16;
    let t = a0 * b0;
    const p0 = t & 0xffff;
    t = (t - p0) / TWO16 + a0 * b1 + a1 * b0;
    const p1 = t & 0xffff;
    t = (t - p1) / TWO16 + a0 * b2 + a1 * b1 + a2 * b0;
    const p2 = t & 0xffff;
    t = (t - p2) / TWO16 + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
    const p3 = t & 0xffff;
    t = (t - p3) / TWO16 + a1 * b3 + a2 * b2 + a3 * b1;
    const p4 = t & 0xffff;
    t = (t - p4) / TWO16 + a2 * b3 + a3 * b2;
    const p5 = t & 0xffff;
    t = (t - p5) / TWO16 + a3 * b3;
    const p6 = t & 0xffff;
    const p7 = (t - p6) / TWO16;
    this.cLo = (p0 + p1 * TWO16) >>> 0;
    this.cHi = (p2 + p3 * TWO16) >>> 0;
    let dLo = (p4 + p5 * TWO16) >>> 0;
    let dHi = (p6 + p7 * TWO16) >>> 0;
    // Signed operands: (a − 2^64·na)(b − 2^64·nb) ≡ a·b − 2^64·(na·b + nb·a) (mod 2^128).
    if (sA && aHi >>> 31) {
      const l = (dLo - bLo) >>> 0;
      dHi = (dHi - bHi - (dLo < bLo ? 1 : 0)) >>> 0;
      dLo = l;
    }
    if (sB && bHi >>> 31) {
      const l = (dLo - aLo) >>> 0;
      dHi = (dHi - aHi - (dLo < aLo ? 1 : 0)) >>> 0;
      dLo = l;
    }
    this.dLo = dLo;
    this.dHi = dHi;
  }

  private divide(cLo: number, cHi: number, bLo: number, bHi: number, signed: boolean, m32: boolean): void {
    this.cLo = cLo;
    this.cHi = cHi;
    this.bLo = bLo;
    this.bHi = bHi;
    if (bLo === 0 && bHi === 0) {
      this.dbz = 1;
      this.aLo = 0xffffffff;
      this.aHi = 0xffffffff;
      this.dLo = cLo;
      this.dHi = cHi;
      return;
    }
    if (signed) {
      wide.divRemS(cLo | 0, cHi | 0, bLo | 0, bHi | 0);
      this.ovf = !m32 && cLo === 0 && cHi === 0x80000000 && bLo === 0xffffffff && bHi === 0xffffffff ? 1 : 0;
    } else {
      wide.divRemU(cLo | 0, cHi | 0, bLo | 0, bHi | 0);
    }
    this.aLo = W[0]! >>> 0;
    this.aHi = W[1]! >>> 0;
    this.dLo = W[2]! >>> 0;
    this.dHi = W[3]! >>> 0;
  }
}

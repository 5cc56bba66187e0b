/**
 * The Arith witness: one row per operation, written straight into the trace columns, and the
 * lookups each row makes into ArithTable and the shared range table.
 *
 * Every value is checked against what the bus message said (result and flag): a row that does not
 * reproduce the emulator's result is a bug here or there, reported with the operation.
 */
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { opByCode } from '../../zisk/index.js';
import { rangeCounts } from '../range/index.js';
import { CARRY2_OFFSET, arithAir } from './air.js';
import { F_DV, F_M32, F_MDV, F_MM, F_SA, F_SB, TABLE_ROW_BY_OP } from './classes.js';
import { ArithValues } from './compute.js';
import { ARITH_TABLE_ROWS, arithTableAir } from './table.js';

/** Operations as the bus delivered them (halves as uint32), `length` of them. */
export interface OperationList {
  readonly length: number;
  readonly op: Uint8Array;
  readonly aLo: Uint32Array;
  readonly aHi: Uint32Array;
  readonly bLo: Uint32Array;
  readonly bHi: Uint32Array;
  /** The result and flag the emulator computed, checked against the row's. */
  readonly cLo: Uint32Array;
  readonly cHi: Uint32Array;
  readonly flag: Uint8Array;
}

const TWO16 = 65536;
const TWO32 = 4294967296;
// Column indices as plain constants: looking them up in the layout object per cell doubled the cost
// of writing a row (measured 320 against 150 ns a row, on a loaded machine).
const col = arithAir.cols;
const A0 = col.a[0]!, A1 = col.a[1]!, A2 = col.a[2]!, A3 = col.a[3]!;
const B0 = col.b[0]!, B1 = col.b[1]!, B2 = col.b[2]!, B3 = col.b[3]!;
const C0 = col.c[0]!, C1 = col.c[1]!, C2 = col.c[2]!, C3 = col.c[3]!;
const D0 = col.d[0]!, D1 = col.d[1]!, D2 = col.d[2]!, D3 = col.d[3]!;
const NA = col.na, NB = col.nb, NC = col.nc, ND = col.nd, MA = col.ma, MB = col.mb, MC = col.mc, MD = col.md;
const K0 = col.carry[0]!, K1 = col.carry[1]!, K2 = col.carry[2]!, KH0 = col.carryHi0, KH1A = col.carryHi1[0]!, KH1B = col.carryHi1[1]!, KH2 = col.carryHi2;
const OPC = col.op, SEL = col.sel, DV = col.dv, M32 = col.m32, SA = col.sA, SB = col.sB, MM = col.mm, MDV = col.mdv, DBZ = col.dbz, OVF = col.ovf, RES_HI = col.resHi;

/** Where the witness writes: the trace's data; column j of row r is at 2·(j·height + r). */
class RowWriter {
  readonly data: Uint32Array;
  /** 2·height: the u32 stride between columns. */
  readonly stride: number;
  constructor(readonly trace: Matrix) {
    this.data = trace.data;
    this.stride = 2 * trace.height;
  }
}

/**
 * Builds an Arith trace of 2^logRows rows from `lists` (in order) and adds the row lookups to
 * `tables` when given. Throws if the operations do not fit or a row disagrees with its message.
 */
export function buildArithTrace(lists: readonly OperationList[], logRows: number, tables?: TableMultiplicities, label = 'Arith'): Matrix {
  const rows = 2 ** logRows;
  let total = 0;
  for (const l of lists) total += l.length;
  if (total > rows) throw new RangeError(`${label}: ${total} operations do not fit 2^${logRows} rows`);
  const trace = new Matrix(arithAir.width, rows);
  const w = new RowWriter(trace);
  const v = new ArithValues();
  const r16 = tables ? rangeCounts(tables, 16) : new Float64Array(TWO16);
  const r15 = tables ? rangeCounts(tables, 15) : new Float64Array(TWO16 / 2);
  const tableCounts = tables ? tables.of(arithTableAir, ARITH_TABLE_ROWS) : new Float64Array(ARITH_TABLE_ROWS);
  let row = 0;
  for (const l of lists) {
    for (let i = 0; i < l.length; i++, row++) {
      v.compute(l.op[i]!, l.aLo[i]!, l.aHi[i]!, l.bLo[i]!, l.bHi[i]!);
      if (v.resLo !== l.cLo[i] || v.resHi !== l.cHi[i] || v.dbz !== l.flag[i]) {
        throw new Error(
          `${label} row ${row}: ${opByCode(v.op).name}(0x${hex(l.aHi[i]!, l.aLo[i]!)}, 0x${hex(l.bHi[i]!, l.bLo[i]!)}) gives ` +
            `0x${hex(v.resHi, v.resLo)} flag ${v.dbz}, the bus message says 0x${hex(l.cHi[i]!, l.cLo[i]!)} flag ${l.flag[i]}`,
        );
      }
      writeRow(w, row, v, r16, r15, label);
      tableCounts[TABLE_ROW_BY_OP[v.op]!]! += 1;
    }
  }
  return trace;
}

function hex(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Writes one row from its values, and counts its range checks. */
function writeRow(w: RowWriter, row: number, v: ArithValues, r16: Float64Array, r15: Float64Array, label = 'Arith'): void {
  const f = v.flags;
  const dv = f & F_DV ? 1 : 0;
  const a0 = v.aLo & 0xffff, a1 = v.aLo >>> 16, a2 = v.aHi & 0xffff, a3 = v.aHi >>> 16;
  const b0 = v.bLo & 0xffff, b1 = v.bLo >>> 16, b2 = v.bHi & 0xffff, b3 = v.bHi >>> 16;
  const c0 = v.cLo & 0xffff, c1 = v.cLo >>> 16, c2 = v.cHi & 0xffff, c3 = v.cHi >>> 16;
  const d0 = v.dLo & 0xffff, d1 = v.dLo >>> 16, d2 = v.dHi & 0xffff, d3 = v.dHi >>> 16;
  const { na, nb, nc, nd, ovf } = v;
  const ndv = 1 - dv;

  // The identity's parts by weight (see air.ts); every sum is an integer below 2^51, exact.
  const eq0 = a0 * b0 - c0 + dv * d0;
  const eq1 = a0 * b1 + a1 * b0 - c1 + dv * d1;
  const eq2 = a0 * b2 + a1 * b1 + a2 * b0 - c2 + dv * d2;
  const eq3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 - c3 + dv * d3;
  const eq4 = a1 * b3 + a2 * b2 + a3 * b1 - na * b0 - nb * a0 - ndv * d0 + dv * (nc - nd) - ovf;
  const eq5 = a2 * b3 + a3 * b2 - na * b1 - nb * a1 - ndv * d1;
  const eq6 = a3 * b3 - na * b2 - nb * a2 - ndv * d2;
  const eq7 = -na * b3 - nb * a3 - ndv * d3;
  const carry0 = (eq0 + eq1 * TWO16) / TWO32;
  const carry1 = (eq2 + eq3 * TWO16 + carry0) / TWO32;
  const carry2 = (eq4 + eq5 * TWO16 + carry1) / TWO32;
  const top = eq6 + eq7 * TWO16 + carry2 + (na * nb + ndv * nd) * TWO32;
  const k2 = carry2 + CARRY2_OFFSET;
  if (top !== 0 || !(carry0 >= 0 && carry0 < 2 * TWO16 && carry1 >= 0 && carry1 < 4 * TWO16 && k2 >= 0 && k2 < 3 * TWO16) ||
      !Number.isInteger(carry0) || !Number.isInteger(carry1) || !Number.isInteger(carry2)) {
    throw new Error(`${label} row ${row}: op 0x${v.op.toString(16)} breaks the identity or its carry bounds (carries ${carry0}, ${carry1}, ${carry2}; top ${top})`);
  }
  const lo0 = carry0 & 0xffff, lo1 = carry1 & 0xffff, lo2 = k2 & 0xffff;
  const h1 = (carry1 - lo1) / TWO16;

  // Values below 2^32: only the low word is written (a fresh matrix is zero).
  const o = 2 * row, st = w.stride, x = w.data;

  x[A0 * st + o] = a0; x[A1 * st + o] = a1; x[A2 * st + o] = a2; x[A3 * st + o] = a3;
  x[B0 * st + o] = b0; x[B1 * st + o] = b1; x[B2 * st + o] = b2; x[B3 * st + o] = b3;
  x[C0 * st + o] = c0; x[C1 * st + o] = c1; x[C2 * st + o] = c2; x[C3 * st + o] = c3;
  x[D0 * st + o] = d0; x[D1 * st + o] = d1; x[D2 * st + o] = d2; x[D3 * st + o] = d3;
  const ma = a1 >>> 15, mb = b1 >>> 15, mc = c1 >>> 15, md = d1 >>> 15;
  x[NA * st + o] = na; x[NB * st + o] = nb; x[NC * st + o] = nc; x[ND * st + o] = nd;
  x[MA * st + o] = ma; x[MB * st + o] = mb; x[MC * st + o] = mc; x[MD * st + o] = md;
  x[K0 * st + o] = lo0; x[K1 * st + o] = lo1; x[K2 * st + o] = lo2;
  x[KH0 * st + o] = (carry0 - lo0) / TWO16;
  x[KH1A * st + o] = h1 & 1; x[KH1B * st + o] = h1 >>> 1;
  x[KH2 * st + o] = (k2 - lo2) / TWO16;
  x[OPC * st + o] = v.op;
  x[SEL * st + o] = 1;
  x[DV * st + o] = dv;
  x[M32 * st + o] = f & F_M32 ? 1 : 0;
  const sA = f & F_SA ? 1 : 0;
  const sB = f & F_SB ? 1 : 0;
  x[SA * st + o] = sA;
  x[SB * st + o] = sB;
  x[MM * st + o] = f & F_MM ? 1 : 0;
  x[MDV * st + o] = f & F_MDV ? 1 : 0;
  x[DBZ * st + o] = v.dbz;
  x[OVF * st + o] = ovf;
  x[RES_HI * st + o] = v.resHi;

  r16[a0]! += 1; r16[a2]! += 1; r16[b0]! += 1; r16[b2]! += 1;
  r16[c0]! += 1; r16[c2]! += 1; r16[d0]! += 1; r16[d2]! += 1;
  r16[lo0]! += 1; r16[lo1]! += 1; r16[lo2]! += 1;
  r15[a1 - 0x8000 * ma]! += 1; r15[b1 - 0x8000 * mb]! += 1; r15[c1 - 0x8000 * mc]! += 1; r15[d1 - 0x8000 * md]! += 1;
  if (sA) { r15[a3 - 0x8000 * na]! += 1; r15[d3 - 0x8000 * nd]! += 1; } else { r16[a3]! += 1; r16[d3]! += 1; }
  if (sB) { r15[b3 - 0x8000 * nb]! += 1; r15[c3 - 0x8000 * nc]! += 1; } else { r16[b3]! += 1; r16[c3]! += 1; }
}


/**
 * BinaryExtension: shifts (sll, srl, sra and their `_w` forms) and sign extensions (signextend_b,
 * _h, _w), one row per operation.
 *
 * Columns (33): sel, op, m32, sh (is a shift), x[8] (bytes of the operand: a for shifts, b for sign
 * extensions), s (shift amount b mod 64, or the sign extension's width kind 0/1/2), q0, q1 (for
 * shifts b_lo = s + 2^6·q0 + 2^22·q1, 16-bit q's: b_lo ≡ s mod 64 has one such reading), o_lo, o_hi
 * (the other operand: b for shifts, a — unused by the op but part of the message — for sign
 * extensions), lo[8], hi[8] (each byte's contribution to c; they cover disjoint bits, so c is
 * their sum).
 *
 * Interactions (11): per byte j the lookup `[op, j, x_j, s, lo_j, hi_j, sh + 2·m32]` (which also
 * ties sh and m32 to the op); q0 and q1 through the 16-bit range table; and the operation
 *     [op, a_lo, a_hi, b_lo, b_hi, Σ lo, Σ hi, 0]     with (a, b) = sh ? (x, o) : (o, x),
 * whose values have degree 2 (the swap), so it takes a LogUp column of its own.
 * `_w` ops (and signextend_w) read 32-bit operands: x_4..7 and o_hi are 0 and bytes 4..7 are not
 * looked up. ZisK packs the shift amount into one byte and range-checks the rest of b below 2^24;
 * here 6 bits of it select the table rows (2^17 rows for all ops, with j and s as fixed columns).
 */
import { defineAir } from '../../air/index.js';
import { OPERATION_BUS } from '../../bus/index.js';
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { isM32, opByCode, OP_SIGNEXTEND_B } from '../../zisk/index.js';
import { assumeRange, rangeCounts } from '../range/index.js';
import { EXTENSION_COLUMN_OF_OP, EXTENSION_SEXT_OPS, EXTENSION_SHIFT_OPS } from './extension-classes.js';
import { CountLog } from './count-log.js';
import type { OperationList } from './operations.js';
import { BINARY_EXTENSION_TABLE_BUS, EXTENSION_COLUMN_BASE, TABLE_ROWS, extensionContributions, tableCounts } from './table.js';

const B8 = [1, 1 << 8, 1 << 16, 2 ** 24];

export const binaryExtensionAir = defineAir({
  name: 'BinaryExtension',
  columns: { sel: 1, op: 1, m32: 1, sh: 1, x: 8, s: 1, q0: 1, q1: 1, oLo: 1, oHi: 1, lo: 8, hi: 8 },
  eval(b) {
    const { sel, op, m32, sh, x, s, q0, q1, oLo, oHi, lo, hi } = b.main;
    b.assertBool('sel is boolean', sel);
    b.assertBool('m32 is boolean', m32);
    b.assertBool('sh is boolean', sh);
    b.assertZero('32-bit mode only on real rows', m32.mul(sel.not()));
    b.assertZero('shift only on real rows', sh.mul(sel.not()));
    b.when(sh).assertEq('a shift reads its amount from b', oLo, s.add(q0.mul(64)).add(q1.mul(1 << 22)));
    b.when(sh.not()).assertZero('a sign extension has no amount (q0)', q0);
    b.when(sh.not()).assertZero('a sign extension has no amount (q1)', q1);
    b.when(m32).assertZero('32-bit mode: the other operand has no high word', oHi);
    for (let j = 4; j < 8; j++) {
      b.when(m32).assertZero(`32-bit mode: byte ${j} is 0`, x[j]!);
      b.when(m32).assertZero(`32-bit mode: byte ${j} contributes nothing (lo)`, lo[j]!);
      b.when(m32).assertZero(`32-bit mode: byte ${j} contributes nothing (hi)`, hi[j]!);
    }

    const flags = sh.add(m32.mul(2));
    const upper = sel.sub(m32);
    for (let j = 0; j < 8; j++) {
      b.lookupAssumes(`byte ${j}`, BINARY_EXTENSION_TABLE_BUS, [op, j, x[j]!, s, lo[j]!, hi[j]!, flags], j < 4 ? sel : upper);
    }
    assumeRange(b, 'q0 is 16 bits', 16, q0, sel);
    assumeRange(b, 'q1 is 16 bits', 16, q1, sel);

    const limb = (from: number) => x[from]!.mul(B8[0]!).add(x[from + 1]!.mul(B8[1]!)).add(x[from + 2]!.mul(B8[2]!)).add(x[from + 3]!.mul(B8[3]!));
    const xLo = limb(0);
    const xHi = limb(4);
    const pick = (ifShift: typeof xLo, otherwise: typeof xLo) => sh.mul(ifShift).add(sh.not().mul(otherwise));
    let cLo = lo[0]!;
    let cHi = hi[0]!;
    for (let j = 1; j < 8; j++) {
      cLo = cLo.add(lo[j]!);
      cHi = cHi.add(hi[j]!);
    }
    b.lookupProves(
      'BinaryExtension proves the operation',
      OPERATION_BUS,
      [op, pick(xLo, oLo), pick(xHi, oHi), pick(oLo, xLo), pick(oHi, xHi), cLo, cHi, 0],
      sel,
    );
  },
});

const C = binaryExtensionAir.cols;
const SHIFT = new Uint8Array(256);
const M32 = new Uint8Array(256);
for (const op of [...EXTENSION_SHIFT_OPS, ...EXTENSION_SEXT_OPS]) {
  SHIFT[op] = (EXTENSION_SHIFT_OPS as readonly number[]).includes(op) ? 1 : 0;
  M32[op] = isM32(opByCode(op)) ? 1 : 0;
}

/** Fills rows [row0, row0 + ops.length) and counts the table and range lookups. */
export function fillExtensionRows(trace: Matrix, row0: number, ops: OperationList, counts: CountLog, range: Float64Array): void {
  const ext = extensionContributions();
  const col = (j: number) => trace.column(j);
  const sel = col(C.sel), opc = col(C.op), m32c = col(C.m32), shc = col(C.sh), sc = col(C.s), q0c = col(C.q0), q1c = col(C.q1);
  const oLoc = col(C.oLo), oHic = col(C.oHi);
  const xc = C.x.map(col), loc = C.lo.map(col), hic = C.hi.map(col);
  for (let n = 0; n < ops.length; n++) {
    const row = row0 + n;
    const w = 2 * row;
    const op = ops.op[n]!;
    const e = EXTENSION_COLUMN_OF_OP[op]!;
    if (e < 0) throw new Error(`BinaryExtension: row ${row}: op 0x${op.toString(16)} is not a shift or sign extension`);
    const shift = SHIFT[op]!;
    const m32 = M32[op]!;
    const o = 4 * n;
    // The value split into bytes, and the other operand; 32-bit ops see no high words.
    const vLo = shift ? ops.operands[o]! : ops.operands[o + 2]!;
    const vHi = m32 ? 0 : shift ? ops.operands[o + 1]! : ops.operands[o + 3]!;
    const oLo = shift ? ops.operands[o + 2]! : ops.operands[o]!;
    const oHi = m32 ? 0 : shift ? ops.operands[o + 3]! : ops.operands[o + 1]!;
    const s = shift ? oLo & 63 : op - OP_SIGNEXTEND_B;
    const q = shift ? oLo >>> 6 : 0;
    const bytes = m32 ? 4 : 8;
    const base = e * TABLE_ROWS;
    const countBase = (EXTENSION_COLUMN_BASE + e) * TABLE_ROWS;
    for (let j = 0; j < bytes; j++) {
      const xj = ((j < 4 ? vLo : vHi) >>> (8 * (j & 3))) & 255;
      const idx = xj | (s << 8) | (j << 14);
      xc[j]![w] = xj;
      loc[j]![w] = ext.lo[base + idx]!;
      hic[j]![w] = ext.hi[base + idx]!;
      counts.add(countBase + idx);
    }
    range[q & 0xffff]! += 1;
    range[q >>> 16]! += 1;
    sel[w] = 1;
    opc[w] = op;
    m32c[w] = m32;
    shc[w] = shift;
    sc[w] = s;
    q0c[w] = q & 0xffff;
    q1c[w] = q >>> 16;
    oLoc[w] = oLo;
    oHic[w] = oHi;
  }
}

/** A BinaryExtension instance of 2^logRows rows holding `lists` in order. */
export function binaryExtensionTrace(lists: readonly OperationList[], logRows: number, tables: TableMultiplicities): Matrix {
  const n = 2 ** logRows;
  let total = 0;
  for (const l of lists) total += l.length;
  if (total > n) throw new Error(`BinaryExtension: ${total} operations do not fit 2^${logRows} rows`);
  const trace = new Matrix(binaryExtensionAir.width, n);
  const counts = new CountLog(tableCounts(tables));
  const range = rangeCounts(tables, 16);
  let row = 0;
  for (const l of lists) {
    fillExtensionRows(trace, row, l, counts, range);
    row += l.length;
  }
  counts.flush();
  return trace;
}

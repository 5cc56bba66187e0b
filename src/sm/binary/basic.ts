/**
 * Binary: one row per operation of op type Binary (minu … xor, their `_w` forms, add when BinaryAdd
 * is not used, and the internal gt, gt_w, lt_abs_np, lt_abs_pn that Arith asks for).
 *
 * Columns (42): sel, op, m32, cls, cls3, clsTop, cin0 (the op and how it is proved), r (min/max
 * picked a), s3, s7 (sign bit of the top c byte: s3 for `_w` ops, s7 for 64-bit ones), a[8], b[8],
 * c[8] (bytes), carry[8].
 *
 * Interactions (10): one op-table lookup `[op, m32, cls, cls3, clsTop, cin0]`; one lookup per byte i
 *     [class_i, a_i, b_i, cin_i, c_i, carry_i + 4·s_i + 8·r]
 * with class_i = cls (bytes 0–2, 4–6), cls3 (byte 3), clsTop (byte 7); cin_0 = cin0, cin_i =
 * carry_{i−1}; s_3 = s3, s_7 = s7, others 0; and the operation it proves,
 *     [op, a_lo, a_hi, b_lo, b_hi, c_lo + flag, c_hi, flag]      flag = carry_7
 * (comparisons leave c's bytes 0, so c = flag; every other op's top class makes the flag 0).
 *
 * `_w` ops stop at byte 3 (their top byte): bytes 4–7 are not looked up (multiplicity sel − m32);
 * a's and b's are 0 (the bus zeroes them), c's are 0xff·s3 (the sign extension; comparisons have
 * c_3 = 0 so s3 = 0) and the carries repeat carry_3, so flag = carry_7 = carry_3.
 *
 * Uniqueness of the flags decomposition is what makes the lookups bind the carries: carry_7, s3,
 * s7 and r are boolean, s3 = 0 in 64-bit mode and s7 = 0 in 32-bit mode, and every carry below the
 * top is a carry-in of the next lookup (0, 1, 4 or 5), so carry + 4·s + 8·r has one reading.
 * Operands are trusted to be canonical 32-bit limbs only through the bus (they must equal what
 * Main or Arith assume); the bytes of a, b and c are range-checked by the table itself.
 */
import { defineAir } from '../../air/index.js';
import { OPERATION_BUS } from '../../bus/index.js';
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { COLUMN_OF_CLASS, COL_SEL_B, CLASS_SEL, OP_INFO, OP_INFO_INDEX } from './classes.js';
import { CountLog } from './count-log.js';
import type { OperationList } from './operations.js';
import { BINARY_TABLE_BUS, OPS_COLUMN, TABLE_ROWS, byteRelations, tableCounts } from './table.js';

const B8 = [1, 1 << 8, 1 << 16, 2 ** 24];

export const binaryAir = defineAir({
  name: 'Binary',
  columns: {
    sel: 1, op: 1, m32: 1, cls: 1, cls3: 1, clsTop: 1, cin0: 1, r: 1, s3: 1, s7: 1,
    a: 8, b: 8, c: 8, carry: 8,
  },
  degree: 3,
  eval(b) {
    const { sel, op, m32, cls, cls3, clsTop, cin0, r, s3, s7, a, b: bb, c, carry } = b.main;
    b.assertBool('sel is boolean', sel);
    b.assertBool('r is boolean', r);
    b.assertBool('s3 is boolean', s3);
    b.assertBool('s7 is boolean', s7);
    b.assertBool('the flag is boolean', carry[7]!);
    b.assertZero('32-bit mode only on real rows', m32.mul(sel.not()));
    b.assertZero('s3 only in 32-bit mode', s3.mul(m32.not()));
    b.assertZero('s7 only in 64-bit mode', s7.mul(m32));
    for (let i = 4; i < 8; i++) {
      const w = b.when(m32);
      w.assertZero(`32-bit mode: a byte ${i} is 0`, a[i]!);
      w.assertZero(`32-bit mode: b byte ${i} is 0`, bb[i]!);
      w.assertEq(`32-bit mode: c byte ${i} extends the sign`, c[i]!, s3.mul(255));
      w.assertEq(`32-bit mode: carry ${i} repeats carry ${i - 1}`, carry[i]!, carry[i - 1]!);
    }

    b.lookupAssumes('op table', BINARY_TABLE_BUS, [op, m32, cls, cls3, clsTop, cin0], sel);
    const upper = sel.sub(m32);
    for (let i = 0; i < 8; i++) {
      const cls_i = i === 3 ? cls3 : i === 7 ? clsTop : cls;
      const cin = i === 0 ? cin0 : carry[i - 1]!;
      const s = i === 3 ? s3 : i === 7 ? s7 : undefined;
      let flags = carry[i]!.add(r.mul(8));
      if (s) flags = flags.add(s.mul(4));
      b.lookupAssumes(`byte ${i}`, BINARY_TABLE_BUS, [cls_i, a[i]!, bb[i]!, cin, c[i]!, flags], i < 4 ? sel : upper);
    }

    const limb = (v: readonly typeof a[number][], from: number) =>
      v[from]!.add(v[from + 1]!.mul(B8[1]!)).add(v[from + 2]!.mul(B8[2]!)).add(v[from + 3]!.mul(B8[3]!));
    const flag = carry[7]!;
    b.lookupProves(
      'Binary proves the operation',
      OPERATION_BUS,
      [op, limb(a, 0), limb(a, 4), limb(bb, 0), limb(bb, 4), limb(c, 0).add(flag), limb(c, 4), flag],
      sel,
    );
  },
});

const C = binaryAir.cols;

/**
 * Fills `trace` rows [row0, row0 + ops.length) with the operations of `ops` and logs their table
 * lookups. Hot: typed arrays only, the table read from its precomputed relations.
 */
export function fillBinaryRows(trace: Matrix, row0: number, ops: OperationList, counts: CountLog): void {
  const rel = byteRelations();
  const col = (j: number) => trace.column(j);
  const sel = col(C.sel), opc = col(C.op), m32c = col(C.m32), clsc = col(C.cls), cls3c = col(C.cls3);
  const clsTc = col(C.clsTop), cin0c = col(C.cin0), rc = col(C.r), s3c = col(C.s3), s7c = col(C.s7);
  const ac = C.a.map(col), bc = C.b.map(col), cc = C.c.map(col), carryc = C.carry.map(col);
  const bytesA = new Int32Array(8);
  const bytesB = new Int32Array(8);
  const columns = new Int32Array(8);
  const indices = new Int32Array(8);
  const values = new Int32Array(8);
  for (let n = 0; n < ops.length; n++) {
    const row = row0 + n;
    const w = 2 * row;
    const op = ops.op[n]!;
    const infoIndex = OP_INFO_INDEX[op]!;
    if (infoIndex < 0) throw new Error(`Binary: row ${row}: op 0x${op.toString(16)} is not a Binary operation`);
    const info = OP_INFO[infoIndex]!;
    const m32 = info.m32;
    const aLo = ops.operands[4 * n]!, bLo = ops.operands[4 * n + 2]!;
    const aHi = m32 ? 0 : ops.operands[4 * n + 1]!, bHi = m32 ? 0 : ops.operands[4 * n + 3]!;
    for (let i = 0; i < 4; i++) {
      bytesA[i] = (aLo >>> (8 * i)) & 255;
      bytesA[i + 4] = (aHi >>> (8 * i)) & 255;
      bytesB[i] = (bLo >>> (8 * i)) & 255;
      bytesB[i + 4] = (bHi >>> (8 * i)) & 255;
    }
    const topByte = m32 ? 3 : 7;
    // The carry chain does not depend on min/max's choice (SEL's two columns borrow alike): walk it
    // first, read r at the top byte, then pick the SEL column of the lower bytes.
    let cin = info.cin0;
    let carry = 0;
    for (let i = 0; i <= topByte; i++) {
      const cls = i === topByte ? info.clsTop : i === 3 ? info.cls3 : info.cls;
      const k = COLUMN_OF_CLASS(cls, cin);
      const idx = bytesA[i]! | (bytesB[i]! << 8) | ((cin & 1) << 16);
      const v = rel[k * TABLE_ROWS + idx]!;
      columns[i] = cls === CLASS_SEL ? -1 : k;
      indices[i] = idx;
      values[i] = v;
      carry = i === topByte ? (v >> 8) & 3 : (v >> 8) & 7;
      carryc[i]![w] = carry;
      cin = carry;
    }
    const topFlags = values[topByte]! >> 8;
    const r = topFlags >> 3;
    const s = (topFlags >> 2) & 1;
    for (let i = 0; i <= topByte; i++) {
      let k = columns[i]!;
      if (k < 0) {
        k = COL_SEL_B + r;
        values[i] = rel[k * TABLE_ROWS + indices[i]!]!;
      }
      counts.add(k * TABLE_ROWS + indices[i]!);
      cc[i]![w] = values[i]! & 255;
      ac[i]![w] = bytesA[i]!;
      bc[i]![w] = bytesB[i]!;
    }
    if (m32) {
      const ext = s ? 255 : 0;
      for (let i = 4; i < 8; i++) {
        cc[i]![w] = ext;
        carryc[i]![w] = carry;
      }
      s3c[w] = s;
    } else {
      s7c[w] = s;
    }
    counts.add(OPS_COLUMN * TABLE_ROWS + infoIndex);
    sel[w] = 1;
    opc[w] = op;
    m32c[w] = m32;
    clsc[w] = info.cls;
    cls3c[w] = info.cls3;
    clsTc[w] = info.clsTop;
    cin0c[w] = info.cin0;
    rc[w] = r;
  }
}

/** A Binary instance of 2^logRows rows holding `lists` in order (the rest is padding). */
export function binaryTrace(lists: readonly OperationList[], logRows: number, tables: TableMultiplicities): Matrix {
  const n = 2 ** logRows;
  let total = 0;
  for (const l of lists) total += l.length;
  if (total > n) throw new Error(`Binary: ${total} operations do not fit 2^${logRows} rows`);
  const trace = new Matrix(binaryAir.width, n);
  const counts = new CountLog(tableCounts(tables));
  let row = 0;
  for (const l of lists) {
    fillBinaryRows(trace, row, l, counts);
    row += l.length;
  }
  counts.flush();
  return trace;
}

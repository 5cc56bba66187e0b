/**
 * BinaryTable: the one table AIR of the Binary family, 2^17 rows with one multiplicity column per
 * byte relation, all sharing the same fixed input columns.
 *
 *   rows as Binary sees them:           row = x + 2^8·y + 2^16·cin     (x, y bytes, cin a bit)
 *   rows as BinaryExtension sees them:  row = x + 2^8·s + 2^14·j       (x byte, s < 64, j < 8)
 *
 * Column k of the Binary part proves `[class_k, X, Y, CIN + offset_k, C_k, F_k]` on the Binary
 * table bus; the op-table column proves `[op, m32, cls, cls3, clsTop, cin0]` (rows 0..28); column e
 * of the extension part proves `[op_e, J, X, S, LO_e, HI_e, FLAGS_e]` on the extension table bus.
 *
 * Why packed: ZisK's BinaryTable lists every (op, position, a, b, cin) in one column of 2^23 rows
 * (and BinaryExtensionTable 6·2^19 more), each row paying a multiplicity and a LogUp column of its
 * own: ~80 M cells per proof. Here 22 byte relations + 7 extension relations + the op table are 30
 * multiplicity columns over 2^17 rows sharing their input columns, two lookups per LogUp column:
 * 30 + 48 columns × 2^17 rows ≈ 10 M cells (and 71 fixed columns, which depend on nothing).
 */
import { defineAir } from '../../air/index.js';
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { BYTE_COLUMNS, OP_INFO } from './classes.js';
import { EXTENSION_COLUMNS } from './extension-classes.js';

/** Lookups of Binary's bytes and op table: `[class, a, b, cin, c, flags]`, `[op, m32, cls, cls3, clsTop, cin0]`. */
export const BINARY_TABLE_BUS = 125;
/** Lookups of BinaryExtension's bytes: `[op, j, x, s, c_lo, c_hi, is_shift + 2·m32]`. */
export const BINARY_EXTENSION_TABLE_BUS = 124;

export const TABLE_LOG_ROWS = 17;
export const TABLE_ROWS = 1 << TABLE_LOG_ROWS;

export const BYTE_COLUMN_COUNT = BYTE_COLUMNS.length;
/** Multiplicity column of the op table. */
export const OPS_COLUMN = BYTE_COLUMN_COUNT;
/** First multiplicity column of the extension part. */
export const EXTENSION_COLUMN_BASE = BYTE_COLUMN_COUNT + 1;
export const TABLE_COLUMN_COUNT = EXTENSION_COLUMN_BASE + EXTENSION_COLUMNS.length;

const BYTE_ROWS_PER_COLUMN = TABLE_ROWS;

/**
 * Every byte relation evaluated on every row, `c | f << 8`, column after column: what the witness
 * builders read instead of recomputing, and what the fixed columns are filled from.
 */
let byteTable: Uint16Array | undefined;
export function byteRelations(): Uint16Array {
  if (byteTable) return byteTable;
  const t = new Uint16Array(BYTE_COLUMN_COUNT * BYTE_ROWS_PER_COLUMN);
  BYTE_COLUMNS.forEach((col, k) => {
    const base = k * BYTE_ROWS_PER_COLUMN;
    for (let row = 0; row < BYTE_ROWS_PER_COLUMN; row++) {
      t[base + row] = col.relation(row & 255, (row >> 8) & 255, (row >> 16) + col.cinOffset);
    }
  });
  return (byteTable = t);
}

/** Every extension contribution on every row: low words, then high words, column after column. */
let extensionTable: { lo: Uint32Array; hi: Uint32Array } | undefined;
export function extensionContributions(): { lo: Uint32Array; hi: Uint32Array } {
  if (extensionTable) return extensionTable;
  const lo = new Uint32Array(EXTENSION_COLUMNS.length * TABLE_ROWS);
  const hi = new Uint32Array(EXTENSION_COLUMNS.length * TABLE_ROWS);
  EXTENSION_COLUMNS.forEach((col, e) => {
    const base = e * TABLE_ROWS;
    for (let row = 0; row < TABLE_ROWS; row++) {
      const [l, h] = col.contribution(row >> 14, row & 255, (row >> 8) & 63);
      lo[base + row] = l;
      hi[base + row] = h;
    }
  });
  return (extensionTable = { lo, hi });
}

const EXT = EXTENSION_COLUMNS.length;
if (EXTENSION_COLUMNS.filter((c) => c.perRow).length > 1) throw new Error('BinaryTable: one extension column at most may vary its op by row (one sextOp column)');

export const binaryTableAir = defineAir({
  name: 'BinaryTable',
  columns: { bytes: BYTE_COLUMN_COUNT, ops: 1, ext: EXT },
  fixed: {
    x: 1, y: 1, cin: 1, s: 1, j: 1,
    c: BYTE_COLUMN_COUNT, f: BYTE_COLUMN_COUNT,
    opCode: 1, opM32: 1, opCls: 1, opCls3: 1, opClsTop: 1, opCin0: 1,
    extLo: EXT, extHi: EXT, sextOp: 1, sextFlags: 1,
  },
  logRows: TABLE_LOG_ROWS,
  eval(b) {
    const m = b.main;
    const t = b.fixed;
    BYTE_COLUMNS.forEach((col, k) => {
      b.lookupProves(`byte relation '${col.name}'`, BINARY_TABLE_BUS, [col.id, t.x, t.y, t.cin.add(col.cinOffset), t.c[k]!, t.f[k]!], m.bytes[k]!);
    });
    b.lookupProves('op table', BINARY_TABLE_BUS, [t.opCode, t.opM32, t.opCls, t.opCls3, t.opClsTop, t.opCin0], m.ops);
    EXTENSION_COLUMNS.forEach((col, e) => {
      const op = col.perRow ? t.sextOp : col.opOf(0);
      const flags = col.perRow ? t.sextFlags : col.flagsOf(0);
      b.lookupProves(`extension '${col.name}'`, BINARY_EXTENSION_TABLE_BUS, [op, t.j, t.x, t.s, t.extLo[e]!, t.extHi[e]!, flags], m.ext[e]!);
    });
  },
  fixedValues(logRows, mat, layout) {
    const n = 2 ** logRows;
    const lo = (col: number) => mat.column(col);
    const x = lo(layout.x), y = lo(layout.y), cin = lo(layout.cin), s = lo(layout.s), j = lo(layout.j);
    for (let row = 0; row < n; row++) {
      x[2 * row] = row & 255;
      y[2 * row] = (row >> 8) & 255;
      cin[2 * row] = row >> 16;
      s[2 * row] = (row >> 8) & 63;
      j[2 * row] = row >> 14;
    }
    const rel = byteRelations();
    for (let k = 0; k < BYTE_COLUMN_COUNT; k++) {
      const c = lo(layout.c[k]!), f = lo(layout.f[k]!);
      for (let row = 0; row < n; row++) {
        const v = rel[k * BYTE_ROWS_PER_COLUMN + row]!;
        c[2 * row] = v & 255;
        f[2 * row] = v >> 8;
      }
    }
    OP_INFO.forEach((o, row) => {
      mat.setU32(row, layout.opCode, o.op);
      mat.setU32(row, layout.opM32, o.m32);
      mat.setU32(row, layout.opCls, o.cls);
      mat.setU32(row, layout.opCls3, o.cls3);
      mat.setU32(row, layout.opClsTop, o.clsTop);
      mat.setU32(row, layout.opCin0, o.cin0);
    });
    const ext = extensionContributions();
    EXTENSION_COLUMNS.forEach((col, e) => {
      const l = lo(layout.extLo[e]!), h = lo(layout.extHi[e]!);
      const op = col.perRow ? lo(layout.sextOp) : undefined, fl = col.perRow ? lo(layout.sextFlags) : undefined;
      for (let row = 0; row < n; row++) {
        l[2 * row] = ext.lo[e * TABLE_ROWS + row]!;
        h[2 * row] = ext.hi[e * TABLE_ROWS + row]!;
        if (op && fl) {
          op[2 * row] = col.opOf((row >> 8) & 63);
          fl[2 * row] = col.flagsOf((row >> 8) & 63);
        }
      }
    });
  },
});

/** The fixed columns of the table (built once per process). */
let fixedCache: Matrix | undefined;
export function binaryTableFixed(): Matrix {
  return (fixedCache ??= binaryTableAir.fixedValues(TABLE_LOG_ROWS, (w, h) => new Matrix(w, h))!);
}

/** The multiplicity counts the witness builders add to: column k at [k·2^17, (k+1)·2^17). */
export function tableCounts(tables: TableMultiplicities): Float64Array {
  return tables.of(binaryTableAir, TABLE_COLUMN_COUNT * TABLE_ROWS);
}

/** The table's witness: its multiplicity columns from the counts gathered. */
export function binaryTableTrace(counts: Float64Array | undefined): Matrix {
  const trace = new Matrix(TABLE_COLUMN_COUNT, TABLE_ROWS);
  if (!counts) return trace;
  for (let col = 0; col < TABLE_COLUMN_COUNT; col++) {
    const out = trace.column(col);
    const base = col * TABLE_ROWS;
    for (let row = 0; row < TABLE_ROWS; row++) {
      const c = counts[base + row]!;
      if (c !== 0) {
        out[2 * row] = c % 4294967296;
        out[2 * row + 1] = Math.floor(c / 4294967296);
      }
    }
  }
  return trace;
}

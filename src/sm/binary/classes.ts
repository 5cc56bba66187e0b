/**
 * The byte relations behind the Binary AIR, and how each op uses them.
 *
 * Binary proves an op one byte at a time, from byte 0 up to the top byte (7, or 3 for `_w` ops),
 * with a carry passed from each byte to the next. Each byte is one lookup
 *
 *     [class, a_i, b_i, cin_i, c_i, f_i]        f_i = cout_i + 4·s + 8·r
 *
 * into the packed table (./table.ts): `class` names the byte relation, `cout` is the carry to the
 * next byte (the result, for comparisons, at the top byte), `s` the sign bit of the top c byte (the
 * 32-bit result's sign, that `_w` ops extend), `r` whether min/max picked a (chosen at the top byte,
 * used by every byte). Below the top byte `s` is 0.
 *
 * One class is one relation on (x, y, cin) — several ops share it (ltu, leu, lt, le and gt all
 * borrow-chain their low bytes through CMP) — so the table holds 22 relations, not one per op and
 * position (ZisK's table holds ~40 op × position variants in 2^23 rows). Which classes an op uses,
 * and its initial carry, come from the op table (OP_INFO), itself a lookup into the same table.
 *
 * Carries are 0/1 except for lt_abs_np / lt_abs_pn, which compare a negated operand: their carry
 * is `borrow + 4·negation carry` (values 0, 1, 4, 5), hence two table columns each (cin offset 0
 * and 4). The negation carry out of the top byte is dropped (negation is mod 2^64): it lands in the
 * `s` slot of the top byte, which 64-bit ops do not use.
 */
import {
  OP_ADD, OP_AND, OP_EQ, OP_GT, OP_LE, OP_LEU, OP_LT, OP_LTU, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_MAX, OP_MAXU,
  OP_MIN, OP_MINU, OP_OR, OP_SUB, OP_XOR,
} from '../../zisk/index.js';

// ---- class ids (the first value of a byte lookup; op codes are below 0x100, so the op-table
// lookups on the same bus never collide with byte lookups) ---------------------------------------

export const CLASS_ADD = 0x100;
export const CLASS_SUB = 0x101;
export const CLASS_CMP = 0x102;
export const CLASS_EQ = 0x103;
export const CLASS_AND = 0x104;
export const CLASS_OR = 0x105;
export const CLASS_XOR = 0x106;
export const CLASS_SEL = 0x107;
export const CLASS_NP = 0x108;
export const CLASS_PN = 0x109;
export const CLASS_T_ADD = 0x10a;
export const CLASS_T_SUB = 0x10b;
export const CLASS_T_LT = 0x10c;
export const CLASS_T_GT = 0x10d;
export const CLASS_T_EQ = 0x10e;
export const CLASS_T_MINU = 0x10f;
export const CLASS_T_MIN = 0x110;
export const CLASS_T_MAXU = 0x111;
export const CLASS_T_MAX = 0x112;

/** A byte relation: from (x, y, cin) the c byte and the flags f = cout + 4·s + 8·r, as c | f << 8. */
export type ByteRelation = (x: number, y: number, cin: number) => number;

/** One multiplicity column of the table: a class, the cin offset of its rows, its relation. */
export interface ByteColumn {
  readonly name: string;
  readonly id: number;
  /** The table's CIN column holds 0/1; this column's rows stand for cin = CIN + cinOffset. */
  readonly cinOffset: number;
  readonly relation: ByteRelation;
}

const signed = (x: number): number => (x >= 128 ? x - 256 : x);
const borrowU = (x: number, y: number, cin: number): number => (x - y - cin < 0 ? 1 : 0);
const borrowS = (x: number, y: number, cin: number): number => (signed(x) - signed(y) - cin < 0 ? 1 : 0);
const pack = (c: number, f: number): number => c | (f << 8);
/** A top byte's c with its sign bit in the s slot. */
const top = (c: number, cout: number, r = 0): number => pack(c, cout + 4 * (c >> 7) + 8 * r);

// lt_abs: cin = borrow + 4·negation carry; the negated operand's byte is (255 − v) + negation carry.
function negCompare(negateX: boolean): ByteRelation {
  return (x, y, cin) => {
    const borrow = cin & 1;
    const negCarry = cin >> 2;
    const n = 255 - (negateX ? x : y) + negCarry;
    const nb = n & 255;
    const lhs = negateX ? nb : x;
    const rhs = negateX ? y : nb;
    return pack(0, (lhs - rhs - borrow < 0 ? 1 : 0) + 4 * (n >> 8));
  };
}

/** The table's byte columns, in column order. SEL and NP/PN have two columns under one class id. */
export const BYTE_COLUMNS: readonly ByteColumn[] = [
  // Below the top byte: f = cout (+ 8·r for SEL).
  { name: 'add', id: CLASS_ADD, cinOffset: 0, relation: (x, y, cin) => pack((x + y + cin) & 255, (x + y + cin) >> 8) },
  { name: 'sub', id: CLASS_SUB, cinOffset: 0, relation: (x, y, cin) => pack((x - y - cin) & 255, borrowU(x, y, cin)) },
  { name: 'cmp', id: CLASS_CMP, cinOffset: 0, relation: (x, y, cin) => pack(0, borrowU(x, y, cin)) },
  { name: 'eq', id: CLASS_EQ, cinOffset: 0, relation: (x, y, cin) => pack(0, cin !== 0 || x !== y ? 1 : 0) },
  { name: 'and', id: CLASS_AND, cinOffset: 0, relation: (x, y) => pack(x & y, 0) },
  { name: 'or', id: CLASS_OR, cinOffset: 0, relation: (x, y) => pack(x | y, 0) },
  { name: 'xor', id: CLASS_XOR, cinOffset: 0, relation: (x, y) => pack(x ^ y, 0) },
  { name: 'sel b', id: CLASS_SEL, cinOffset: 0, relation: (x, y, cin) => pack(y, borrowU(x, y, cin)) },
  { name: 'sel a', id: CLASS_SEL, cinOffset: 0, relation: (x, y, cin) => pack(x, borrowU(x, y, cin) + 8) },
  { name: 'lt_abs_np', id: CLASS_NP, cinOffset: 0, relation: negCompare(true) },
  { name: 'lt_abs_np negating', id: CLASS_NP, cinOffset: 4, relation: negCompare(true) },
  { name: 'lt_abs_pn', id: CLASS_PN, cinOffset: 0, relation: negCompare(false) },
  { name: 'lt_abs_pn negating', id: CLASS_PN, cinOffset: 4, relation: negCompare(false) },
  // Top bytes: f = cout + 4·s + 8·r; add, sub, min and max drop their carry (their flag is 0).
  { name: 'top add', id: CLASS_T_ADD, cinOffset: 0, relation: (x, y, cin) => top((x + y + cin) & 255, 0) },
  { name: 'top sub', id: CLASS_T_SUB, cinOffset: 0, relation: (x, y, cin) => top((x - y - cin) & 255, 0) },
  { name: 'top lt', id: CLASS_T_LT, cinOffset: 0, relation: (x, y, cin) => top(0, borrowS(x, y, cin)) },
  { name: 'top gt', id: CLASS_T_GT, cinOffset: 0, relation: (x, y, cin) => top(0, 1 - borrowS(x, y, cin)) },
  { name: 'top eq', id: CLASS_T_EQ, cinOffset: 0, relation: (x, y, cin) => top(0, cin === 0 && x === y ? 1 : 0) },
  { name: 'top minu', id: CLASS_T_MINU, cinOffset: 0, relation: (x, y, cin) => (borrowU(x, y, cin) ? top(x, 0, 1) : top(y, 0, 0)) },
  { name: 'top min', id: CLASS_T_MIN, cinOffset: 0, relation: (x, y, cin) => (borrowS(x, y, cin) ? top(x, 0, 1) : top(y, 0, 0)) },
  { name: 'top maxu', id: CLASS_T_MAXU, cinOffset: 0, relation: (x, y, cin) => (borrowU(x, y, cin) ? top(y, 0, 0) : top(x, 0, 1)) },
  { name: 'top max', id: CLASS_T_MAX, cinOffset: 0, relation: (x, y, cin) => (borrowS(x, y, cin) ? top(y, 0, 0) : top(x, 0, 1)) },
];

export const COL_SEL_B = BYTE_COLUMNS.findIndex((c) => c.name === 'sel b');
const COL_NP = BYTE_COLUMNS.findIndex((c) => c.id === CLASS_NP);
const COL_PN = BYTE_COLUMNS.findIndex((c) => c.id === CLASS_PN);

/**
 * The table column of a byte lookup with class `id` and carry-in `cin` (before min/max's choice:
 * SEL gives the `sel b` column, whose carries equal `sel a`'s; add r to it).
 */
export const COLUMN_OF_CLASS: (id: number, cin: number) => number = (() => {
  const first = new Int8Array(0x20).fill(-1);
  BYTE_COLUMNS.forEach((c, k) => {
    if (first[c.id - 0x100] === -1) first[c.id - 0x100] = k;
  });
  return (id: number, cin: number) => {
    const k = first[id - 0x100]!;
    return k === COL_NP || k === COL_PN ? k + (cin >> 2) : k;
  };
})();

// ---- the op table ---------------------------------------------------------------------------------

/** How Binary proves one op: its byte classes and initial carry. */
export interface OpInfo {
  readonly op: number;
  readonly m32: 0 | 1;
  /** Class of the bytes below the top one. */
  readonly cls: number;
  /** Class of byte 3: `cls` for 64-bit ops, the top class for `_w` ops. */
  readonly cls3: number;
  /** Class of the top byte. */
  readonly clsTop: number;
  /** Carry into byte 0: 1 turns a < b into a ≤ b (a − b − 1 borrows); 4 starts lt_abs's negation. */
  readonly cin0: number;
}

const BASE: readonly [op: number, cls: number, clsTop: number, cin0: number, hasW: boolean][] = [
  [OP_MINU, CLASS_SEL, CLASS_T_MINU, 0, true],
  [OP_MIN, CLASS_SEL, CLASS_T_MIN, 0, true],
  [OP_MAXU, CLASS_SEL, CLASS_T_MAXU, 1, true],
  [OP_MAX, CLASS_SEL, CLASS_T_MAX, 1, true],
  [OP_LTU, CLASS_CMP, CLASS_CMP, 0, true],
  [OP_LT, CLASS_CMP, CLASS_T_LT, 0, true],
  // a > b ⟺ not (a − b − 1 < 0), signed.
  [OP_GT, CLASS_CMP, CLASS_T_GT, 1, true],
  [OP_EQ, CLASS_EQ, CLASS_T_EQ, 0, true],
  [OP_ADD, CLASS_ADD, CLASS_T_ADD, 0, true],
  [OP_SUB, CLASS_SUB, CLASS_T_SUB, 0, true],
  [OP_LEU, CLASS_CMP, CLASS_CMP, 1, true],
  [OP_LE, CLASS_CMP, CLASS_T_LT, 1, true],
  [OP_AND, CLASS_AND, CLASS_AND, 0, false],
  [OP_OR, CLASS_OR, CLASS_OR, 0, false],
  [OP_XOR, CLASS_XOR, CLASS_XOR, 0, false],
  // Negation of a (np) or b (pn) starts with carry 1: −v = (255 − v bytes) + 1.
  [OP_LT_ABS_NP, CLASS_NP, CLASS_NP, 4, false],
  [OP_LT_ABS_PN, CLASS_PN, CLASS_PN, 4, false],
];

/** Every op the Binary AIR proves, 64-bit forms then `_w` forms (opcode + 0x10). */
export const OP_INFO: readonly OpInfo[] = [
  ...BASE.map(([op, cls, clsTop, cin0]): OpInfo => ({ op, m32: 0, cls, cls3: cls, clsTop, cin0 })),
  ...BASE.filter((x) => x[4]).map(([op, cls, clsTop, cin0]): OpInfo => ({ op: op + 0x10, m32: 1, cls, cls3: clsTop, clsTop, cin0 })),
];

/** Index into OP_INFO by opcode, −1 for ops Binary does not prove. */
export const OP_INFO_INDEX: Int16Array = (() => {
  const t = new Int16Array(256).fill(-1);
  OP_INFO.forEach((o, i) => (t[o.op] = i));
  return t;
})();

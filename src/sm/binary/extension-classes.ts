/**
 * The byte relations behind the BinaryExtension AIR: what one byte of the operand contributes to the
 * result of a shift or a sign extension.
 *
 * BinaryExtension splits the operand into bytes x_0..x_7 and looks up, for each byte j,
 *
 *     [op, j, x_j, s, c_lo_j, c_hi_j, is_shift + 2·m32]
 *
 * where s is the shift amount (b mod 64) for shifts and the width kind (0 = byte, 1 = half, 2 = word)
 * for sign extensions. The contributions occupy disjoint bits of the result, so the result is their
 * sum. A `_w` shift's 32-bit result is sign-extended: each contribution carries c_hi = 0xffffffff
 * when it holds bit 31, and only one can.
 */
import {
  OP_SIGNEXTEND_B, OP_SIGNEXTEND_H, OP_SIGNEXTEND_W, OP_SLL, OP_SLL_W, OP_SRA, OP_SRA_W, OP_SRL, OP_SRL_W,
} from '../../zisk/index.js';

/** One multiplicity column of the extension part of the table. */
export interface ExtensionColumn {
  readonly name: string;
  /** Whether op and flags vary by row (fixed columns) or are one constant (sent as constants). */
  readonly perRow: boolean;
  /** The op each row proves, by the row's shift-amount value s (sign extensions use s as the kind). */
  opOf(s: number): number;
  /** The flags value of rows with shift amount s: is_shift + 2·m32 of `opOf(s)`. */
  flagsOf(s: number): number;
  /** Byte j = x contributes (lo, hi) to the result. */
  contribution(j: number, x: number, s: number): readonly [number, number];
}

const M64 = (1n << 64n) - 1n;
const M32 = 0xffffffffn;
const split = (v: bigint): [number, number] => [Number(v & M32), Number((v >> 32n) & M32)];
/** A 32-bit result with its sign extension in the high word. */
const word = (w: bigint): [number, number] => [Number(w & M32), (w & 0x80000000n) !== 0n ? 0xffffffff : 0];
const sext8 = (x: number): bigint => BigInt.asIntN(8, BigInt(x));

function shift64(name: string, op: number, f: (v: bigint, j: number, s: bigint) => bigint): ExtensionColumn {
  return { name, perRow: false, opOf: () => op, flagsOf: () => 1, contribution: (j, x, s) => split(f(BigInt(x) << BigInt(8 * j), j, BigInt(s)) & M64) };
}

function shift32(name: string, op: number, f: (v: bigint, j: number, s: bigint) => bigint): ExtensionColumn {
  return {
    name,
    perRow: false,
    opOf: () => op,
    flagsOf: () => 3,
    // A `_w` op reads the low word of a (bytes 0..3) and shifts by s mod 32.
    contribution: (j, x, s) => (j < 4 ? word(f(BigInt(x) << BigInt(8 * j), j, BigInt(s & 31)) & M32) : [0, 0]),
  };
}

const SEXT_OPS = [OP_SIGNEXTEND_B, OP_SIGNEXTEND_H, OP_SIGNEXTEND_W];

/** The extension columns of the table, in column order. */
export const EXTENSION_COLUMNS: readonly ExtensionColumn[] = [
  shift64('sll', OP_SLL, (v, _j, s) => v << s),
  shift64('srl', OP_SRL, (v, _j, s) => v >> s),
  // The top byte brings the sign: shift it as a signed 64-bit value.
  shift64('sra', OP_SRA, (v, j, s) => (j === 7 ? BigInt.asIntN(64, v) >> s : v >> s)),
  shift32('sll_w', OP_SLL_W, (v, _j, s) => v << s),
  shift32('srl_w', OP_SRL_W, (v, _j, s) => v >> s),
  shift32('sra_w', OP_SRA_W, (v, j, s) => (j === 3 ? BigInt.asIntN(32, v) >> s : v >> s)),
  {
    // One column for the three sign extensions: rows with s = 0, 1, 2 prove signextend_b, _h, _w;
    // rows with s ≥ 3 prove op 0, which no state machine assumes.
    name: 'signextend',
    perRow: true,
    opOf: (s) => SEXT_OPS[s] ?? 0,
    flagsOf: (s) => (SEXT_OPS[s] === OP_SIGNEXTEND_W ? 2 : 0),
    contribution(j, x, s) {
      const bytes = s === 0 ? 1 : s === 1 ? 2 : s === 2 ? 4 : 0;
      if (j >= bytes) return [0, 0];
      // The width's top byte is sign-extended, lower bytes are copied.
      return split((j === bytes - 1 ? sext8(x) << BigInt(8 * j) : BigInt(x) << BigInt(8 * j)) & M64);
    },
  },
];

/** Table column of each extension op (by opcode), −1 for others. */
export const EXTENSION_COLUMN_OF_OP: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  EXTENSION_COLUMNS.forEach((c, k) => {
    for (let s = 0; s < 64; s++) {
      const op = c.opOf(s);
      if (op !== 0) t[op] = k;
    }
  });
  return t;
})();

export const EXTENSION_SHIFT_OPS = [OP_SLL, OP_SRL, OP_SRA, OP_SLL_W, OP_SRL_W, OP_SRA_W] as const;
export const EXTENSION_SEXT_OPS: readonly number[] = SEXT_OPS;

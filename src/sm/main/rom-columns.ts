/**
 * The columns of a Main row that depend only on the instruction (pc, sources, offsets, op, store,
 * jumps), precomputed once per ROM as (lo, hi) halves of their field values, so that filling a row
 * is a copy. The values are those of `romLine` (the Rom table's), which the ROM lookup compares.
 */
import { P } from '../../air/index.js';
import { OP_BY_CODE, OP_COPYB, OP_FLAG, SRC_IMM, SRC_IND, SRC_MEM, SRC_REG, STORE_IND, STORE_MEM, STORE_REG, type ZiskRom } from '../../zisk/index.js';
import { mainAir } from './air.js';

const c = mainAir.cols;

/** The instruction columns, in the order of `RomColumns.values`. */
export const INSTRUCTION_COLUMNS: readonly number[] = [
  c.pc, c.aSrcImm, c.aSrcMem, c.aSrcReg, c.aOffsetImm0, c.aImm1, c.bSrcImm, c.bSrcMem, c.bSrcInd, c.bSrcReg, c.bOffsetImm0, c.bImm1,
  c.indWidth, c.isPrecompiled, c.isExternalOp, c.op, c.m32, c.storePc, c.storeMem, c.storeInd, c.storeReg, c.storeOffset, c.setPc,
  c.jmpOffset1, c.jmpOffset2,
];
const K = INSTRUCTION_COLUMNS.length;

export interface RomColumns {
  /** values[2·(K·i + j)], values[2·(K·i + j) + 1]: column INSTRUCTION_COLUMNS[j] of instruction i. */
  readonly values: Uint32Array;
  /** Why instruction i cannot be a Main row (an empty string when it can). */
  readonly unprovable: readonly string[];
  /** 1 where `unprovable` is empty. */
  readonly provable: Uint8Array;
  /** nonZero[2·j + h]: half h of column j is non-zero for some instruction. */
  readonly nonZero: Uint8Array;
  /** Index of the end instruction (padding rows repeat it). */
  readonly endIndex: number;
}

const cache = new WeakMap<ZiskRom, RomColumns>();

/** The halves of a signed 32-bit field (negative x is p − |x|). */
function signedHalves(x: number, out: Uint32Array, at: number): void {
  const f = x < 0 ? P + BigInt(x) : BigInt(x);
  out[at] = Number(f & 0xffffffffn);
  out[at + 1] = Number(f >> 32n);
}

export function romColumns(rom: ZiskRom): RomColumns {
  let rc = cache.get(rom);
  if (rc) return rc;
  const n = rom.insts.length;
  const values = new Uint32Array(2 * K * n);
  const unprovable: string[] = [];
  rom.insts.forEach((inst, i) => {
    const row = [
      inst.paddr, inst.aSrc === SRC_IMM, inst.aSrc === SRC_MEM, inst.aSrc === SRC_REG, inst.aOffsetImm0, inst.aUseSpImm1,
      inst.bSrc === SRC_IMM, inst.bSrc === SRC_MEM, inst.bSrc === SRC_IND, inst.bSrc === SRC_REG, inst.bOffsetImm0, inst.bUseSpImm1,
      inst.indWidth, inst.isPrecompiled, inst.isExternalOp, inst.op, inst.m32, inst.storePc, inst.store === STORE_MEM,
      inst.store === STORE_IND, inst.store === STORE_REG, inst.storeOffset, inst.setPc, inst.jmpOffset1, inst.jmpOffset2,
    ];
    row.forEach((x, j) => signedHalves(typeof x === 'boolean' ? (x ? 1 : 0) : x, values, 2 * (K * i + j)));
    let why = '';
    if (!inst.isExternalOp && inst.op !== OP_FLAG && inst.op !== OP_COPYB) {
      why = `internal op ${OP_BY_CODE[inst.op]?.name ?? `0x${inst.op.toString(16)}`} (Main proves only flag and copyb)`;
    } else if (inst.aSrc !== SRC_IMM && inst.aSrc !== SRC_MEM && inst.aSrc !== SRC_REG && inst.aSrc !== 0) {
      why = `a source ${inst.aSrc} (Main reads a from c, memory, an immediate or a register)`;
    } else if (inst.bSrc !== SRC_IMM && inst.bSrc !== SRC_MEM && inst.bSrc !== SRC_REG && inst.bSrc !== SRC_IND && inst.bSrc !== 0) {
      why = `b source ${inst.bSrc}`;
    } else if (inst.isPrecompiled) {
      why = 'a precompile';
    }
    unprovable.push(why);
  });
  const endIndex = rom.insts.findIndex((x) => x.end);
  if (endIndex < 0) throw new Error('the ROM has no end instruction');
  const nonZero = new Uint8Array(2 * K);
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) nonZero[i % (2 * K)] = 1;
  rc = { values, unprovable, provable: Uint8Array.from(unprovable, (w) => (w === '' ? 1 : 0)), nonZero, endIndex };
  cache.set(rom, rc);
  return rc;
}

/**
 * Writes the instruction columns of rows [0, rows) from each row's instruction index, one column
 * at a time, into a zeroed trace, and counts each instruction's executions. Only non-zero halves
 * are stored (most selectors and high halves are 0): this halves the cost of the pass, which is
 * bound by memory writes.
 */
export function writeInstructions(rc: RomColumns, instIndex: Int32Array, rows: number, views: readonly Uint32Array[], counts: Float64Array): void {
  const v = rc.values;
  for (let j = 0; j < K; j++) {
    const col = views[j]!;
    for (let h = 0; h < 2; h++) {
      if (!rc.nonZero[2 * j + h]) continue;
      for (let r = 0; r < rows; r++) {
        const x = v[2 * (K * instIndex[r]! + j) + h]!;
        if (x !== 0) col[2 * r + h] = x;
      }
    }
  }
  for (let r = 0; r < rows; r++) counts[instIndex[r]!]!++;
}

/** The first of rows [0, rows) whose instruction Main cannot prove, or −1. */
export function firstUnprovableRow(rc: RomColumns, instIndex: Int32Array, rows: number): number {
  const ok = rc.provable;
  for (let r = 0; r < rows; r++) if (!ok[instIndex[r]!]) return r;
  return -1;
}

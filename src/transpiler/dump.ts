/** A readable listing of a ROM, one instruction per line, for debugging. */
import { decode, mnemonic } from '../riscv/index.js';
import {
  OP_BY_CODE, PRECOMPILE_BY_CODE, SRC_C, SRC_IMM, SRC_IND, SRC_MEM, SRC_REG, SRC_STEP, STORE_IND, STORE_MEM,
  STORE_REG, type ZiskInst, type ZiskRom,
} from '../zisk/index.js';

const hex = (n: number) => `0x${n.toString(16)}`;

function imm64(lo: number, hi: number): string {
  if (hi === 0) return hex(lo);
  if (hi === 0xffffffff && lo >= 0x80000000) return `-${hex(0x100000000 - lo)}`;
  return `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
}

function source(src: number, imm0: number, imm1: number, width: number): string {
  switch (src) {
    case SRC_C: return 'c';
    case SRC_REG: return `x${imm0}`;
    case SRC_MEM: return `[${hex(imm0)}]`;
    case SRC_IMM: return imm64(imm0, imm1);
    case SRC_STEP: return 'step';
    case SRC_IND: return `${width}@[a${imm0 < 0 ? '-' : '+'}${Math.abs(imm0)}]`;
    default: return `?${src}`;
  }
}

/** One instruction as text. */
export function formatInst(i: ZiskInst): string {
  const name = OP_BY_CODE[i.op]?.name ?? PRECOMPILE_BY_CODE[i.op]?.name ?? hex(i.op);
  let s = `${i.paddr.toString(16).padStart(8, '0')}  ${name.padEnd(12)} a=${source(i.aSrc, i.aOffsetImm0, i.aUseSpImm1, 0)} b=${source(i.bSrc, i.bOffsetImm0, i.bUseSpImm1, i.indWidth)}`;
  const value = i.storePc ? 'pc+j2' : 'c';
  if (i.store === STORE_REG) s += ` x${i.storeOffset}=${value}`;
  else if (i.store === STORE_MEM) s += ` [${hex(i.storeOffset)}]=${value}`;
  else if (i.store === STORE_IND) s += ` ${i.indWidth}@[a${i.storeOffset < 0 ? '-' : '+'}${Math.abs(i.storeOffset)}]=${value}`;
  s += i.setPc ? ` pc=c${i.jmpOffset1 < 0 ? '' : '+'}${i.jmpOffset1}` : ` j(${i.jmpOffset1},${i.jmpOffset2})`;
  if (i.end) s += ' end';
  if (i.rvKind >= 0) {
    const ri = decode(i.rvInst & 0xffff, i.rvInst >>> 16);
    s += `  ; ${mnemonic(ri)}`;
  }
  if (i.note) s += `  ; ${i.note}`;
  return s;
}

/** The whole ROM as text. */
export function dumpRom(rom: ZiskRom): string {
  return rom.insts.map(formatInst).join('\n');
}

/**
 * The ZisK instruction (ZisK's `ZiskInst`). One instruction is one step of the machine:
 *
 *   a ← src_a; b ← src_b; (c, flag) ← op(a, b); store(c); pc ← next_pc; step ← step + 1
 *
 *   next_pc = set_pc ? c + jmp_offset1 : (flag ? pc + jmp_offset1 : pc + jmp_offset2)
 *
 * `store_pc` stores pc + jmp_offset2 instead of c (return addresses of jal/jalr, auipc).
 * Values are 64-bit; fields that hold a 64-bit immediate split it in two u32 halves.
 */

/** a or b source: the previous step's c. */
export const SRC_C = 0;
/** a or b source: the aligned 8-byte word at a constant address (offset_imm0). */
export const SRC_MEM = 1;
/** a or b source: the constant offset_imm0 + 2^32·use_sp_imm1. */
export const SRC_IMM = 2;
/** a source: the current step number. */
export const SRC_STEP = 3;
/** b source: ind_width bytes at address a + offset_imm0 (offset_imm0 is a signed displacement). */
export const SRC_IND = 5;
/** a or b source: register x[offset_imm0], 1 ≤ index ≤ 31. */
export const SRC_REG = 6;

/** c is not stored. */
export const STORE_NONE = 0;
/** c is stored as an aligned 8-byte word at the constant address store_offset. */
export const STORE_MEM = 1;
/** c (ind_width bytes) is stored at a + store_offset (store_offset is a signed displacement). */
export const STORE_IND = 2;
/** c is stored in register x[store_offset], 1 ≤ index ≤ 31. */
export const STORE_REG = 3;

/** Registers x1..x31 live inside Main; other indices (scratch 32, 33) are memory at REG_FIRST + 8·i. */
export const REGS_IN_MAIN_FROM = 1;
export const REGS_IN_MAIN_TO = 31;

export interface ZiskInst {
  /** ROM address (pc). A RISC-V instruction's extra steps use pc+1, pc+2, pc+3. */
  readonly paddr: number;
  readonly aSrc: number;
  /** SRC_REG: register index; SRC_MEM: address; SRC_IMM: low 32 bits (u32). */
  readonly aOffsetImm0: number;
  /** SRC_IMM: high 32 bits (u32); otherwise 0 (ZisK's unused "add sp" flag). */
  readonly aUseSpImm1: number;
  readonly bSrc: number;
  /** As aOffsetImm0; for SRC_IND the signed displacement added to a. */
  readonly bOffsetImm0: number;
  readonly bUseSpImm1: number;
  /** Bytes moved by SRC_IND and STORE_IND: 1, 2, 4 or 8 (0 when neither is used). */
  readonly indWidth: number;
  /** Opcode (../zisk/ops.ts or ../zisk/precompiles.ts). */
  readonly op: number;
  /** ZisK's ZiskOperationType of the op. */
  readonly opType: number;
  readonly store: number;
  /** STORE_REG: register index; STORE_MEM: address; STORE_IND: signed displacement. */
  readonly storeOffset: number;
  readonly storePc: boolean;
  readonly setPc: boolean;
  readonly jmpOffset1: number;
  readonly jmpOffset2: number;
  /** The last instruction (only ROM_EXIT). */
  readonly end: boolean;
  /** The step is sent on the operation bus. */
  readonly isExternalOp: boolean;
  /** The op works on 32-bit operands. */
  readonly m32: boolean;
  /** The op is a precompile (reads input_size bytes of memory). */
  readonly isPrecompiled: boolean;
  readonly inputSize: number;
  /**
   * For the first step of a transpiled RISC-V instruction, its kind (../riscv kinds) and raw
   * encoding; -1 and 0 for BIOS steps and for the extra steps (pc+1..pc+3) of an expansion.
   */
  readonly rvKind: number;
  readonly rvInst: number;
  /** True for the extra steps pc+1..pc+3 of a multi-step expansion: never a jump target. */
  readonly continuation: boolean;
  /** A short description for ROM dumps (BIOS steps say what they do). */
  readonly note: string;
}

/**
 * ZisK's `ZiskInst::get_flags` bit layout, which the Rom AIR sends on the ROM bus: bit0 always 1
 * (so padding rows never match a real instruction), then one bit per source, store and jump kind.
 */
export const FLAG_ALWAYS = 1 << 0;
export const FLAG_A_IMM = 1 << 1;
export const FLAG_A_MEM = 1 << 2;
export const FLAG_IS_PRECOMPILED = 1 << 3;
export const FLAG_B_IMM = 1 << 4;
export const FLAG_B_MEM = 1 << 5;
export const FLAG_IS_EXTERNAL_OP = 1 << 6;
export const FLAG_STORE_PC = 1 << 7;
export const FLAG_STORE_MEM = 1 << 8;
export const FLAG_STORE_IND = 1 << 9;
export const FLAG_SET_PC = 1 << 10;
export const FLAG_M32 = 1 << 11;
export const FLAG_B_IND = 1 << 12;
export const FLAG_A_REG = 1 << 13;
export const FLAG_B_REG = 1 << 14;
export const FLAG_STORE_REG = 1 << 15;

/** The flags word of an instruction (a/b source C sets none of the source bits). */
export function instFlags(i: ZiskInst): number {
  return (
    FLAG_ALWAYS |
    (i.aSrc === SRC_IMM ? FLAG_A_IMM : 0) |
    (i.aSrc === SRC_MEM ? FLAG_A_MEM : 0) |
    (i.isPrecompiled ? FLAG_IS_PRECOMPILED : 0) |
    (i.bSrc === SRC_IMM ? FLAG_B_IMM : 0) |
    (i.bSrc === SRC_MEM ? FLAG_B_MEM : 0) |
    (i.isExternalOp ? FLAG_IS_EXTERNAL_OP : 0) |
    (i.storePc ? FLAG_STORE_PC : 0) |
    (i.store === STORE_MEM ? FLAG_STORE_MEM : 0) |
    (i.store === STORE_IND ? FLAG_STORE_IND : 0) |
    (i.setPc ? FLAG_SET_PC : 0) |
    (i.m32 ? FLAG_M32 : 0) |
    (i.bSrc === SRC_IND ? FLAG_B_IND : 0) |
    (i.aSrc === SRC_REG ? FLAG_A_REG : 0) |
    (i.bSrc === SRC_REG ? FLAG_B_REG : 0) |
    (i.store === STORE_REG ? FLAG_STORE_REG : 0)
  );
}

export const SRC_NAMES: readonly string[] = ['c', 'mem', 'imm', 'step', '?', 'ind', 'reg'];
export const STORE_NAMES: readonly string[] = ['none', 'mem', 'ind', 'reg'];

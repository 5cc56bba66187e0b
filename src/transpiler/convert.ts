/**
 * RISC-V → ZisK: each decoded instruction becomes one to four ZisK instructions (ZisK's
 * riscv2zisk_context.rs conventions). Extra steps live at pc+1, pc+2, pc+3 (free addresses, since
 * RISC-V instructions are 2- or 4-byte aligned) chained with jmp offsets of 1, the last one jumping
 * the remaining distance, so branch and jump immediates map one-to-one.
 */
import * as K from '../riscv/kinds.js';
import type { RvInst } from '../riscv/kinds.js';
import {
  CSR_ADDR, INPUT_ADDR, MTVEC, OP_ADD, OP_ADD_W, OP_AND, OP_COPYB, OP_DIV, OP_DIVU, OP_DIVU_W, OP_DIV_W, OP_EQ,
  OP_FCALL, OP_FCALL_GET, OP_FCALL_PARAM, OP_FLAG, OP_HALT, OP_LT, OP_LTU, OP_MAX, OP_MAXU, OP_MAXU_W, OP_MAX_W,
  OP_MIN, OP_MINU, OP_MINU_W, OP_MIN_W, OP_MUL, OP_MULH, OP_MULSUH, OP_MULUH, OP_MUL_W, OP_OR, OP_REM, OP_REMU,
  OP_REMU_W, OP_REM_W, OP_SIGNEXTEND_B, OP_SIGNEXTEND_H, OP_SIGNEXTEND_W, OP_SLL, OP_SLL_W, OP_SRA, OP_SRA_W,
  OP_SRL, OP_SRL_W, OP_SUB, OP_SUB_W, OP_XOR, precompileByCsr, type ZiskInst,
} from '../zisk/index.js';
import { InstBuilder } from './builder.js';

/** CSRs with special meaning (ZisK's free-input calls). */
export const CSR_FCALL_FIRST = 0x8c0;
export const CSR_FCALL_LAST = 0x8df;
export const CSR_FCALL_PARAM_FIRST = 0x8f0;
export const CSR_FCALL_PARAM_LAST = 0x8ff;
export const CSR_FCALL_GET = 0xffe;
/** Words taken by `csrs 0x8F0+k, rs1`: one by value, or that many from memory at rs1. */
export const FCALL_PARAM_WORDS = [1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64, 80, 96, 128, 256] as const;

/** Scratch registers of multi-step expansions (memory at REG_FIRST + 8·index). */
const TMP_ATOMIC = 32;
const TMP_CSR = 33;
/** jalr clears bit 0 of the target, as the RISC-V specification says (not bits 0–1). */
const JALR_MASK_LO = 0xfffffffe;
const ALL_ONES = 0xffffffff;

// Kind → op for the regular shapes. 0 marks kinds handled elsewhere (OP_FLAG is 0 but never mapped here).
const REG_OP = new Int16Array(K.KIND_COUNT).fill(-1);
const IMM_OP = new Int16Array(K.KIND_COUNT).fill(-1);
const BRANCH_OP = new Int16Array(K.KIND_COUNT).fill(-1);
const LOAD = new Int16Array(K.KIND_COUNT).fill(-1);
const LOAD_WIDTH = new Uint8Array(K.KIND_COUNT);
const STORE_WIDTH = new Uint8Array(K.KIND_COUNT);
const AMO_OP = new Int16Array(K.KIND_COUNT).fill(-1);
for (const [k, op] of [
  [K.K_SUB, OP_SUB], [K.K_SLL, OP_SLL], [K.K_SLT, OP_LT], [K.K_SLTU, OP_LTU], [K.K_XOR, OP_XOR], [K.K_SRL, OP_SRL],
  [K.K_SRA, OP_SRA], [K.K_AND, OP_AND], [K.K_ADDW, OP_ADD_W], [K.K_SUBW, OP_SUB_W], [K.K_SLLW, OP_SLL_W],
  [K.K_SRLW, OP_SRL_W], [K.K_SRAW, OP_SRA_W], [K.K_MUL, OP_MUL], [K.K_MULH, OP_MULH], [K.K_MULHSU, OP_MULSUH],
  [K.K_MULHU, OP_MULUH], [K.K_DIV, OP_DIV], [K.K_DIVU, OP_DIVU], [K.K_REM, OP_REM], [K.K_REMU, OP_REMU],
  [K.K_MULW, OP_MUL_W], [K.K_DIVW, OP_DIV_W], [K.K_DIVUW, OP_DIVU_W], [K.K_REMW, OP_REM_W], [K.K_REMUW, OP_REMU_W],
] as const) REG_OP[k] = op;
for (const [k, op] of [
  [K.K_SLTI, OP_LT], [K.K_SLTIU, OP_LTU], [K.K_ANDI, OP_AND], [K.K_SLLI, OP_SLL], [K.K_SRLI, OP_SRL],
  [K.K_SRAI, OP_SRA], [K.K_SLLIW, OP_SLL_W], [K.K_SRLIW, OP_SRL_W], [K.K_SRAIW, OP_SRA_W],
] as const) IMM_OP[k] = op;
for (const [k, op] of [[K.K_BEQ, OP_EQ], [K.K_BNE, OP_EQ], [K.K_BLT, OP_LT], [K.K_BGE, OP_LT], [K.K_BLTU, OP_LTU], [K.K_BGEU, OP_LTU]] as const) {
  BRANCH_OP[k] = op;
}
for (const [k, op, w] of [
  [K.K_LB, OP_SIGNEXTEND_B, 1], [K.K_LBU, OP_COPYB, 1], [K.K_LH, OP_SIGNEXTEND_H, 2], [K.K_LHU, OP_COPYB, 2],
  [K.K_LW, OP_SIGNEXTEND_W, 4], [K.K_LWU, OP_COPYB, 4], [K.K_LD, OP_COPYB, 8], [K.K_LR_W, OP_SIGNEXTEND_W, 4],
  [K.K_LR_D, OP_COPYB, 8],
] as const) {
  LOAD[k] = op;
  LOAD_WIDTH[k] = w;
}
for (const [k, w] of [[K.K_SB, 1], [K.K_SH, 2], [K.K_SW, 4], [K.K_SD, 8]] as const) STORE_WIDTH[k] = w;
for (const [k, op] of [
  [K.K_AMOADD_W, OP_ADD_W], [K.K_AMOXOR_W, OP_XOR], [K.K_AMOAND_W, OP_AND], [K.K_AMOOR_W, OP_OR],
  [K.K_AMOMIN_W, OP_MIN_W], [K.K_AMOMAX_W, OP_MAX_W], [K.K_AMOMINU_W, OP_MINU_W], [K.K_AMOMAXU_W, OP_MAXU_W],
  [K.K_AMOADD_D, OP_ADD], [K.K_AMOXOR_D, OP_XOR], [K.K_AMOAND_D, OP_AND], [K.K_AMOOR_D, OP_OR],
  [K.K_AMOMIN_D, OP_MIN], [K.K_AMOMAX_D, OP_MAX], [K.K_AMOMINU_D, OP_MINU], [K.K_AMOMAXU_D, OP_MAXU],
] as const) AMO_OP[k] = op;

const isWordAmo = (k: number) => k >= K.K_LR_W && k <= K.K_AMOMAXU_W;

/** Emits the ZisK instructions of one RISC-V instruction at pc into `out`. */
export function convert(ri: RvInst, pc: number, out: ZiskInst[]): void {
  const { kind, rd, rs1, rs2, imm, size } = ri;
  // The first step carries the RISC-V kind and encoding; the others are continuations.
  const first = () => new InstBuilder(pc, kind, ri.raw);
  const next = (k: number) => new InstBuilder(pc + k, -1, 0, true);
  const emit = (b: InstBuilder): void => {
    out.push(b.build());
  };
  const nop = () => emit(first().aImm(0).bImm(0).op(OP_FLAG).j(size, size));

  if (REG_OP[kind]! >= 0) return emit(first().aReg(rs1).bReg(rs2).op(REG_OP[kind]!).storeReg(rd).j(size, size));
  if (IMM_OP[kind]! >= 0) return emit(first().aReg(rs1).bImm(imm).op(IMM_OP[kind]!).storeReg(rd).j(size, size));
  if (BRANCH_OP[kind]! >= 0) {
    const negated = kind === K.K_BNE || kind === K.K_BGE || kind === K.K_BGEU;
    const b = first().aReg(rs1).bReg(rs2).op(BRANCH_OP[kind]!);
    return emit(negated ? b.j(size, imm) : b.j(imm, size));
  }
  if (LOAD[kind]! >= 0) {
    return emit(first().aReg(rs1).bInd(imm, LOAD_WIDTH[kind]!).op(LOAD[kind]!).storeReg(rd).j(size, size));
  }
  if (STORE_WIDTH[kind]! > 0) {
    return emit(first().aReg(rs1).bReg(rs2).op(OP_COPYB).storeInd(imm, STORE_WIDTH[kind]!).j(size, size));
  }
  switch (kind) {
    case K.K_ADD:
    case K.K_OR:
      // x + 0 and x | 0 are moves.
      if (rs1 === 0) return emit(first().aImm(0).bReg(rs2).op(OP_COPYB).storeReg(rd).j(size, size));
      if (rs2 === 0) return emit(first().aImm(0).bReg(rs1).op(OP_COPYB).storeReg(rd).j(size, size));
      return emit(first().aReg(rs1).bReg(rs2).op(kind === K.K_ADD ? OP_ADD : OP_OR).storeReg(rd).j(size, size));
    case K.K_ADDI:
      if (rd === 0) return nop();
      if (imm === 0) return emit(first().aImm(0).bReg(rs1).op(OP_COPYB).storeReg(rd).j(size, size));
      return emit(first().aReg(rs1).bImm(imm).op(rs1 === 0 ? OP_COPYB : OP_ADD).storeReg(rd).j(size, size));
    case K.K_XORI:
    case K.K_ORI:
      return emit(first().aReg(rs1).bImm(imm).op(rs1 === 0 ? OP_COPYB : kind === K.K_XORI ? OP_XOR : OP_OR).storeReg(rd).j(size, size));
    case K.K_ADDIW:
      if (rd === 0) return nop();
      return emit(first().aReg(rs1).bImm(imm).op(OP_ADD_W).storeReg(rd).j(size, size));
    case K.K_LUI:
      return emit(first().aImm(0).bImm(imm).op(OP_COPYB).storeReg(rd).j(size, size));
    case K.K_AUIPC:
      // flag = 1 makes pc += jmp_offset1 = 4; store_pc stores pc + jmp_offset2 = pc + imm.
      return emit(first().aImm(0).bImm(0).op(OP_FLAG).storeReg(rd, true).j(size, imm));
    case K.K_JAL:
      return emit(first().aImm(0).bImm(0).op(OP_FLAG).storeReg(rd, true).j(imm, size));
    case K.K_JALR:
      // target = (rs1 + imm) & ~1. With an even imm, (rs1 & ~1) + imm is the same: one step.
      if (imm % 2 === 0) {
        return emit(first().aImm64(JALR_MASK_LO, ALL_ONES).bReg(rs1).op(OP_AND).setPc().storeReg(rd, true).j(imm, size));
      }
      emit(first().aImm(imm).bReg(rs1).op(OP_ADD).j(1, 1));
      return emit(next(1).aImm64(JALR_MASK_LO, ALL_ONES).bLastC().op(OP_AND).setPc().storeReg(rd, true).j(0, size - 1));
    case K.K_FENCE:
    case K.K_FENCE_I:
    case K.K_EBREAK:
      return nop();
    case K.K_ECALL:
      // Jump to the BIOS trap handler (address in mtvec); x1 = return address.
      return emit(first().aImm(0).bMem(MTVEC).op(OP_COPYB).storeReg(1, true).setPc().j(0, size));
    case K.K_SC_W:
    case K.K_SC_D: {
      // A single hart: the reservation always holds, the store happens and rd = 0.
      const w = kind === K.K_SC_W ? 4 : 8;
      if (rd === 0) return emit(first().aReg(rs1).bReg(rs2).op(OP_COPYB).storeInd(0, w).j(4, 4));
      emit(first().aReg(rs1).bReg(rs2).op(OP_COPYB).storeInd(0, w).j(1, 1));
      return emit(next(1).aImm(0).bImm(0).op(OP_COPYB).storeReg(rd).j(3, 3));
    }
    case K.K_AMOSWAP_W:
    case K.K_AMOSWAP_D:
      return atomicSwap(ri, first, next, emit);
    case K.K_CSRRW:
    case K.K_CSRRS:
    case K.K_CSRRC:
    case K.K_CSRRWI:
    case K.K_CSRRSI:
    case K.K_CSRRCI:
      return csr(ri, first, next, emit, nop);
    default:
      if (AMO_OP[kind]! >= 0) return atomicOp(ri, first, next, emit);
      // Illegal encodings and floating point: a halt step the emulator reports, naming the instruction.
      return emit(first().aImm(0).bImm(0).op(OP_HALT).j(size, size));
  }
}

type Make = () => InstBuilder;
type MakeNext = (k: number) => InstBuilder;
type Emit = (b: InstBuilder) => void;

function atomicSwap(ri: RvInst, first: Make, next: MakeNext, emit: Emit): void {
  const w = isWordAmo(ri.kind) ? 4 : 8;
  const load = w === 4 ? OP_SIGNEXTEND_W : OP_COPYB;
  if (ri.rd !== ri.rs1 && ri.rd !== ri.rs2) {
    emit(first().aReg(ri.rs1).bInd(0, w).op(load).storeReg(ri.rd).j(1, 1));
    emit(next(1).aReg(ri.rs1).bReg(ri.rs2).op(OP_COPYB).storeInd(0, w).j(3, 3));
    return;
  }
  // rd aliases an operand: keep the loaded value in a scratch register until both are used.
  emit(first().aReg(ri.rs1).bInd(0, w).op(load).storeReg(TMP_ATOMIC).j(1, 1));
  emit(next(1).aReg(ri.rs1).bReg(ri.rs2).op(OP_COPYB).storeInd(0, w).j(1, 1));
  emit(next(2).aImm(0).bReg(TMP_ATOMIC).op(OP_COPYB).storeReg(ri.rd).j(2, 2));
}

function atomicOp(ri: RvInst, first: Make, next: MakeNext, emit: Emit): void {
  const w = isWordAmo(ri.kind) ? 4 : 8;
  const load = w === 4 ? OP_SIGNEXTEND_W : OP_COPYB;
  const op = AMO_OP[ri.kind]!;
  if (ri.rd !== ri.rs1 && ri.rd !== ri.rs2) {
    emit(first().aReg(ri.rs1).bInd(0, w).op(load).storeReg(ri.rd).j(1, 1));
    emit(next(1).aLastC().bReg(ri.rs2).op(op).j(1, 1));
    emit(next(2).aReg(ri.rs1).bLastC().op(OP_COPYB).storeInd(0, w).j(2, 2));
    return;
  }
  emit(first().aReg(ri.rs1).bInd(0, w).op(load).storeReg(TMP_ATOMIC).j(1, 1));
  emit(next(1).aLastC().bReg(ri.rs2).op(op).j(1, 1));
  emit(next(2).aReg(ri.rs1).bLastC().op(OP_COPYB).storeInd(0, w).j(1, 1));
  emit(next(3).aImm(0).bReg(TMP_ATOMIC).op(OP_COPYB).storeReg(ri.rd).j(1, 1));
}

/** CSRs are memory at CSR_ADDR + 8·csr, except ZisK's precompile and free-input CSRs. */
function csr(ri: RvInst, first: Make, next: MakeNext, emit: Emit, nop: () => void): void {
  const { kind, rd, rs1, csr: n } = ri;
  const uimm = ri.imm;
  const addr = CSR_ADDR + 8 * n;
  const pre = precompileByCsr(n);
  if (pre) {
    // Recognised; the emulator stops with "precompile <name> is not supported yet" if it runs.
    emit(first().aImm(0).bReg(kind >= K.K_CSRRWI ? 0 : rs1).op(pre.code).storeReg(rd).j(0, 4).note(pre.name));
    return;
  }
  if (kind === K.K_CSRRS && rd === 0 && rs1 !== 0 && n >= CSR_FCALL_PARAM_FIRST && n <= CSR_FCALL_PARAM_LAST) {
    emit(first().aImm(FCALL_PARAM_WORDS[n - CSR_FCALL_PARAM_FIRST]!).bReg(rs1).op(OP_FCALL_PARAM).j(4, 4));
    return;
  }
  if ((kind === K.K_CSRRWI || kind === K.K_CSRRSI) && rd === 0 && n >= CSR_FCALL_FIRST && n <= CSR_FCALL_LAST) {
    emit(first().aImm(((n - CSR_FCALL_FIRST) << 5) + uimm).bImm(0).op(OP_FCALL).j(4, 4));
    return;
  }
  if (kind === K.K_CSRRS && rd !== 0 && rs1 === 0 && n === CSR_FCALL_GET) {
    emit(first().aImm(0).bMem(INPUT_ADDR).op(OP_FCALL_GET).storeReg(rd).j(4, 4));
    return;
  }
  const read = () => first().aImm(0).bMem(addr).op(OP_COPYB);
  switch (kind) {
    case K.K_CSRRW:
      if (rd === 0) return emit(first().aImm(0).bReg(rs1).op(OP_COPYB).storeMem(addr).j(4, 4));
      if (rd === rs1) {
        emit(read().storeReg(TMP_CSR).j(1, 1));
        emit(next(1).aImm(0).bReg(rs1).op(OP_COPYB).storeMem(addr).j(1, 1));
        return emit(next(2).aImm(0).bReg(TMP_CSR).op(OP_COPYB).storeReg(rd).j(2, 2));
      }
      emit(read().storeReg(rd).j(1, 1));
      return emit(next(1).aImm(0).bReg(rs1).op(OP_COPYB).storeMem(addr).j(3, 3));
    case K.K_CSRRS:
      if (rs1 === 0) return rd === 0 ? nop() : emit(read().storeReg(rd).j(4, 4));
      if (rd === 0) return emit(first().aMem(addr).bReg(rs1).op(OP_OR).storeMem(addr).j(4, 4));
      if (rd === rs1) {
        emit(read().storeReg(TMP_CSR).j(1, 1));
        emit(next(1).aLastC().bReg(rs1).op(OP_OR).storeMem(addr).j(1, 1));
        return emit(next(2).aImm(0).bReg(TMP_CSR).op(OP_COPYB).storeReg(rd).j(2, 2));
      }
      emit(read().storeReg(rd).j(1, 1));
      return emit(next(1).aLastC().bReg(rs1).op(OP_OR).storeMem(addr).j(3, 3));
    case K.K_CSRRC:
      if (rs1 === 0) return rd === 0 ? nop() : emit(read().storeReg(rd).j(4, 4));
      if (rd === 0) {
        emit(first().aImm64(ALL_ONES, ALL_ONES).bReg(rs1).op(OP_XOR).j(1, 1));
        return emit(next(1).aMem(addr).bLastC().op(OP_AND).storeMem(addr).j(3, 3));
      }
      if (rd === rs1) {
        emit(read().storeReg(TMP_CSR).j(1, 1));
        emit(next(1).aImm64(ALL_ONES, ALL_ONES).bReg(rs1).op(OP_XOR).j(1, 1));
        emit(next(2).aReg(TMP_CSR).bLastC().op(OP_AND).storeMem(addr).j(1, 1));
        return emit(next(3).aImm(0).bReg(TMP_CSR).op(OP_COPYB).storeReg(rd).j(1, 1));
      }
      emit(read().storeReg(rd).j(1, 1));
      emit(next(1).aImm64(ALL_ONES, ALL_ONES).bReg(rs1).op(OP_XOR).j(1, 1));
      return emit(next(2).aReg(rd).bLastC().op(OP_AND).storeMem(addr).j(2, 2));
    case K.K_CSRRWI:
      if (rd === 0) return emit(first().aImm(0).bImm(uimm).op(OP_COPYB).storeMem(addr).j(4, 4));
      emit(read().storeReg(rd).j(1, 1));
      return emit(next(1).aImm(0).bImm(uimm).op(OP_COPYB).storeMem(addr).j(3, 3));
    case K.K_CSRRSI:
    case K.K_CSRRCI: {
      const op = kind === K.K_CSRRSI ? OP_OR : OP_AND;
      // csrrci clears the bits of uimm: and with its complement.
      const mask = (b: InstBuilder) => (kind === K.K_CSRRSI ? b.bImm(uimm) : b.bImm64(~uimm >>> 0, ALL_ONES));
      if (uimm === 0) return rd === 0 ? nop() : emit(read().storeReg(rd).j(4, 4));
      if (rd === 0) return emit(mask(first().aMem(addr)).op(op).storeMem(addr).j(4, 4));
      emit(read().storeReg(rd).j(1, 1));
      return emit(mask(next(1).aLastC()).op(op).storeMem(addr).j(3, 3));
    }
  }
}

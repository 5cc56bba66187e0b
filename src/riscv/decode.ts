/**
 * RV64IMAC (+ Zicsr, fence) decoder. Opcode and funct fields index small numeric tables that give
 * the instruction kind (./kinds.ts); nothing is matched by name. Compressed instructions are
 * expanded to the kind of their 32-bit equivalent. Anything the specification reserves, and every
 * encoding outside these extensions, decodes to K_ILLEGAL; F/D encodings decode to K_FLOAT so that
 * errors can name them.
 */
import * as K from './kinds.js';
import type { RvInst } from './kinds.js';

const OPC_LOAD = 0x03;
const OPC_LOAD_FP = 0x07;
const OPC_MISC_MEM = 0x0f;
const OPC_OP_IMM = 0x13;
const OPC_AUIPC = 0x17;
const OPC_OP_IMM_32 = 0x1b;
const OPC_STORE = 0x23;
const OPC_STORE_FP = 0x27;
const OPC_AMO = 0x2f;
const OPC_OP = 0x33;
const OPC_LUI = 0x37;
const OPC_OP_32 = 0x3b;
const OPC_MADD = 0x43;
const OPC_MSUB = 0x47;
const OPC_NMSUB = 0x4b;
const OPC_NMADD = 0x4f;
const OPC_OP_FP = 0x53;
const OPC_BRANCH = 0x63;
const OPC_JALR = 0x67;
const OPC_JAL = 0x6f;
const OPC_SYSTEM = 0x73;

// funct3-indexed kinds (0 = K_ILLEGAL).
const LOAD_BY_F3 = Uint8Array.of(K.K_LB, K.K_LH, K.K_LW, K.K_LD, K.K_LBU, K.K_LHU, K.K_LWU, 0);
const STORE_BY_F3 = Uint8Array.of(K.K_SB, K.K_SH, K.K_SW, K.K_SD, 0, 0, 0, 0);
const BRANCH_BY_F3 = Uint8Array.of(K.K_BEQ, K.K_BNE, 0, 0, K.K_BLT, K.K_BGE, K.K_BLTU, K.K_BGEU);
const OP_IMM_BY_F3 = Uint8Array.of(K.K_ADDI, K.K_SLLI, K.K_SLTI, K.K_SLTIU, K.K_XORI, K.K_SRLI, K.K_ORI, K.K_ANDI);
const CSR_BY_F3 = Uint8Array.of(0, K.K_CSRRW, K.K_CSRRS, K.K_CSRRC, 0, K.K_CSRRWI, K.K_CSRRSI, K.K_CSRRCI);

// OP and OP-32 by (funct7 row, funct3): rows are funct7 = 0x00, 0x20 and 0x01 (M extension).
const F7_ROW = new Int8Array(128).fill(-1);
F7_ROW[0x00] = 0;
F7_ROW[0x20] = 1;
F7_ROW[0x01] = 2;
const OP_BY_ROW_F3 = Uint8Array.of(
  K.K_ADD, K.K_SLL, K.K_SLT, K.K_SLTU, K.K_XOR, K.K_SRL, K.K_OR, K.K_AND,
  K.K_SUB, 0, 0, 0, 0, K.K_SRA, 0, 0,
  K.K_MUL, K.K_MULH, K.K_MULHSU, K.K_MULHU, K.K_DIV, K.K_DIVU, K.K_REM, K.K_REMU,
);
const OP32_BY_ROW_F3 = Uint8Array.of(
  K.K_ADDW, K.K_SLLW, 0, 0, 0, K.K_SRLW, 0, 0,
  K.K_SUBW, 0, 0, 0, 0, K.K_SRAW, 0, 0,
  K.K_MULW, 0, 0, 0, K.K_DIVW, K.K_DIVUW, K.K_REMW, K.K_REMUW,
);

// AMO by funct5, for .W (funct3 = 2); the .D kinds follow at a fixed distance.
const AMO_W_BY_F5 = new Uint8Array(32);
AMO_W_BY_F5[0x02] = K.K_LR_W;
AMO_W_BY_F5[0x03] = K.K_SC_W;
AMO_W_BY_F5[0x01] = K.K_AMOSWAP_W;
AMO_W_BY_F5[0x00] = K.K_AMOADD_W;
AMO_W_BY_F5[0x04] = K.K_AMOXOR_W;
AMO_W_BY_F5[0x0c] = K.K_AMOAND_W;
AMO_W_BY_F5[0x08] = K.K_AMOOR_W;
AMO_W_BY_F5[0x10] = K.K_AMOMIN_W;
AMO_W_BY_F5[0x14] = K.K_AMOMAX_W;
AMO_W_BY_F5[0x18] = K.K_AMOMINU_W;
AMO_W_BY_F5[0x1c] = K.K_AMOMAXU_W;
const AMO_D_DELTA = K.K_LR_D - K.K_LR_W;

function inst(kind: number, rd: number, rs1: number, rs2: number, imm: number, csr: number, size: number, raw: number): RvInst {
  return { kind, rd, rs1, rs2, imm, csr, size, raw };
}
const illegal = (raw: number, size: number) => inst(K.K_ILLEGAL, 0, 0, 0, 0, 0, size, raw);

/** True when the low 16 bits start a compressed (16-bit) instruction. */
export function isCompressed(lowHalf: number): boolean {
  return (lowHalf & 3) !== 3;
}

/** Decodes one 32-bit instruction. */
export function decode32(raw: number): RvInst {
  const r = raw | 0;
  const opcode = r & 0x7f;
  const rd = (r >>> 7) & 31;
  const f3 = (r >>> 12) & 7;
  const rs1 = (r >>> 15) & 31;
  const rs2 = (r >>> 20) & 31;
  const f7 = r >>> 25;
  const immI = r >> 20;
  switch (opcode) {
    case OPC_LUI:
      return inst(K.K_LUI, rd, 0, 0, r & -4096, 0, 4, raw);
    case OPC_AUIPC:
      return inst(K.K_AUIPC, rd, 0, 0, r & -4096, 0, 4, raw);
    case OPC_JAL: {
      const imm = ((r >> 31) << 20) | (r & 0xff000) | (((r >>> 20) & 1) << 11) | (((r >>> 21) & 0x3ff) << 1);
      return inst(K.K_JAL, rd, 0, 0, imm, 0, 4, raw);
    }
    case OPC_JALR:
      return f3 === 0 ? inst(K.K_JALR, rd, rs1, 0, immI, 0, 4, raw) : illegal(raw, 4);
    case OPC_BRANCH: {
      const kind = BRANCH_BY_F3[f3]!;
      const imm = ((r >> 31) << 12) | (((r >>> 7) & 1) << 11) | (((r >>> 25) & 0x3f) << 5) | (((r >>> 8) & 0xf) << 1);
      return kind ? inst(kind, 0, rs1, rs2, imm, 0, 4, raw) : illegal(raw, 4);
    }
    case OPC_LOAD: {
      const kind = LOAD_BY_F3[f3]!;
      return kind ? inst(kind, rd, rs1, 0, immI, 0, 4, raw) : illegal(raw, 4);
    }
    case OPC_STORE: {
      const kind = STORE_BY_F3[f3]!;
      const imm = ((r >> 25) << 5) | ((r >>> 7) & 0x1f);
      return kind ? inst(kind, 0, rs1, rs2, imm, 0, 4, raw) : illegal(raw, 4);
    }
    case OPC_OP_IMM: {
      const f6 = r >>> 26;
      const shamt = (r >>> 20) & 0x3f;
      if (f3 === 1) return f6 === 0 ? inst(K.K_SLLI, rd, rs1, 0, shamt, 0, 4, raw) : illegal(raw, 4);
      if (f3 === 5) {
        if (f6 === 0) return inst(K.K_SRLI, rd, rs1, 0, shamt, 0, 4, raw);
        if (f6 === 0x10) return inst(K.K_SRAI, rd, rs1, 0, shamt, 0, 4, raw);
        return illegal(raw, 4);
      }
      return inst(OP_IMM_BY_F3[f3]!, rd, rs1, 0, immI, 0, 4, raw);
    }
    case OPC_OP_IMM_32: {
      if (f3 === 0) return inst(K.K_ADDIW, rd, rs1, 0, immI, 0, 4, raw);
      const shamt = (r >>> 20) & 0x1f;
      if (f3 === 1 && f7 === 0) return inst(K.K_SLLIW, rd, rs1, 0, shamt, 0, 4, raw);
      if (f3 === 5 && f7 === 0) return inst(K.K_SRLIW, rd, rs1, 0, shamt, 0, 4, raw);
      if (f3 === 5 && f7 === 0x20) return inst(K.K_SRAIW, rd, rs1, 0, shamt, 0, 4, raw);
      return illegal(raw, 4);
    }
    case OPC_OP:
    case OPC_OP_32: {
      const row = F7_ROW[f7]!;
      if (row < 0) return illegal(raw, 4);
      const kind = (opcode === OPC_OP ? OP_BY_ROW_F3 : OP32_BY_ROW_F3)[row * 8 + f3]!;
      return kind ? inst(kind, rd, rs1, rs2, 0, 0, 4, raw) : illegal(raw, 4);
    }
    case OPC_AMO: {
      if (f3 !== 2 && f3 !== 3) return illegal(raw, 4);
      const w = AMO_W_BY_F5[r >>> 27]!;
      if (w === 0) return illegal(raw, 4);
      const kind = f3 === 2 ? w : w + AMO_D_DELTA;
      if ((kind === K.K_LR_W || kind === K.K_LR_D) && rs2 !== 0) return illegal(raw, 4);
      return inst(kind, rd, rs1, rs2, 0, 0, 4, raw);
    }
    case OPC_MISC_MEM:
      if (f3 === 0) return inst(K.K_FENCE, 0, 0, 0, 0, 0, 4, raw);
      if (f3 === 1) return inst(K.K_FENCE_I, 0, 0, 0, 0, 0, 4, raw);
      return illegal(raw, 4);
    case OPC_SYSTEM: {
      if (f3 === 0) {
        if (r === 0x00000073) return inst(K.K_ECALL, 0, 0, 0, 0, 0, 4, raw);
        if (r === 0x00100073) return inst(K.K_EBREAK, 0, 0, 0, 0, 0, 4, raw);
        return illegal(raw, 4);
      }
      const kind = CSR_BY_F3[f3]!;
      if (!kind) return illegal(raw, 4);
      const csr = (r >>> 20) & 0xfff;
      // The immediate forms carry a 5-bit unsigned value in the rs1 field.
      return kind >= K.K_CSRRWI ? inst(kind, rd, 0, 0, rs1, csr, 4, raw) : inst(kind, rd, rs1, 0, 0, csr, 4, raw);
    }
    case OPC_LOAD_FP:
    case OPC_STORE_FP:
    case OPC_MADD:
    case OPC_MSUB:
    case OPC_NMSUB:
    case OPC_NMADD:
    case OPC_OP_FP:
      return inst(K.K_FLOAT, 0, 0, 0, 0, 0, 4, raw);
    default:
      return illegal(raw, 4);
  }
}

const sext = (v: number, bits: number) => (v << (32 - bits)) >> (32 - bits);

/** Decodes one 16-bit (compressed) instruction into the equivalent 32-bit kind, size 2. */
export function decode16(raw: number): RvInst {
  const h = raw & 0xffff;
  const quadrant = h & 3;
  const f3 = h >>> 13;
  const rdFull = (h >>> 7) & 31;
  const rs2Full = (h >>> 2) & 31;
  const rdP = 8 + ((h >>> 7) & 7);
  const rs2P = 8 + ((h >>> 2) & 7);
  const c = (kind: number, rd: number, rs1: number, rs2: number, imm: number) => inst(kind, rd, rs1, rs2, imm, 0, 2, h);
  if (quadrant === 0) {
    switch (f3) {
      case 0: {
        const imm = ((h >>> 7) & 0x30) | ((h >>> 1) & 0x3c0) | ((h >>> 4) & 0x4) | ((h >>> 2) & 0x8);
        return imm === 0 ? illegal(h, 2) : c(K.K_ADDI, rs2P, 2, 0, imm); // c.addi4spn
      }
      case 2:
        return c(K.K_LW, rs2P, rdP, 0, ((h >>> 7) & 0x38) | ((h << 1) & 0x40) | ((h >>> 4) & 0x4));
      case 3:
        return c(K.K_LD, rs2P, rdP, 0, ((h >>> 7) & 0x38) | ((h << 1) & 0xc0));
      case 6:
        return c(K.K_SW, 0, rdP, rs2P, ((h >>> 7) & 0x38) | ((h << 1) & 0x40) | ((h >>> 4) & 0x4));
      case 7:
        return c(K.K_SD, 0, rdP, rs2P, ((h >>> 7) & 0x38) | ((h << 1) & 0xc0));
      case 1:
      case 5:
        return inst(K.K_FLOAT, 0, 0, 0, 0, 0, 2, h); // c.fld, c.fsd
      default:
        return illegal(h, 2);
    }
  }
  const imm6 = sext(((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f), 6);
  if (quadrant === 1) {
    switch (f3) {
      case 0:
        return c(K.K_ADDI, rdFull, rdFull, 0, imm6); // c.addi, c.nop
      case 1:
        return rdFull === 0 ? illegal(h, 2) : c(K.K_ADDIW, rdFull, rdFull, 0, imm6);
      case 2:
        return c(K.K_ADDI, rdFull, 0, 0, imm6); // c.li
      case 3: {
        if (rdFull === 2) {
          const imm = sext(((h >>> 3) & 0x200) | ((h >>> 2) & 0x10) | ((h << 1) & 0x40) | ((h << 4) & 0x180) | ((h << 3) & 0x20), 10);
          return imm === 0 ? illegal(h, 2) : c(K.K_ADDI, 2, 2, 0, imm); // c.addi16sp
        }
        const imm = sext(((h << 5) & 0x20000) | ((h << 10) & 0x1f000), 18);
        return imm === 0 ? illegal(h, 2) : c(K.K_LUI, rdFull, 0, 0, imm); // c.lui
      }
      case 4: {
        const f2 = (h >>> 10) & 3;
        const shamt = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f);
        if (f2 === 0) return c(K.K_SRLI, rdP, rdP, 0, shamt);
        if (f2 === 1) return c(K.K_SRAI, rdP, rdP, 0, shamt);
        if (f2 === 2) return c(K.K_ANDI, rdP, rdP, 0, imm6);
        const sub = (h >>> 5) & 3;
        if (((h >>> 12) & 1) === 0) return c([K.K_SUB, K.K_XOR, K.K_OR, K.K_AND][sub]!, rdP, rdP, rs2P, 0);
        if (sub === 0) return c(K.K_SUBW, rdP, rdP, rs2P, 0);
        if (sub === 1) return c(K.K_ADDW, rdP, rdP, rs2P, 0);
        return illegal(h, 2);
      }
      case 5: {
        const imm = sext(
          ((h >>> 1) & 0x800) | ((h >>> 7) & 0x10) | ((h >>> 1) & 0x300) | ((h << 2) & 0x400) |
          ((h >>> 1) & 0x40) | ((h << 1) & 0x80) | ((h >>> 2) & 0xe) | ((h << 3) & 0x20), 12);
        return c(K.K_JAL, 0, 0, 0, imm); // c.j
      }
      default: {
        const imm = sext(((h >>> 4) & 0x100) | ((h >>> 7) & 0x18) | ((h << 1) & 0xc0) | ((h >>> 2) & 0x6) | ((h << 3) & 0x20), 9);
        return c(f3 === 6 ? K.K_BEQ : K.K_BNE, 0, rdP, 0, imm); // c.beqz, c.bnez
      }
    }
  }
  // quadrant 2
  switch (f3) {
    case 0:
      return c(K.K_SLLI, rdFull, rdFull, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f));
    case 2:
      return rdFull === 0 ? illegal(h, 2) : c(K.K_LW, rdFull, 2, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1c) | ((h << 4) & 0xc0));
    case 3:
      return rdFull === 0 ? illegal(h, 2) : c(K.K_LD, rdFull, 2, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x18) | ((h << 4) & 0x1c0));
    case 4: {
      if (((h >>> 12) & 1) === 0) {
        if (rs2Full === 0) return rdFull === 0 ? illegal(h, 2) : c(K.K_JALR, 0, rdFull, 0, 0); // c.jr
        return c(K.K_ADD, rdFull, 0, rs2Full, 0); // c.mv
      }
      if (rs2Full === 0) return rdFull === 0 ? c(K.K_EBREAK, 0, 0, 0, 0) : c(K.K_JALR, 1, rdFull, 0, 0); // c.ebreak, c.jalr
      return c(K.K_ADD, rdFull, rdFull, rs2Full, 0); // c.add
    }
    case 6:
      return c(K.K_SW, 0, 2, rs2Full, ((h >>> 7) & 0x3c) | ((h >>> 1) & 0xc0));
    case 7:
      return c(K.K_SD, 0, 2, rs2Full, ((h >>> 7) & 0x38) | ((h >>> 1) & 0x1c0));
    default:
      return inst(K.K_FLOAT, 0, 0, 0, 0, 0, 2, h); // c.fldsp, c.fsdsp
  }
}

/**
 * Decodes the instruction whose first halfword is `lo16` (and second `hi16`, used only for 32-bit
 * instructions).
 */
export function decode(lo16: number, hi16: number): RvInst {
  return isCompressed(lo16) ? decode16(lo16) : decode32(((hi16 & 0xffff) << 16) | (lo16 & 0xffff));
}

const FMT = ['s', 'd', 'h', 'q'];
const INT_FMT = ['w', 'wu', 'l', 'lu'];

/** The mnemonic of an F/D/Q instruction, for error messages. */
export function floatName(inst: RvInst): string {
  const r = inst.raw | 0;
  if (inst.size === 2) {
    const f3 = (r >>> 13) & 7;
    return (r & 3) === 0 ? (f3 === 1 ? 'c.fld' : 'c.fsd') : f3 === 1 ? 'c.fldsp' : 'c.fsdsp';
  }
  const opcode = r & 0x7f;
  const f3 = (r >>> 12) & 7;
  const width = ['', 'h', 'w', 'd', 'q'][f3] ?? '?';
  if (opcode === OPC_LOAD_FP) return `fl${width}`;
  if (opcode === OPC_STORE_FP) return `fs${width}`;
  const fmt = FMT[(r >>> 25) & 3]!;
  if (opcode === OPC_MADD) return `fmadd.${fmt}`;
  if (opcode === OPC_MSUB) return `fmsub.${fmt}`;
  if (opcode === OPC_NMSUB) return `fnmsub.${fmt}`;
  if (opcode === OPC_NMADD) return `fnmadd.${fmt}`;
  const f5 = r >>> 27;
  const rs2 = (r >>> 20) & 31;
  switch (f5) {
    case 0: return `fadd.${fmt}`;
    case 1: return `fsub.${fmt}`;
    case 2: return `fmul.${fmt}`;
    case 3: return `fdiv.${fmt}`;
    case 4: return `${['fsgnj', 'fsgnjn', 'fsgnjx'][f3] ?? 'fsgnj?'}.${fmt}`;
    case 5: return `${f3 === 0 ? 'fmin' : 'fmax'}.${fmt}`;
    case 8: return `fcvt.${fmt}.${FMT[rs2 & 3]}`;
    case 11: return `fsqrt.${fmt}`;
    case 20: return `${['fle', 'flt', 'feq'][f3] ?? 'fcmp?'}.${fmt}`;
    case 24: return `fcvt.${INT_FMT[rs2 & 3]}.${fmt}`;
    case 26: return `fcvt.${fmt}.${INT_FMT[rs2 & 3]}`;
    case 28: return f3 === 1 ? `fclass.${fmt}` : `fmv.x.${fmt === 's' ? 'w' : fmt}`;
    case 30: return `fmv.${fmt === 's' ? 'w' : fmt}.x`;
    default: return 'floating-point instruction';
  }
}

/** The mnemonic of any decoded instruction. */
export function mnemonic(inst: RvInst): string {
  return inst.kind === K.K_FLOAT ? floatName(inst) : K.KIND_NAMES[inst.kind]!;
}

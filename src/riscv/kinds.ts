/**
 * RISC-V instruction kinds as numbers: the decoder produces them, the transpiler switches on them.
 * Compressed instructions decode to the kind of their 32-bit equivalent (with size 2).
 * KIND_NAMES gives the assembler mnemonic, for dumps and error messages only.
 */

export const K_ILLEGAL = 0;
export const K_LUI = 1;
export const K_AUIPC = 2;
export const K_JAL = 3;
export const K_JALR = 4;
export const K_BEQ = 5;
export const K_BNE = 6;
export const K_BLT = 7;
export const K_BGE = 8;
export const K_BLTU = 9;
export const K_BGEU = 10;
export const K_LB = 11;
export const K_LH = 12;
export const K_LW = 13;
export const K_LD = 14;
export const K_LBU = 15;
export const K_LHU = 16;
export const K_LWU = 17;
export const K_SB = 18;
export const K_SH = 19;
export const K_SW = 20;
export const K_SD = 21;
export const K_ADDI = 22;
export const K_SLTI = 23;
export const K_SLTIU = 24;
export const K_XORI = 25;
export const K_ORI = 26;
export const K_ANDI = 27;
export const K_SLLI = 28;
export const K_SRLI = 29;
export const K_SRAI = 30;
export const K_ADD = 31;
export const K_SUB = 32;
export const K_SLL = 33;
export const K_SLT = 34;
export const K_SLTU = 35;
export const K_XOR = 36;
export const K_SRL = 37;
export const K_SRA = 38;
export const K_OR = 39;
export const K_AND = 40;
export const K_ADDIW = 41;
export const K_SLLIW = 42;
export const K_SRLIW = 43;
export const K_SRAIW = 44;
export const K_ADDW = 45;
export const K_SUBW = 46;
export const K_SLLW = 47;
export const K_SRLW = 48;
export const K_SRAW = 49;
export const K_FENCE = 50;
export const K_FENCE_I = 51;
export const K_ECALL = 52;
export const K_EBREAK = 53;
export const K_CSRRW = 54;
export const K_CSRRS = 55;
export const K_CSRRC = 56;
export const K_CSRRWI = 57;
export const K_CSRRSI = 58;
export const K_CSRRCI = 59;
export const K_MUL = 60;
export const K_MULH = 61;
export const K_MULHSU = 62;
export const K_MULHU = 63;
export const K_DIV = 64;
export const K_DIVU = 65;
export const K_REM = 66;
export const K_REMU = 67;
export const K_MULW = 68;
export const K_DIVW = 69;
export const K_DIVUW = 70;
export const K_REMW = 71;
export const K_REMUW = 72;
export const K_LR_W = 73;
export const K_SC_W = 74;
export const K_AMOSWAP_W = 75;
export const K_AMOADD_W = 76;
export const K_AMOXOR_W = 77;
export const K_AMOAND_W = 78;
export const K_AMOOR_W = 79;
export const K_AMOMIN_W = 80;
export const K_AMOMAX_W = 81;
export const K_AMOMINU_W = 82;
export const K_AMOMAXU_W = 83;
export const K_LR_D = 84;
export const K_SC_D = 85;
export const K_AMOSWAP_D = 86;
export const K_AMOADD_D = 87;
export const K_AMOXOR_D = 88;
export const K_AMOAND_D = 89;
export const K_AMOOR_D = 90;
export const K_AMOMIN_D = 91;
export const K_AMOMAX_D = 92;
export const K_AMOMINU_D = 93;
export const K_AMOMAXU_D = 94;
/** Any F/D instruction: zisk-ts has no floating point; its mnemonic comes from floatName(). */
export const K_FLOAT = 95;
export const KIND_COUNT = 96;

export const KIND_NAMES: readonly string[] = [
  'illegal', 'lui', 'auipc', 'jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu',
  'lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu', 'sb', 'sh', 'sw', 'sd',
  'addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai',
  'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and',
  'addiw', 'slliw', 'srliw', 'sraiw', 'addw', 'subw', 'sllw', 'srlw', 'sraw',
  'fence', 'fence.i', 'ecall', 'ebreak', 'csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci',
  'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'mulw', 'divw', 'divuw', 'remw', 'remuw',
  'lr.w', 'sc.w', 'amoswap.w', 'amoadd.w', 'amoxor.w', 'amoand.w', 'amoor.w', 'amomin.w', 'amomax.w', 'amominu.w', 'amomaxu.w',
  'lr.d', 'sc.d', 'amoswap.d', 'amoadd.d', 'amoxor.d', 'amoand.d', 'amoor.d', 'amomin.d', 'amomax.d', 'amominu.d', 'amomaxu.d',
  'float',
];

/** A decoded instruction. Unused fields are 0. */
export interface RvInst {
  readonly kind: number;
  readonly rd: number;
  readonly rs1: number;
  readonly rs2: number;
  /** Sign-extended immediate; shift amount for shifts; the 5-bit uimm of CSR*I forms. */
  readonly imm: number;
  readonly csr: number;
  /** 2 for compressed instructions, 4 otherwise. */
  readonly size: number;
  /** The raw encoding (16 bits for compressed instructions). */
  readonly raw: number;
}

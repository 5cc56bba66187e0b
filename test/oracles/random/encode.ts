// Encoders of the RV64IMAC instructions the random programs use. Plain field packing, written
// from the RISC-V unprivileged ISA's instruction formats; llvm-objdump and qemu check the result.

export interface Insn {
  bits: number;
  /** 4, or 2 for a compressed instruction. */
  size: 2 | 4;
}

function check(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}: ${value} out of range [${min}, ${max}]`);
}

function reg(r: number): number {
  check('register', r, 0, 31);
  return r;
}

const word = (bits: number): Insn => ({ bits: bits >>> 0, size: 4 });
const half = (bits: number): Insn => ({ bits: bits & 0xffff, size: 2 });

export function rType(opcode: number, funct3: number, funct7: number, rd: number, rs1: number, rs2: number): Insn {
  return word((funct7 << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (funct3 << 12) | (reg(rd) << 7) | opcode);
}

export function iType(opcode: number, funct3: number, rd: number, rs1: number, imm: number): Insn {
  check('I immediate', imm, -2048, 2047);
  return word(((imm & 0xfff) << 20) | (reg(rs1) << 15) | (funct3 << 12) | (reg(rd) << 7) | opcode);
}

export function sType(funct3: number, rs1: number, rs2: number, imm: number): Insn {
  check('S immediate', imm, -2048, 2047);
  return word(((imm >> 5) & 0x7f) << 25 | (reg(rs2) << 20) | (reg(rs1) << 15) | (funct3 << 12) | ((imm & 0x1f) << 7) | 0x23);
}

export function bType(funct3: number, rs1: number, rs2: number, offset: number): Insn {
  check('B offset', offset, -4096, 4094);
  if (offset % 2 !== 0) throw new Error('B offset must be even');
  const o = offset & 0x1fff;
  return word(
    (((o >> 12) & 1) << 31) | (((o >> 5) & 0x3f) << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) |
      (funct3 << 12) | (((o >> 1) & 0xf) << 8) | (((o >> 11) & 1) << 7) | 0x63,
  );
}

export function uType(opcode: number, rd: number, imm20: number): Insn {
  check('U immediate', imm20, 0, 0xfffff);
  return word((imm20 << 12) | (reg(rd) << 7) | opcode);
}

export function jal(rd: number, offset: number): Insn {
  check('J offset', offset, -(1 << 20), (1 << 20) - 2);
  if (offset % 2 !== 0) throw new Error('J offset must be even');
  const o = offset & 0x1fffff;
  return word(
    (((o >> 20) & 1) << 31) | (((o >> 1) & 0x3ff) << 21) | (((o >> 11) & 1) << 20) | (((o >> 12) & 0xff) << 12) |
      (reg(rd) << 7) | 0x6f,
  );
}

export const jalr = (rd: number, rs1: number, imm: number): Insn => iType(0x67, 0, rd, rs1, imm);
export const lui = (rd: number, imm20: number): Insn => uType(0x37, rd, imm20);
export const auipc = (rd: number, imm20: number): Insn => uType(0x17, rd, imm20);
export const ecall = (): Insn => word(0x00000073);

/** Register-register ALU and M operations: [funct3, funct7, opcode]. */
export const OP = {
  add: [0, 0x00, 0x33], sub: [0, 0x20, 0x33], sll: [1, 0x00, 0x33], slt: [2, 0x00, 0x33],
  sltu: [3, 0x00, 0x33], xor: [4, 0x00, 0x33], srl: [5, 0x00, 0x33], sra: [5, 0x20, 0x33],
  or: [6, 0x00, 0x33], and: [7, 0x00, 0x33],
  addw: [0, 0x00, 0x3b], subw: [0, 0x20, 0x3b], sllw: [1, 0x00, 0x3b], srlw: [5, 0x00, 0x3b], sraw: [5, 0x20, 0x3b],
  mul: [0, 0x01, 0x33], mulh: [1, 0x01, 0x33], mulhsu: [2, 0x01, 0x33], mulhu: [3, 0x01, 0x33],
  div: [4, 0x01, 0x33], divu: [5, 0x01, 0x33], rem: [6, 0x01, 0x33], remu: [7, 0x01, 0x33],
  mulw: [0, 0x01, 0x3b], divw: [4, 0x01, 0x3b], divuw: [5, 0x01, 0x3b], remw: [6, 0x01, 0x3b], remuw: [7, 0x01, 0x3b],
} as const satisfies Record<string, readonly [number, number, number]>;
export type OpName = keyof typeof OP;

export function op(name: OpName, rd: number, rs1: number, rs2: number): Insn {
  const [f3, f7, opcode] = OP[name];
  return rType(opcode, f3, f7, rd, rs1, rs2);
}

/** Immediate ALU operations: [funct3, opcode, shift kind]; shifts take a shamt and funct6/7 bits. */
export const OP_IMM = {
  addi: [0, 0x13], slti: [2, 0x13], sltiu: [3, 0x13], xori: [4, 0x13], ori: [6, 0x13], andi: [7, 0x13],
  addiw: [0, 0x1b],
} as const satisfies Record<string, readonly [number, number]>;
export type OpImmName = keyof typeof OP_IMM;

export function opImm(name: OpImmName, rd: number, rs1: number, imm: number): Insn {
  const [f3, opcode] = OP_IMM[name];
  return iType(opcode, f3, rd, rs1, imm);
}

export const SHIFT_IMM = {
  slli: [1, 0x00, 0x13, 63], srli: [5, 0x00, 0x13, 63], srai: [5, 0x10, 0x13, 63],
  slliw: [1, 0x00, 0x1b, 31], srliw: [5, 0x00, 0x1b, 31], sraiw: [5, 0x20, 0x1b, 31],
} as const satisfies Record<string, readonly [number, number, number, number]>;
export type ShiftImmName = keyof typeof SHIFT_IMM;

export function shiftImm(name: ShiftImmName, rd: number, rs1: number, shamt: number): Insn {
  const [f3, high, opcode, max] = SHIFT_IMM[name];
  check('shift amount', shamt, 0, max);
  // RV64 shifts: funct6 (bits 31..26) above a 6-bit shamt; the *w forms: funct7 above 5 bits.
  const upper = opcode === 0x13 ? high << 26 : high << 25;
  return word(upper | (shamt << 20) | (reg(rs1) << 15) | (f3 << 12) | (reg(rd) << 7) | opcode);
}

/** Loads: funct3 and width in bytes. */
export const LOAD = {
  lb: [0, 1], lh: [1, 2], lw: [2, 4], ld: [3, 8], lbu: [4, 1], lhu: [5, 2], lwu: [6, 4],
} as const satisfies Record<string, readonly [number, number]>;
export type LoadName = keyof typeof LOAD;
export const load = (name: LoadName, rd: number, rs1: number, imm: number): Insn => iType(0x03, LOAD[name][0], rd, rs1, imm);

export const STORE = { sb: [0, 1], sh: [1, 2], sw: [2, 4], sd: [3, 8] } as const satisfies Record<string, readonly [number, number]>;
export type StoreName = keyof typeof STORE;
export const store = (name: StoreName, rs1: number, rs2: number, imm: number): Insn => sType(STORE[name][0], rs1, rs2, imm);

export const BRANCH = { beq: 0, bne: 1, blt: 4, bge: 5, bltu: 6, bgeu: 7 } as const;
export type BranchName = keyof typeof BRANCH;
export const branch = (name: BranchName, rs1: number, rs2: number, offset: number): Insn => bType(BRANCH[name], rs1, rs2, offset);

/** Atomic memory operations: funct5. */
export const AMO = {
  'amoadd': 0x00, 'amoswap': 0x01, 'amoxor': 0x04, 'amoor': 0x08, 'amoand': 0x0c,
  'amomin': 0x10, 'amomax': 0x14, 'amominu': 0x18, 'amomaxu': 0x1c,
} as const;
export type AmoName = keyof typeof AMO;

function atomic(funct5: number, width: 4 | 8, aq: boolean, rl: boolean, rd: number, rs1: number, rs2: number): Insn {
  const funct7 = (funct5 << 2) | (aq ? 2 : 0) | (rl ? 1 : 0);
  return rType(0x2f, width === 4 ? 2 : 3, funct7, rd, rs1, rs2);
}

export const amo = (name: AmoName, width: 4 | 8, aq: boolean, rl: boolean, rd: number, rs1: number, rs2: number): Insn =>
  atomic(AMO[name], width, aq, rl, rd, rs1, rs2);
export const lr = (width: 4 | 8, aq: boolean, rl: boolean, rd: number, rs1: number): Insn => atomic(0x02, width, aq, rl, rd, rs1, 0);
export const sc = (width: 4 | 8, aq: boolean, rl: boolean, rd: number, rs1: number, rs2: number): Insn =>
  atomic(0x03, width, aq, rl, rd, rs1, rs2);

// ---- RVC (the C extension, RV64 forms) ----

/** Registers x8..x15, the only ones the 3-bit register fields of CL/CS/CB formats name. */
function creg(r: number): number {
  check('compressed register (x8..x15)', r, 8, 15);
  return r - 8;
}

function ci(funct3: number, rd: number, imm6: number, quadrant: number): Insn {
  return half((funct3 << 13) | (((imm6 >> 5) & 1) << 12) | (reg(rd) << 7) | ((imm6 & 0x1f) << 2) | quadrant);
}

export function cAddi(rd: number, imm: number): Insn {
  check('c.addi immediate', imm, -32, 31);
  if (rd === 0 || imm === 0) throw new Error('c.addi needs rd != 0 and a nonzero immediate');
  return ci(0, rd, imm & 0x3f, 1);
}
export function cAddiw(rd: number, imm: number): Insn {
  check('c.addiw immediate', imm, -32, 31);
  if (rd === 0) throw new Error('c.addiw needs rd != 0');
  return ci(1, rd, imm & 0x3f, 1);
}
export function cLi(rd: number, imm: number): Insn {
  check('c.li immediate', imm, -32, 31);
  if (rd === 0) throw new Error('c.li needs rd != 0');
  return ci(2, rd, imm & 0x3f, 1);
}
/** c.lui rd, imm6: rd = sext(imm6 << 12); imm6 in [-32, 31], not 0. */
export function cLui(rd: number, imm6: number): Insn {
  check('c.lui immediate', imm6, -32, 31);
  if (rd === 0 || rd === 2 || imm6 === 0) throw new Error('c.lui needs rd not x0/x2 and a nonzero immediate');
  return ci(3, rd, imm6 & 0x3f, 1);
}
export function cSlli(rd: number, shamt: number): Insn {
  check('c.slli shift', shamt, 1, 63);
  if (rd === 0) throw new Error('c.slli needs rd != 0');
  return ci(0, rd, shamt, 2);
}

function cbShift(funct2: number, rd: number, shamt: number): Insn {
  check('shift', shamt, 1, 63);
  return half((4 << 13) | (((shamt >> 5) & 1) << 12) | (funct2 << 10) | (creg(rd) << 7) | ((shamt & 0x1f) << 2) | 1);
}
export const cSrli = (rd: number, shamt: number): Insn => cbShift(0, rd, shamt);
export const cSrai = (rd: number, shamt: number): Insn => cbShift(1, rd, shamt);
export function cAndi(rd: number, imm: number): Insn {
  check('c.andi immediate', imm, -32, 31);
  return half((4 << 13) | (((imm >> 5) & 1) << 12) | (2 << 10) | (creg(rd) << 7) | ((imm & 0x1f) << 2) | 1);
}

/** CA format: c.sub, c.xor, c.or, c.and, c.subw, c.addw. */
export const C_ARITH = { sub: [0, 0], xor: [0, 1], or: [0, 2], and: [0, 3], subw: [1, 0], addw: [1, 1] } as const;
export type CArithName = keyof typeof C_ARITH;
export function cArith(name: CArithName, rd: number, rs2: number): Insn {
  const [w, f2] = C_ARITH[name];
  return half((4 << 13) | (w << 12) | (3 << 10) | (creg(rd) << 7) | (f2 << 5) | (creg(rs2) << 2) | 1);
}

export function cMv(rd: number, rs2: number): Insn {
  if (rd === 0 || rs2 === 0) throw new Error('c.mv needs rd and rs2 != 0');
  return half((4 << 13) | (reg(rd) << 7) | (reg(rs2) << 2) | 2);
}
export function cAdd(rd: number, rs2: number): Insn {
  if (rd === 0 || rs2 === 0) throw new Error('c.add needs rd and rs2 != 0');
  return half((4 << 13) | (1 << 12) | (reg(rd) << 7) | (reg(rs2) << 2) | 2);
}
export function cJr(rs1: number): Insn {
  if (rs1 === 0) throw new Error('c.jr needs rs1 != 0');
  return half((4 << 13) | (reg(rs1) << 7) | 2);
}
export function cJalr(rs1: number): Insn {
  if (rs1 === 0) throw new Error('c.jalr needs rs1 != 0');
  return half((4 << 13) | (1 << 12) | (reg(rs1) << 7) | 2);
}
export const cNop = (): Insn => half(0x0001);

/** c.lw / c.ld: rd' = mem[rs1' + offset]; offset a multiple of the width, 0..124 (lw) or 0..248 (ld). */
export function cLoad(width: 4 | 8, rd: number, rs1: number, offset: number): Insn {
  check('compressed load offset', offset, 0, width === 4 ? 124 : 248);
  if (offset % width !== 0) throw new Error('compressed load offset must be a multiple of the width');
  const fields = width === 4
    ? (((offset >> 3) & 7) << 10) | (((offset >> 2) & 1) << 6) | (((offset >> 6) & 1) << 5)
    : (((offset >> 3) & 7) << 10) | (((offset >> 6) & 3) << 5);
  return half(((width === 4 ? 2 : 3) << 13) | fields | (creg(rs1) << 7) | (creg(rd) << 2) | 0);
}
export function cStore(width: 4 | 8, rs1: number, rs2: number, offset: number): Insn {
  check('compressed store offset', offset, 0, width === 4 ? 124 : 248);
  if (offset % width !== 0) throw new Error('compressed store offset must be a multiple of the width');
  const fields = width === 4
    ? (((offset >> 3) & 7) << 10) | (((offset >> 2) & 1) << 6) | (((offset >> 6) & 1) << 5)
    : (((offset >> 3) & 7) << 10) | (((offset >> 6) & 3) << 5);
  return half(((width === 4 ? 6 : 7) << 13) | fields | (creg(rs1) << 7) | (creg(rs2) << 2) | 0);
}
/** c.lwsp / c.ldsp: rd = mem[sp + offset]. */
export function cLoadSp(width: 4 | 8, rd: number, offset: number): Insn {
  check('compressed sp load offset', offset, 0, width === 4 ? 252 : 504);
  if (offset % width !== 0 || rd === 0) throw new Error('c.l*sp needs rd != 0 and an offset multiple of the width');
  const imm = width === 4
    ? (((offset >> 5) & 1) << 12) | (((offset >> 2) & 7) << 4) | (((offset >> 6) & 3) << 2)
    : (((offset >> 5) & 1) << 12) | (((offset >> 3) & 3) << 5) | (((offset >> 6) & 7) << 2);
  return half(((width === 4 ? 2 : 3) << 13) | imm | (reg(rd) << 7) | 2);
}
/** c.swsp / c.sdsp: mem[sp + offset] = rs2. */
export function cStoreSp(width: 4 | 8, rs2: number, offset: number): Insn {
  check('compressed sp store offset', offset, 0, width === 4 ? 252 : 504);
  if (offset % width !== 0) throw new Error('c.s*sp needs an offset multiple of the width');
  const imm = width === 4
    ? (((offset >> 2) & 0xf) << 9) | (((offset >> 6) & 3) << 7)
    : (((offset >> 3) & 7) << 10) | (((offset >> 6) & 7) << 7);
  return half(((width === 4 ? 6 : 7) << 13) | imm | (reg(rs2) << 2) | 2);
}
/** c.beqz / c.bnez rs1', offset in [-256, 254]. */
export function cBranchZero(nonzero: boolean, rs1: number, offset: number): Insn {
  check('c.beqz/c.bnez offset', offset, -256, 254);
  if (offset % 2 !== 0) throw new Error('compressed branch offset must be even');
  const o = offset & 0x1ff;
  return half(
    ((nonzero ? 7 : 6) << 13) | (((o >> 8) & 1) << 12) | (((o >> 3) & 3) << 10) | (creg(rs1) << 7) |
      (((o >> 6) & 3) << 5) | (((o >> 1) & 3) << 3) | (((o >> 5) & 1) << 2) | 1,
  );
}
/** c.j, offset in [-2048, 2046]. */
export function cJ(offset: number): Insn {
  check('c.j offset', offset, -2048, 2046);
  if (offset % 2 !== 0) throw new Error('c.j offset must be even');
  const o = offset & 0xfff;
  return half(
    (5 << 13) | (((o >> 11) & 1) << 12) | (((o >> 4) & 1) << 11) | (((o >> 8) & 3) << 9) | (((o >> 10) & 1) << 8) |
      (((o >> 6) & 1) << 7) | (((o >> 7) & 1) << 6) | (((o >> 1) & 7) << 3) | (((o >> 5) & 1) << 2) | 1,
  );
}

/**
 * Instructions that set rd to a 64-bit value (the assembler's `li`): addi; lui + addiw; or the
 * upper part, a left shift, and an addi for the low 12 bits, recursively.
 */
export function li(rd: number, value: bigint): Insn[] {
  const v = BigInt.asIntN(64, value);
  if (v >= -2048n && v <= 2047n) return [opImm('addi', rd, 0, Number(v))];
  if (v >= -(1n << 31n) && v < 1n << 31n) {
    const lo = Number(BigInt.asIntN(12, v));
    const hi = Number(BigInt.asUintN(20, (v - BigInt(lo)) >> 12n));
    const out = [lui(rd, hi)];
    if (lo !== 0) out.push(opImm('addiw', rd, rd, lo));
    return out;
  }
  const lo = Number(BigInt.asIntN(12, v));
  let hi = (v - BigInt(lo)) >> 12n;
  let shift = 12;
  while ((hi & 1n) === 0n) {
    hi >>= 1n;
    shift++;
  }
  const out = [...li(rd, hi), shiftImm('slli', rd, rd, shift)];
  if (lo !== 0) out.push(opImm('addi', rd, rd, lo));
  return out;
}

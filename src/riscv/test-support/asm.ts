/**
 * A small RV64IMAC assembler for tests: encodes instructions from the formats of the RISC-V
 * specification (independently of ../decode.ts) and resolves labels. Together with ./elf-writer.ts it
 * builds guest programs in memory, so tests need no toolchain.
 */

type Label = string;
interface Fixup {
  at: number;
  label: Label;
  kind: 'b' | 'j' | 'cb' | 'cj';
}

const R = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number) =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const I = (imm: number, rs1: number, f3: number, rd: number, op: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const S = (imm: number, rs2: number, rs1: number, f3: number, op: number) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op) >>> 0;
const B = (imm: number, rs2: number, rs1: number, f3: number) =>
  ((((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63) >>> 0;
const U = (imm: number, rd: number, op: number) => ((imm & 0xfffff000) | (rd << 7) | op) >>> 0;
const J = (imm: number, rd: number) =>
  ((((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20) | (((imm >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;

export class Asm {
  private readonly out: number[] = []; // bytes
  private readonly labels = new Map<Label, number>();
  private readonly fixups: Fixup[] = [];

  constructor(readonly base: number) {}

  get pc(): number {
    return this.base + this.out.length;
  }
  label(name: Label): this {
    this.labels.set(name, this.pc);
    return this;
  }
  word(w: number): this {
    for (let i = 0; i < 4; i++) this.out.push((w >>> (8 * i)) & 0xff);
    return this;
  }
  half(h: number): this {
    this.out.push(h & 0xff, (h >>> 8) & 0xff);
    return this;
  }
  bytes(): Uint8Array {
    for (const f of this.fixups) {
      const target = this.labels.get(f.label);
      if (target === undefined) throw new Error(`undefined label ${f.label}`);
      const off = target - (this.base + f.at);
      const read32 = () => this.out[f.at]! | (this.out[f.at + 1]! << 8) | (this.out[f.at + 2]! << 16) | (this.out[f.at + 3]! << 24);
      const write32 = (w: number) => { for (let i = 0; i < 4; i++) this.out[f.at + i] = (w >>> (8 * i)) & 0xff; };
      if (f.kind === 'b') { const w = read32(); write32(B(off, (w >>> 20) & 31, (w >>> 15) & 31, (w >>> 12) & 7)); }
      else if (f.kind === 'j') { const w = read32(); write32(J(off, (w >>> 7) & 31)); }
      else {
        const h = this.out[f.at]! | (this.out[f.at + 1]! << 8);
        const enc = f.kind === 'cj' ? cj(off) : cb(h >>> 13, 8 + ((h >>> 7) & 7), off);
        this.out[f.at] = enc & 0xff;
        this.out[f.at + 1] = enc >>> 8;
      }
    }
    return Uint8Array.from(this.out);
  }

  // RV64I
  lui(rd: number, imm20: number) { return this.word(U(imm20 << 12, rd, 0x37)); }
  auipc(rd: number, imm20: number) { return this.word(U(imm20 << 12, rd, 0x17)); }
  addi(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 0, rd, 0x13)); }
  slti(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 2, rd, 0x13)); }
  sltiu(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 3, rd, 0x13)); }
  xori(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 4, rd, 0x13)); }
  ori(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 6, rd, 0x13)); }
  andi(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 7, rd, 0x13)); }
  slli(rd: number, rs1: number, sh: number) { return this.word(I(sh, rs1, 1, rd, 0x13)); }
  srli(rd: number, rs1: number, sh: number) { return this.word(I(sh, rs1, 5, rd, 0x13)); }
  srai(rd: number, rs1: number, sh: number) { return this.word(I(0x400 | sh, rs1, 5, rd, 0x13)); }
  addiw(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 0, rd, 0x1b)); }
  slliw(rd: number, rs1: number, sh: number) { return this.word(I(sh, rs1, 1, rd, 0x1b)); }
  srliw(rd: number, rs1: number, sh: number) { return this.word(I(sh, rs1, 5, rd, 0x1b)); }
  sraiw(rd: number, rs1: number, sh: number) { return this.word(I(0x400 | sh, rs1, 5, rd, 0x1b)); }
  op(f7: number, f3: number, rd: number, rs1: number, rs2: number) { return this.word(R(f7, rs2, rs1, f3, rd, 0x33)); }
  op32(f7: number, f3: number, rd: number, rs1: number, rs2: number) { return this.word(R(f7, rs2, rs1, f3, rd, 0x3b)); }
  add(rd: number, a: number, b: number) { return this.op(0, 0, rd, a, b); }
  sub(rd: number, a: number, b: number) { return this.op(0x20, 0, rd, a, b); }
  sll(rd: number, a: number, b: number) { return this.op(0, 1, rd, a, b); }
  slt(rd: number, a: number, b: number) { return this.op(0, 2, rd, a, b); }
  sltu(rd: number, a: number, b: number) { return this.op(0, 3, rd, a, b); }
  xor(rd: number, a: number, b: number) { return this.op(0, 4, rd, a, b); }
  srl(rd: number, a: number, b: number) { return this.op(0, 5, rd, a, b); }
  sra(rd: number, a: number, b: number) { return this.op(0x20, 5, rd, a, b); }
  or(rd: number, a: number, b: number) { return this.op(0, 6, rd, a, b); }
  and(rd: number, a: number, b: number) { return this.op(0, 7, rd, a, b); }
  mul(rd: number, a: number, b: number) { return this.op(1, 0, rd, a, b); }
  mulh(rd: number, a: number, b: number) { return this.op(1, 1, rd, a, b); }
  mulhsu(rd: number, a: number, b: number) { return this.op(1, 2, rd, a, b); }
  mulhu(rd: number, a: number, b: number) { return this.op(1, 3, rd, a, b); }
  div(rd: number, a: number, b: number) { return this.op(1, 4, rd, a, b); }
  divu(rd: number, a: number, b: number) { return this.op(1, 5, rd, a, b); }
  rem(rd: number, a: number, b: number) { return this.op(1, 6, rd, a, b); }
  remu(rd: number, a: number, b: number) { return this.op(1, 7, rd, a, b); }
  addw(rd: number, a: number, b: number) { return this.op32(0, 0, rd, a, b); }
  subw(rd: number, a: number, b: number) { return this.op32(0x20, 0, rd, a, b); }
  sllw(rd: number, a: number, b: number) { return this.op32(0, 1, rd, a, b); }
  srlw(rd: number, a: number, b: number) { return this.op32(0, 5, rd, a, b); }
  sraw(rd: number, a: number, b: number) { return this.op32(0x20, 5, rd, a, b); }
  mulw(rd: number, a: number, b: number) { return this.op32(1, 0, rd, a, b); }
  divw(rd: number, a: number, b: number) { return this.op32(1, 4, rd, a, b); }
  divuw(rd: number, a: number, b: number) { return this.op32(1, 5, rd, a, b); }
  remw(rd: number, a: number, b: number) { return this.op32(1, 6, rd, a, b); }
  remuw(rd: number, a: number, b: number) { return this.op32(1, 7, rd, a, b); }
  load(f3: number, rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, f3, rd, 0x03)); }
  lb(rd: number, rs1: number, imm: number) { return this.load(0, rd, rs1, imm); }
  lh(rd: number, rs1: number, imm: number) { return this.load(1, rd, rs1, imm); }
  lw(rd: number, rs1: number, imm: number) { return this.load(2, rd, rs1, imm); }
  ld(rd: number, rs1: number, imm: number) { return this.load(3, rd, rs1, imm); }
  lbu(rd: number, rs1: number, imm: number) { return this.load(4, rd, rs1, imm); }
  lhu(rd: number, rs1: number, imm: number) { return this.load(5, rd, rs1, imm); }
  lwu(rd: number, rs1: number, imm: number) { return this.load(6, rd, rs1, imm); }
  store(f3: number, rs2: number, rs1: number, imm: number) { return this.word(S(imm, rs2, rs1, f3, 0x23)); }
  sb(rs2: number, rs1: number, imm: number) { return this.store(0, rs2, rs1, imm); }
  sh(rs2: number, rs1: number, imm: number) { return this.store(1, rs2, rs1, imm); }
  sw(rs2: number, rs1: number, imm: number) { return this.store(2, rs2, rs1, imm); }
  sd(rs2: number, rs1: number, imm: number) { return this.store(3, rs2, rs1, imm); }
  branch(f3: number, rs1: number, rs2: number, label: Label) {
    this.fixups.push({ at: this.out.length, label, kind: 'b' });
    return this.word(B(0, rs2, rs1, f3));
  }
  beq(a: number, b: number, l: Label) { return this.branch(0, a, b, l); }
  bne(a: number, b: number, l: Label) { return this.branch(1, a, b, l); }
  blt(a: number, b: number, l: Label) { return this.branch(4, a, b, l); }
  bge(a: number, b: number, l: Label) { return this.branch(5, a, b, l); }
  bltu(a: number, b: number, l: Label) { return this.branch(6, a, b, l); }
  bgeu(a: number, b: number, l: Label) { return this.branch(7, a, b, l); }
  jal(rd: number, label: Label) {
    this.fixups.push({ at: this.out.length, label, kind: 'j' });
    return this.word(J(0, rd));
  }
  jalr(rd: number, rs1: number, imm: number) { return this.word(I(imm, rs1, 0, rd, 0x67)); }
  ecall() { return this.word(0x73); }
  ebreak() { return this.word(0x100073); }
  fence() { return this.word(0x0ff0000f); }
  csr(f3: number, rd: number, csr: number, rs1OrUimm: number) { return this.word(I(csr, rs1OrUimm, f3, rd, 0x73)); }
  // RV64A: funct5, aq/rl clear
  amo(f5: number, w: 2 | 3, rd: number, rs1: number, rs2: number) { return this.word(R(f5 << 2, rs2, rs1, w, rd, 0x2f)); }

  // RV64C (a few, for tests of the compressed decoder)
  cNop() { return this.half(0x0001); }
  cLi(rd: number, imm: number) { return this.half(0x4001 | (((imm >> 5) & 1) << 12) | (rd << 7) | ((imm & 0x1f) << 2)); }
  cAddi(rd: number, imm: number) { return this.half(0x0001 | (((imm >> 5) & 1) << 12) | (rd << 7) | ((imm & 0x1f) << 2)); }
  cMv(rd: number, rs2: number) { return this.half(0x8002 | (rd << 7) | (rs2 << 2)); }
  cAdd(rd: number, rs2: number) { return this.half(0x9002 | (rd << 7) | (rs2 << 2)); }
  cSub(rdp: number, rs2p: number) { return this.half(0x8c01 | ((rdp - 8) << 7) | ((rs2p - 8) << 2)); }
  cSlli(rd: number, sh: number) { return this.half(0x0002 | (((sh >> 5) & 1) << 12) | (rd << 7) | ((sh & 0x1f) << 2)); }
  cJr(rs1: number) { return this.half(0x8002 | (rs1 << 7)); }
  cJalr(rs1: number) { return this.half(0x9002 | (rs1 << 7)); }
  cJ(label: Label) {
    this.fixups.push({ at: this.out.length, label, kind: 'cj' });
    return this.half(cj(0));
  }
  cBeqz(rsp: number, label: Label) {
    this.fixups.push({ at: this.out.length, label, kind: 'cb' });
    return this.half(cb(6, rsp, 0));
  }
  cBnez(rsp: number, label: Label) {
    this.fixups.push({ at: this.out.length, label, kind: 'cb' });
    return this.half(cb(7, rsp, 0));
  }

  /** Loads any 64-bit constant (lui/addiw, then shifts and adds of 11-bit pieces). */
  li(rd: number, value: bigint | number): this {
    const v = BigInt.asIntN(64, BigInt(value));
    if (v >= -(1n << 31n) && v < 1n << 31n) {
      const n = Number(v);
      const lo = ((n << 20) >> 20);
      const hi = (n - lo) >>> 12;
      if (hi !== 0) {
        this.lui(rd, hi & 0xfffff);
        if (lo !== 0) this.addiw(rd, rd, lo);
      } else this.addi(rd, 0, lo);
      return this;
    }
    const low = Number(v & 0x7ffn);
    this.li(rd, v >> 11n);
    this.slli(rd, rd, 11);
    if (low !== 0) this.addi(rd, rd, low);
    return this;
  }
  /** mv rd, rs (addi rd, rs, 0). */
  mv(rd: number, rs: number) { return this.addi(rd, rs, 0); }
  /** Exit through the ZisK/Linux convention: a7 = 93, ecall. */
  exit() { return this.li(17, 93).ecall(); }
}

function cj(off: number): number {
  return (0xa001 | (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) | (((off >> 10) & 1) << 8) |
    (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) | (((off >> 1) & 7) << 3) | (((off >> 5) & 1) << 2)) & 0xffff;
}
function cb(f3: number, rsp: number, off: number): number {
  return ((f3 << 13) | 1 | (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | ((rsp - 8) << 7) | (((off >> 6) & 3) << 5) |
    (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2)) & 0xffff;
}

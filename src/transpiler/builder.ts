/**
 * Builds one ZisK instruction with ZisK's conventions for register operands: register 0 reads as the
 * immediate 0 and storing to it stores nothing (not even store_pc); registers 1..31 are Main's
 * registers (SRC_REG / STORE_REG); any other index (the scratch registers 32 and 33 of multi-step
 * expansions) is memory at REG_FIRST + 8·index.
 */
import {
  OP_BY_CODE, PRECOMPILE_BY_CODE, REG_FIRST, REGS_IN_MAIN_FROM, REGS_IN_MAIN_TO, SRC_C, SRC_IMM, SRC_IND,
  SRC_MEM, SRC_REG, STORE_IND, STORE_MEM, STORE_NONE, STORE_REG, isExternalOpType, isM32, type ZiskInst,
} from '../zisk/index.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Splits a safe integer into its two's-complement u32 halves. */
export function splitImm(n: number): [number, number] {
  if (!Number.isSafeInteger(n)) throw new RangeError(`immediate ${n} is not a safe integer`);
  const lo = n >>> 0;
  const hi = n >= 0 ? Math.floor(n / 4294967296) >>> 0 : (Math.floor(n / 4294967296) >>> 0);
  return [lo, hi];
}

export class InstBuilder {
  private readonly i: Mutable<ZiskInst>;

  /** `rvKind`/`rvInst` mark the first step of a RISC-V instruction; `continuation` its extra steps. */
  constructor(paddr: number, rvKind = -1, rvInst = 0, continuation = false) {
    this.i = {
      paddr, aSrc: SRC_IMM, aOffsetImm0: 0, aUseSpImm1: 0, bSrc: SRC_IMM, bOffsetImm0: 0, bUseSpImm1: 0,
      indWidth: 0, op: 0, opType: 0, store: STORE_NONE, storeOffset: 0, storePc: false, setPc: false,
      jmpOffset1: 0, jmpOffset2: 0, end: false, isExternalOp: false, m32: false, isPrecompiled: false,
      inputSize: 0, rvKind, rvInst, continuation, note: '',
    };
  }

  aReg(r: number): this {
    if (r === 0) return this.aImm(0);
    if (r < REGS_IN_MAIN_FROM || r > REGS_IN_MAIN_TO) return this.aMem(REG_FIRST + 8 * r);
    this.i.aSrc = SRC_REG;
    this.i.aOffsetImm0 = r;
    this.i.aUseSpImm1 = 0;
    return this;
  }
  aImm(n: number): this {
    [this.i.aOffsetImm0, this.i.aUseSpImm1] = splitImm(n);
    this.i.aSrc = SRC_IMM;
    return this;
  }
  /** A 64-bit immediate given by its u32 halves. */
  aImm64(lo: number, hi: number): this {
    this.i.aSrc = SRC_IMM;
    this.i.aOffsetImm0 = lo >>> 0;
    this.i.aUseSpImm1 = hi >>> 0;
    return this;
  }
  aMem(addr: number): this {
    this.i.aSrc = SRC_MEM;
    this.i.aOffsetImm0 = addr;
    this.i.aUseSpImm1 = 0;
    return this;
  }
  aLastC(): this {
    this.i.aSrc = SRC_C;
    this.i.aOffsetImm0 = 0;
    this.i.aUseSpImm1 = 0;
    return this;
  }

  bReg(r: number): this {
    if (r === 0) return this.bImm(0);
    if (r < REGS_IN_MAIN_FROM || r > REGS_IN_MAIN_TO) return this.bMem(REG_FIRST + 8 * r);
    this.i.bSrc = SRC_REG;
    this.i.bOffsetImm0 = r;
    this.i.bUseSpImm1 = 0;
    return this;
  }
  bImm(n: number): this {
    [this.i.bOffsetImm0, this.i.bUseSpImm1] = splitImm(n);
    this.i.bSrc = SRC_IMM;
    return this;
  }
  bImm64(lo: number, hi: number): this {
    this.i.bSrc = SRC_IMM;
    this.i.bOffsetImm0 = lo >>> 0;
    this.i.bUseSpImm1 = hi >>> 0;
    return this;
  }
  bMem(addr: number): this {
    this.i.bSrc = SRC_MEM;
    this.i.bOffsetImm0 = addr;
    this.i.bUseSpImm1 = 0;
    return this;
  }
  /** b = `width` bytes at a + offset. */
  bInd(offset: number, width: number): this {
    this.i.bSrc = SRC_IND;
    this.i.bOffsetImm0 = offset;
    this.i.bUseSpImm1 = 0;
    this.i.indWidth = width;
    return this;
  }
  bLastC(): this {
    this.i.bSrc = SRC_C;
    this.i.bOffsetImm0 = 0;
    this.i.bUseSpImm1 = 0;
    return this;
  }

  op(code: number): this {
    const op = OP_BY_CODE[code];
    const pre = PRECOMPILE_BY_CODE[code];
    if (!op && !pre) throw new Error(`InstBuilder: unknown opcode 0x${code.toString(16)}`);
    this.i.op = code;
    this.i.opType = op ? op.opType : pre!.opType;
    this.i.isExternalOp = isExternalOpType(this.i.opType);
    this.i.m32 = op ? isM32(op) : false;
    this.i.inputSize = pre ? pre.inputSize : 0;
    this.i.isPrecompiled = this.i.inputSize > 0;
    return this;
  }

  /** Stores c (or, with storePc, pc + jmp_offset2) in register r; nothing for x0. */
  storeReg(r: number, storePc = false): this {
    if (r === 0) return this;
    if (r < REGS_IN_MAIN_FROM || r > REGS_IN_MAIN_TO) return this.storeMem(REG_FIRST + 8 * r, storePc);
    this.i.store = STORE_REG;
    this.i.storeOffset = r;
    this.i.storePc = storePc;
    return this;
  }
  storeMem(addr: number, storePc = false): this {
    this.i.store = STORE_MEM;
    this.i.storeOffset = addr;
    this.i.storePc = storePc;
    return this;
  }
  /** Stores `width` bytes of c at a + offset. */
  storeInd(offset: number, width: number): this {
    this.i.store = STORE_IND;
    this.i.storeOffset = offset;
    this.i.indWidth = width;
    return this;
  }

  setPc(): this {
    this.i.setPc = true;
    return this;
  }
  /** Jump offsets: taken when set_pc (from c) or flag = 1, and the default one. */
  j(taken: number, notTaken: number): this {
    this.i.jmpOffset1 = taken;
    this.i.jmpOffset2 = notTaken;
    return this;
  }
  end(): this {
    this.i.end = true;
    return this;
  }
  note(text: string): this {
    this.i.note = text;
    return this;
  }

  build(): ZiskInst {
    // Not frozen: frozen objects whose number fields mix small integers and larger values get
    // different hidden classes, which made every field read in the step loop polymorphic
    // (measured 5 M vs 20+ M steps/s).
    return { ...this.i };
  }
}

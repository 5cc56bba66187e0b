/**
 * Compiles ROM code into JavaScript functions, one per block, for fast mode and minimal-trace mode.
 *
 * A block starts at an instruction and follows static successors (straight-line code and
 * unconditional jumps) until a conditional branch, a computed jump (set_pc), the end instruction,
 * MAX_BLOCK steps, or an instruction already in the block. Every instruction of a block executes
 * exactly once per call, so the caller adds `len` to the step count and counts the block: exact steps
 * and exact per-instruction counts without per-step bookkeeping. The function returns the index of
 * the next instruction (END after the end instruction).
 *
 * Inside a block, registers are locals (loaded from R on entry if read, written back on exit), 64-bit
 * values are int32 halves, each op is the op table's own `js` text, and aligned RAM accesses index the
 * RAM array directly; everything else (unaligned or sub-word stores, other regions, faults) calls the
 * same MemPort the interpreter uses. In minimal-trace mode, every raw word read is appended to the
 * trace sink, in the interpreter's order. Instructions with side effects the compiler does not handle
 * (free calls, pubout, halt, precompiles, the step source) are left to the interpreter: their block
 * is null.
 *
 * Why this shape (measured on this machine, Node 20, one core): a switch-per-step interpreter runs
 * ~30–40 M steps/s; a 5-step block function called through an array runs ~200 M steps/s.
 */
import {
  EFFECT_NONE, FLAG_ONE, FLAG_VARIES, OP_BY_CODE, OP_PUBOUT, RAM_ADDR, SRC_C, SRC_IMM, SRC_IND, SRC_MEM,
  SRC_REG, STORE_IND, STORE_MEM, STORE_NONE, STORE_REG, wide, type ZiskInst, type ZiskRom,
} from '../zisk/index.js';
import { Fault, hex } from './errors.js';
import { jumpTarget, successors, type Machine } from './machine.js';
import type { MemPort, TraceSink } from './port.js';

export const END = -1;
const MAX_BLOCK = 128;
/** int32 values a step may append to the trace: a (2 words), b (2), old words under a store (2). */
export const TRACE_INT32_PER_STEP = 12;

export interface Block {
  readonly id: number;
  readonly len: number;
  /**
   * The block branches back to its own start: it loops inside the function, at most `C.budget`
   * times, and leaves the number of iterations in `C.n`.
   */
  readonly loop: boolean;
  /** Instruction indices, in execution order. */
  readonly insts: Int32Array;
  readonly fn: () => number;
}

/** What compiled code reaches outside itself. One per program; its fields are set per run. */
export class BlockContext {
  R: Int32Array = new Int32Array(66);
  M: Int32Array = new Int32Array(0);
  T: Int32Array = new Int32Array(2);
  S: TraceSink | null = null;
  port: MemPort | null = null;
  machine: Machine | null = null;
  /** Loop blocks: most iterations allowed (set by the caller), iterations done (set by the block). */
  budget = 1;
  n = 1;

  ld(lo: number, hi: number, width: number, k: number): void {
    try {
      if (hi !== 0) throw new Fault('memory-out-of-range', `load at 0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}, outside the 32-bit address space`);
      this.port!.load(lo >>> 0, width, 0);
    } catch (e) {
      throw at(e, k);
    }
  }

  st(lo: number, hi: number, width: number, vLo: number, vHi: number, k: number): void {
    try {
      if (hi !== 0) throw new Fault('memory-out-of-range', `store at 0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}, outside the 32-bit address space`);
      this.port!.store(lo >>> 0, width, vLo, vHi, 2);
    } catch (e) {
      throw at(e, k);
    }
  }

  jump(cLo: number, cHi: number, offset: number, k: number): number {
    try {
      return jumpTarget(this.machine!, cLo, cHi, offset);
    } catch (e) {
      throw at(e, k);
    }
  }

  bad(target: number, k: number): Fault {
    return new Fault('invalid-pc', `no instruction at the jump target ${hex(target)}`, k);
  }
}

function at(e: unknown, k: number): unknown {
  return e instanceof Fault ? new Fault(e.code, e.detail, k) : e;
}

/** Whether the compiler handles an instruction (else the interpreter runs it). */
function compilable(inst: ZiskInst): boolean {
  const def = OP_BY_CODE[inst.op];
  return !!def && def.effect === EFFECT_NONE && inst.op !== OP_PUBOUT && inst.aSrc !== 3 /* SRC_STEP */;
}

// Masks that test "inside RAM and aligned to the width" on o = addr − RAM_ADDR in one AND.
const RAM_ALIGNED_MASK: Record<number, number> = { 8: 0xe0000007 | 0, 4: 0xe0000003 | 0, 2: 0xe0000001 | 0, 1: 0xe0000000 | 0 };
const RAM_BASE = RAM_ADDR | 0;

export class CompiledProgram {
  readonly ctx = new BlockContext();
  private readonly blocks: (Block | null | undefined)[];
  private readonly list: Block[] = [];
  private readonly succ;

  constructor(
    readonly rom: ZiskRom,
    /** Generate minimal-trace recording code. */
    readonly trace: boolean,
  ) {
    this.blocks = new Array(rom.insts.length);
    this.succ = successors(rom);
  }

  /** Blocks compiled so far, by id (for turning block counts into instruction counts). */
  get compiled(): readonly Block[] {
    return this.list;
  }

  /** The block starting at instruction idx, compiled on first use; null if the interpreter must run it. */
  block(idx: number): Block | null {
    const b = this.blocks[idx];
    if (b !== undefined) return b;
    const made = this.compile(idx);
    this.blocks[idx] = made;
    return made;
  }

  private compile(start: number): Block | null {
    const insts = this.rom.insts;
    if (!compilable(insts[start]!)) return null;
    const order: number[] = [];
    const seen = new Set<number>();
    const body: string[] = [];
    let tail = '';
    // A conditional branch back to the start makes a loop block: [flag value that loops, exit].
    let loop: { onFlag: boolean; exit: string } | null = null;
    let cur = start;
    for (;;) {
      const inst = insts[cur]!;
      const k = order.length;
      order.push(cur);
      seen.add(cur);
      body.push(this.emit(inst, k));
      const def = OP_BY_CODE[inst.op]!;
      if (inst.end) {
        tail = `return ${END};`;
        break;
      }
      if (inst.setPc) {
        tail = `return C.jump(cLo, cHi, ${inst.jmpOffset1}, ${k});`;
        break;
      }
      const t = this.succ.taken[cur]!;
      const n = this.succ.notTaken[cur]!;
      const target = (i: number, off: number) => (i >= 0 ? String(i) : `(() => { throw C.bad(${inst.paddr + off}, ${k}); })()`);
      if (def.flag === FLAG_VARIES && inst.jmpOffset1 !== inst.jmpOffset2) {
        if (t === start) loop = { onFlag: true, exit: target(n, inst.jmpOffset2) };
        else if (n === start) loop = { onFlag: false, exit: target(t, inst.jmpOffset1) };
        tail = `return flag ? ${target(t, inst.jmpOffset1)} : ${target(n, inst.jmpOffset2)};`;
        break;
      }
      const useTaken = inst.jmpOffset1 === inst.jmpOffset2 ? false : def.flag === FLAG_ONE;
      const next = useTaken ? t : n;
      if (next < 0) {
        tail = `throw C.bad(${inst.paddr + (useTaken ? inst.jmpOffset1 : inst.jmpOffset2)}, ${k});`;
        break;
      }
      if (seen.has(next) || order.length >= MAX_BLOCK || !compilable(insts[next]!)) {
        tail = `return ${next};`;
        break;
      }
      cur = next;
    }

    // Registers: load those read before written, write back those written.
    const read = new Set<number>();
    const written = new Set<number>();
    for (const i of order) {
      const inst = insts[i]!;
      if (inst.aSrc === SRC_REG && !written.has(inst.aOffsetImm0)) read.add(inst.aOffsetImm0);
      if (inst.bSrc === SRC_REG && !written.has(inst.bOffsetImm0)) read.add(inst.bOffsetImm0);
      if (inst.store === STORE_REG) written.add(inst.storeOffset);
    }
    const regs = [...new Set([...read, ...written])].sort((x, y) => x - y);
    const head = [
      'const R = C.R, M = C.M, T = C.T;',
      ...regs.map((r) => (read.has(r) ? `let r${r}l = R[${2 * r}], r${r}h = R[${2 * r + 1}];` : `let r${r}l = 0, r${r}h = 0;`)),
      'let cLo = R[64], cHi = R[65], flag = 0, aLo = 0, aHi = 0, bLo = 0, bHi = 0;',
      this.trace ? 'const S = C.S, TB = S.buf; let TN = S.len;' : '',
    ];
    const flush = [
      ...[...written].map((r) => `R[${2 * r}] = r${r}l; R[${2 * r + 1}] = r${r}h;`),
      'R[64] = cLo; R[65] = cHi;',
      this.trace ? 'S.len = TN;' : '',
    ];
    let code: string;
    if (loop) {
      // Registers stay in locals across iterations. A fault leaves the iteration count in C.n so
      // the caller can tell the step; registers are not written back then (the run is over).
      const again = loop.onFlag ? 'flag' : '!flag';
      code = `${head.join('\n')}
  const budget = C.budget;
  let n = 0;
  try {
    do {
      n++;
${body.join('\n')}
    } while (${again} && n < budget);
  } catch (e) { C.n = n; throw e; }
  ${flush.join('\n')}
  C.n = n;
  return ${again} ? ${start} : ${loop.exit};`;
    } else {
      // The tail may call C.jump (reads c) before returning: flush first.
      code = `${head.join('\n')}\n${body.join('\n')}\n${flush.join('\n')}\n${tail}`;
    }
    const src = `return function block_${start}() {\n${code}\n};`;
    const fn = new Function('C', 'X', 'W', src)(this.ctx, wide, wide.W) as () => number;
    const block: Block = { id: this.list.length, len: order.length, loop: loop !== null, insts: Int32Array.from(order), fn };
    this.list.push(block);
    return block;
  }

  /** Code of one instruction at position k of its block. */
  private emit(inst: ZiskInst, k: number): string {
    const def = OP_BY_CODE[inst.op]!;
    const out: string[] = [`// ${k}: ${hex(inst.paddr)} ${def.name}`];
    switch (inst.aSrc) {
      case SRC_REG: out.push(`aLo = r${inst.aOffsetImm0}l; aHi = r${inst.aOffsetImm0}h;`); break;
      case SRC_IMM: out.push(`aLo = ${inst.aOffsetImm0 | 0}; aHi = ${inst.aUseSpImm1 | 0};`); break;
      case SRC_C: out.push('aLo = cLo; aHi = cHi;'); break;
      case SRC_MEM: out.push(this.loadStatic(inst.aOffsetImm0, 'a', k)); break;
    }
    switch (inst.bSrc) {
      case SRC_REG: out.push(`bLo = r${inst.bOffsetImm0}l; bHi = r${inst.bOffsetImm0}h;`); break;
      case SRC_IMM: out.push(`bLo = ${inst.bOffsetImm0 | 0}; bHi = ${inst.bUseSpImm1 | 0};`); break;
      case SRC_C: out.push('bLo = cLo; bHi = cHi;'); break;
      case SRC_MEM: out.push(this.loadStatic(inst.bOffsetImm0, 'b', k)); break;
      case SRC_IND: out.push(this.loadInd(inst.bOffsetImm0, inst.indWidth, k)); break;
    }
    out.push(`{ ${def.js} }`);
    const vLo = inst.storePc ? String((inst.paddr + inst.jmpOffset2) | 0) : 'cLo';
    const vHi = inst.storePc ? '0' : 'cHi';
    switch (inst.store) {
      case STORE_NONE: break;
      case STORE_REG: out.push(`r${inst.storeOffset}l = ${vLo}; r${inst.storeOffset}h = ${vHi};`); break;
      case STORE_MEM: out.push(this.storeStatic(inst.storeOffset, vLo, vHi, k)); break;
      case STORE_IND: out.push(this.storeInd(inst.storeOffset, inst.indWidth, vLo, vHi, k)); break;
    }
    return out.join('\n');
  }

  /** Appends the raw RAM word holding byte offset `o` to the trace. */
  private record(o: string): string {
    return this.trace ? `{ const q = (${o} >> 3) << 1; TB[TN] = M[q]; TB[TN + 1] = M[q + 1]; TN += 2; }` : '';
  }

  /** Calls a MemPort helper, keeping the trace length in sync with the sink around it. */
  private helper(call: string): string {
    return this.trace ? `S.len = TN; ${call}; TN = S.len;` : `${call};`;
  }

  private loadStatic(addr: number, dst: 'a' | 'b', k: number): string {
    const o = addr - RAM_ADDR;
    if (o >= 0 && o % 8 === 0 && o < 0x20000000) {
      return `${dst}Lo = M[${o >> 2}]; ${dst}Hi = M[${(o >> 2) + 1}]; ${this.record(String(o))}`;
    }
    return `${this.helper(`C.ld(${addr | 0}, 0, 8, ${k})`)} ${dst}Lo = T[0]; ${dst}Hi = T[1];`;
  }

  private storeStatic(addr: number, vLo: string, vHi: string, k: number): string {
    const o = addr - RAM_ADDR;
    if (o >= 0 && o % 8 === 0 && o < 0x20000000) return `M[${o >> 2}] = ${vLo}; M[${(o >> 2) + 1}] = ${vHi};`;
    return this.helper(`C.st(${addr | 0}, 0, 8, ${vLo}, ${vHi}, ${k})`);
  }

  /** `lo`, `hi` = a + off, as a 64-bit sum. */
  private addr(off: number): string {
    if (off === 0) return 'const lo = aLo, hi = aHi;';
    const offHi = off < 0 ? -1 : 0;
    return `const lo = (aLo + ${off | 0}) | 0; const hi = (aHi + ${offHi} + ((lo >>> 0) < (aLo >>> 0) ? 1 : 0)) | 0;`;
  }

  private loadInd(off: number, width: number, k: number): string {
    const fast: Record<number, string> = {
      8: 'bLo = M[o >> 2]; bHi = M[(o >> 2) + 1];',
      4: 'bLo = M[o >> 2]; bHi = 0;',
      2: 'bLo = (M[o >> 2] >>> ((o & 2) << 3)) & 0xffff; bHi = 0;',
      1: 'bLo = (M[o >> 2] >>> ((o & 3) << 3)) & 0xff; bHi = 0;',
    };
    return `{ ${this.addr(off)} const o = (lo - ${RAM_BASE}) | 0;
  if (hi === 0 && (o & ${RAM_ALIGNED_MASK[width]}) === 0) { ${fast[width]} ${this.record('o')} }
  else { ${this.helper(`C.ld(lo, hi, ${width}, ${k})`)} bLo = T[0]; bHi = T[1]; } }`;
  }

  private storeInd(off: number, width: number, vLo: string, vHi: string, k: number): string {
    const slow = this.helper(`C.st(lo, hi, ${width}, ${vLo}, ${vHi}, ${k})`);
    // Aligned 8- and 4-byte RAM stores inline; the 4-byte one first records the word it changes.
    // Byte and halfword stores (and the UART) go through the port.
    if (width === 8) {
      return `{ ${this.addr(off)} const o = (lo - ${RAM_BASE}) | 0;
  if (hi === 0 && (o & ${RAM_ALIGNED_MASK[8]}) === 0) { M[o >> 2] = ${vLo}; M[(o >> 2) + 1] = ${vHi}; } else { ${slow} } }`;
    }
    if (width === 4) {
      return `{ ${this.addr(off)} const o = (lo - ${RAM_BASE}) | 0;
  if (hi === 0 && (o & ${RAM_ALIGNED_MASK[4]}) === 0) { ${this.record('o')} M[o >> 2] = ${vLo}; } else { ${slow} } }`;
    }
    return `{ ${this.addr(off)} ${slow} }`;
  }
}

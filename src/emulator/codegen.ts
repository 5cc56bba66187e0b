/**
 * JavaScript text for one ZisK instruction, for compiled regions. Conventions of the generated code:
 * registers are locals r<i>l / r<i>h (int32 halves), a, b, c and flag are locals aLo aHi bLo bHi cLo
 * cHi flag, the op is the op table's `js` text, R / M / T are the machine's register, RAM and
 * port-result arrays, D the RAM's dirty-page map (every inline store marks its page), C the
 * BlockContext; in minimal-trace mode TB / TN are the trace buffer and its
 * length. Aligned RAM accesses index M directly; everything else calls C.ld / C.st with the
 * instruction's position k, so a fault can be located.
 */
import { OP_BY_CODE, RAM_ADDR, SRC_C, SRC_IMM, SRC_IND, SRC_MEM, SRC_REG, STORE_IND, STORE_MEM, STORE_NONE, STORE_REG, type ZiskInst } from '../zisk/index.js';
import { hex } from './errors.js';
import { DIRTY_PAGE_SHIFT } from './memory.js';

// Masks that test "inside RAM and aligned to the width" on o = addr − RAM_ADDR in one AND.
const RAM_ALIGNED_MASK: Record<number, number> = { 8: 0xe0000007 | 0, 4: 0xe0000003 | 0, 2: 0xe0000001 | 0, 1: 0xe0000000 | 0 };
const RAM_BASE = RAM_ADDR | 0;

export class InstEmitter {
  constructor(private readonly trace: boolean) {}

  /** Code of one instruction at position k of its unit. */
  emit(inst: ZiskInst, k: number): string {
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
    if (o >= 0 && o % 8 === 0 && o < 0x20000000) return `M[${o >> 2}] = ${vLo}; M[${(o >> 2) + 1}] = ${vHi}; D[${o >>> DIRTY_PAGE_SHIFT}] = 1;`;
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
  if (hi === 0 && (o & ${RAM_ALIGNED_MASK[width]}) === 0) { ${fast[width]} ${width === 8 ? (this.trace ? 'TB[TN] = bLo; TB[TN + 1] = bHi; TN += 2;' : '') : this.record('o')} }
  else { ${this.helper(`C.ld(lo, hi, ${width}, ${k})`)} bLo = T[0]; bHi = T[1]; } }`;
  }

  private storeInd(off: number, width: number, vLo: string, vHi: string, k: number): string {
    const slow = this.helper(`C.st(lo, hi, ${width}, ${vLo}, ${vHi}, ${k})`);
    // Aligned 8- and 4-byte RAM stores inline; the 4-byte one first records the word it changes.
    // Byte and halfword stores (and the UART) go through the port.
    if (width === 8) {
      return `{ ${this.addr(off)} const o = (lo - ${RAM_BASE}) | 0;
  if (hi === 0 && (o & ${RAM_ALIGNED_MASK[8]}) === 0) { M[o >> 2] = ${vLo}; M[(o >> 2) + 1] = ${vHi}; D[o >>> ${DIRTY_PAGE_SHIFT}] = 1; } else { ${slow} } }`;
    }
    if (width === 4) {
      return `{ ${this.addr(off)} const o = (lo - ${RAM_BASE}) | 0;
  if (hi === 0 && (o & ${RAM_ALIGNED_MASK[4]}) === 0) { ${this.record('o')} M[o >> 2] = ${vLo}; D[o >>> ${DIRTY_PAGE_SHIFT}] = 1; } else { ${slow} } }`;
    }
    return `{ ${this.addr(off)} ${slow} }`;
  }
}

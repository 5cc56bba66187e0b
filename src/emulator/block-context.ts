/**
 * What compiled code reaches outside itself: the machine's arrays, the call protocol of a region,
 * and the helpers for the accesses it does not inline (which go through the interpreter's MemPort,
 * so every path shares one definition of memory).
 */
import { INPUT_ADDR } from '../zisk/index.js';
import { Fault, hex } from './errors.js';
import { jumpTarget, type Machine } from './machine.js';
import type { MemPort, TraceSink } from './port.js';

const INPUT_BASE = INPUT_ADDR;

/** One per compiled program; its fields are set at the start of each run. */
export class BlockContext {
  R: Int32Array = new Int32Array(66);
  M: Int32Array = new Int32Array(0);
  /** GuestMemory.dirty: compiled stores mark the 64 KB page they write. */
  D: Uint8Array = new Uint8Array(0);
  T: Int32Array = new Int32Array(2);
  S: TraceSink | null = null;
  port: MemPort | null = null;
  machine: Machine | null = null;
  /** Region calls: most steps allowed (set by the caller); steps done (set by the region). */
  budget = 1;
  n = 0;
  /** After a fault: the index in region.units of the faulting unit. */
  unit = 0;
  /** Executions of each compiled unit, by unit id (this run). */
  cnt: Float64Array = new Float64Array(1024);

  /** ROM data and input words, their first addresses and ends (set per run). */
  rom: Int32Array = new Int32Array(0);
  romBase = 0;
  romEnd = 0;
  input: Int32Array = new Int32Array(0);
  inputEnd = 0;

  ld(lo: number, hi: number, width: number, k: number): void {
    // Loads inside one word of the ROM data or the input (constant tables, input bytes) are common
    // enough to skip the generic port; everything else (and every fault) goes through it.
    const a = lo >>> 0;
    const off = a & 7;
    if (hi === 0 && off + width <= 8) {
      let words: Int32Array | null = null;
      let i = 0;
      if (a >= this.romBase && a + width <= this.romEnd) {
        words = this.rom;
        i = (a - off - this.romBase) >>> 2;
      } else if (a >= INPUT_BASE && a + width <= this.inputEnd) {
        words = this.input;
        i = (a - off - INPUT_BASE) >>> 2;
      }
      if (words !== null) {
        const w0 = words[i]!;
        const w1 = words[i + 1]!;
        const S = this.S;
        if (S !== null) {
          S.buf[S.len] = w0;
          S.buf[S.len + 1] = w1;
          S.len += 2;
        }
        const T = this.T;
        if (width === 8) {
          T[0] = w0;
          T[1] = w1;
          return;
        }
        const v = off === 0 ? w0 : off >= 4 ? w1 >>> (8 * (off - 4)) : (w0 >>> (8 * off)) | (w1 << (32 - 8 * off));
        T[0] = width === 4 ? v : width === 2 ? v & 0xffff : v & 0xff;
        T[1] = 0;
        return;
      }
    }
    try {
      if (hi !== 0) throw new Fault('memory-out-of-range', `load at 0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}, outside the 32-bit address space`);
      this.port!.load(a, width, 0);
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

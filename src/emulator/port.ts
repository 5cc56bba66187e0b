/**
 * Memory access for the step loop, in one of three modes (the "pluggable context"):
 *
 * - DIRECT: read and write guest memory.
 * - RECORD: the same, and append every raw aligned word read to the trace sink, in ZisK's minimal
 *   trace order (section 4.1): a's word(s), b's word(s), then the old word(s) under a store that is
 *   not an aligned 8-byte store. Registers and immediates record nothing.
 * - REPLAY: no memory at all: raw words come from a minimal trace, stores are dropped.
 *
 * Every access is described in raw aligned 64-bit words: an access inside one word touches one, an
 * access that straddles two words touches both. The observer (if any) gets each access as a memory
 * bus message.
 */
import * as zisk from '../zisk/index.js';
import { Fault } from './errors.js';
import { GuestMemory } from './memory.js';
import { MEM_OP_LOAD, MEM_OP_STORE, MemoryRecord, type ExecutionObserver } from './observer.js';

// Module-local binding (imported bindings may compile to getter calls, costly per access).
const UART_ADDR = zisk.UART_ADDR;

export const MODE_DIRECT = 0;
export const MODE_RECORD = 1;
export const MODE_REPLAY = 2;

/** Growable buffer of recorded raw words (int32 pairs), shared with compiled code. */
export class TraceSink {
  buf = new Int32Array(1 << 20);
  len = 0;
  /** Makes room for n more int32 values. */
  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}

/** Collects the bytes the guest writes to the UART; flushes them to a callback if there is one. */
export class UartSink {
  private readonly chunks: Uint8Array[] = [];
  private buf = new Uint8Array(4096);
  private len = 0;
  constructor(private readonly onBytes?: (bytes: Uint8Array) => void) {}
  put(byte: number): void {
    this.buf[this.len++] = byte;
    if (byte === 10 || this.len === this.buf.length) this.flush();
  }
  flush(): void {
    if (this.len === 0) return;
    const bytes = this.buf.slice(0, this.len);
    this.len = 0;
    if (this.onBytes) this.onBytes(bytes);
    else this.chunks.push(bytes);
  }
  /** Everything written, when no callback took it. */
  bytes(): Uint8Array {
    this.flush();
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const all = new Uint8Array(total);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    return all;
  }
}

export class MemPort {
  /** The loaded value, lo and hi. */
  readonly out = new Int32Array(2);
  /** Replay source: raw words as int32 pairs, and the read position. */
  src: Int32Array = new Int32Array(0);
  srcPos = 0;
  /** Current step, for memory records. */
  step = 0;
  readonly rec = new MemoryRecord();
  // Two raw words side by side, viewed as bytes to extract and merge sub-word values.
  private readonly words = new Int32Array(4);
  private readonly bytes = new DataView(this.words.buffer);
  private readonly tmp = new Int32Array(2);

  constructor(
    readonly mode: number,
    readonly mem: GuestMemory | null,
    readonly sink: TraceSink | null,
    readonly obs: ExecutionObserver | null,
    readonly uart: UartSink | null,
  ) {}

  /** Loads `width` bytes at addr (< 2^32) into out[0..1], zero-extended. */
  load(addr: number, width: number, slot: number): void {
    if (this.mode !== MODE_REPLAY) this.mem!.region(addr, width, false);
    const off = addr & 7;
    const base = addr - off;
    const straddles = off + width > 8;
    this.raw(base, 0);
    if (straddles) this.raw(base + 8, 2);
    const w = this.words;
    const out = this.out;
    if (width === 8 && off === 0) {
      out[0] = w[0]!;
      out[1] = w[1]!;
    } else {
      const b = this.bytes;
      out[1] = 0;
      if (width === 1) out[0] = b.getUint8(off);
      else if (width === 2) out[0] = b.getUint16(off, true);
      else if (width === 4) out[0] = b.getInt32(off, true);
      else {
        out[0] = b.getInt32(off, true);
        out[1] = b.getInt32(off + 4, true);
      }
    }
    if (this.obs) {
      const m = this.rec;
      m.op = MEM_OP_LOAD;
      this.fill(m, addr, width, slot, straddles);
      m.valueLo = 0;
      m.valueHi = 0;
      this.obs.onMemory(m);
    }
  }

  /** Stores the low `width` bytes of (lo, hi) at addr (< 2^32). */
  store(addr: number, width: number, lo: number, hi: number, slot: number): void {
    if (this.mode !== MODE_REPLAY) this.mem!.region(addr, width, true);
    const off = addr & 7;
    const base = addr - off;
    const straddles = off + width > 8;
    const w = this.words;
    if (width === 8 && off === 0) {
      if (this.mode !== MODE_REPLAY) this.mem!.writeWord(base, lo, hi);
      w[0] = lo;
      w[1] = hi;
    } else {
      this.raw(base, 0);
      if (straddles) this.raw(base + 8, 2);
      if (this.mode !== MODE_REPLAY) {
        // Merge the new bytes into copies of the old words, then write the words back.
        const t = this.tmp;
        t[0] = w[0]!;
        t[1] = w[1]!;
        const old2 = w[2]!;
        const old3 = w[3]!;
        const b = this.bytes;
        if (width === 1) b.setUint8(off, lo);
        else if (width === 2) b.setUint16(off, lo, true);
        else if (width === 4) b.setInt32(off, lo, true);
        else {
          b.setInt32(off, lo, true);
          b.setInt32(off + 4, hi, true);
        }
        this.mem!.writeWord(base, w[0]!, w[1]!);
        if (straddles) this.mem!.writeWord(base + 8, w[2]!, w[3]!);
        // Restore the old words for the observer's record.
        w[0] = t[0]!;
        w[1] = t[1]!;
        w[2] = old2;
        w[3] = old3;
        if (width === 1 && addr === UART_ADDR && this.uart) this.uart.put(lo & 0xff);
      }
    }
    if (this.obs) {
      const m = this.rec;
      m.op = MEM_OP_STORE;
      this.fill(m, addr, width, slot, straddles);
      m.valueLo = lo;
      m.valueHi = hi;
      this.obs.onMemory(m);
    }
  }

  private fill(m: MemoryRecord, addr: number, width: number, slot: number, straddles: boolean): void {
    const w = this.words;
    m.addr = addr;
    m.slot = slot;
    m.step = this.step;
    m.memStep = 1 + 4 * this.step + slot;
    m.bytes = width;
    m.v0Lo = w[0]!;
    m.v0Hi = w[1]!;
    m.v1Lo = straddles ? w[2]! : 0;
    m.v1Hi = straddles ? w[3]! : 0;
  }

  /** Reads the raw aligned word at addr into words[k], words[k+1] (from memory or the trace). */
  private raw(addr: number, k: number): void {
    const w = this.words;
    if (this.mode === MODE_REPLAY) {
      const p = this.srcPos;
      if (p + 2 > this.src.length) throw new Fault('trace', 'the minimal trace has fewer memory reads than this chunk needs');
      w[k] = this.src[p]!;
      w[k + 1] = this.src[p + 1]!;
      this.srcPos = p + 2;
      return;
    }
    const t = this.tmp;
    this.mem!.readWord(addr, t);
    w[k] = t[0]!;
    w[k + 1] = t[1]!;
    if (this.mode === MODE_RECORD) {
      const s = this.sink!;
      if (s.len + 2 > s.buf.length) s.reserve(2);
      s.buf[s.len] = t[0]!;
      s.buf[s.len + 1] = t[1]!;
      s.len += 2;
    }
  }
}

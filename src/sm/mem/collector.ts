/**
 * Collectors: what one instance takes from one replayed chunk.
 *
 * MemCollector gathers the aligned-word accesses of one region that a Mem-family instance's slice
 * names (see planner.ts), in bus order, which within a chunk is mem_step order; the instance
 * concatenates its chunks in chunk order and sorts by address. AlignCollector gathers the accesses
 * one MemAlign instance proves, through a SliceCursor like any regular collector.
 */
import { MEM, MEM_STORE, MEMORY_BUS, type BusDevice } from '../../bus/index.js';
import { SliceCursor, type ChunkSlice } from '../../planner/index.js';
import { alignKind, WordAccesses } from './access.js';
import type { MemSlice } from './planner.js';

const TWO_32 = 4294967296;
const { op: OP, addr: ADDR, bytes: BYTES, memStepLo: STEP_LO, memStepHi: STEP_HI, v0Lo: V0_LO, v0Hi: V0_HI } = MEM;

/** Growable columns of word accesses. */
export class AccessList {
  n = 0;
  word = new Uint32Array(16);
  step = new Float64Array(16);
  write = new Uint8Array(16);
  lo = new Uint32Array(16);
  hi = new Uint32Array(16);

  constructor(capacity = 16) {
    if (capacity > 16) this.resize(capacity);
  }

  /** One list holding `lists` one after the other. */
  static concat(lists: readonly AccessList[]): AccessList {
    const out = new AccessList(lists.reduce((s, l) => s + l.n, 0));
    for (const l of lists) {
      out.word.set(l.word.subarray(0, l.n), out.n);
      out.step.set(l.step.subarray(0, l.n), out.n);
      out.write.set(l.write.subarray(0, l.n), out.n);
      out.lo.set(l.lo.subarray(0, l.n), out.n);
      out.hi.set(l.hi.subarray(0, l.n), out.n);
      out.n += l.n;
    }
    return out;
  }

  push(word: number, step: number, write: number, lo: number, hi: number): void {
    const i = this.n++;
    if (i === this.word.length) this.resize(2 * i);
    this.word[i] = word;
    this.step[i] = step;
    this.write[i] = write;
    this.lo[i] = lo;
    this.hi[i] = hi;
  }

  private resize(size: number): void {
    const g = <T extends Uint32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a.subarray(0, Math.min(a.length, size)) as never);
      return b;
    };
    this.word = g(this.word);
    this.step = g(this.step);
    this.write = g(this.write);
    this.lo = g(this.lo);
    this.hi = g(this.hi);
  }
}

export class MemCollector implements BusDevice {
  readonly busIds = [MEMORY_BUS];
  readonly accesses: AccessList;
  /** The access just before the slice (when asked for): the previous instance's last. */
  previous: { step: number; lo: number; hi: number } | undefined;
  private readonly acc = new WordAccesses();
  private fromIndex = 0;
  private toIndex = 0;

  constructor(
    private readonly fromAddr: number,
    private readonly toAddr: number,
    private readonly slice: MemSlice,
    /** Record fromAddr's access at index fromSkip − 1 (the predecessor's last access). */
    private readonly wantPrevious: boolean,
  ) {
    this.accesses = new AccessList(slice.take);
  }

  processData(_bus: number, data: Uint32Array): boolean {
    const { fromAddr, toAddr } = this;
    const addr = data[ADDR]!;
    const first = Math.floor(addr / 8);
    // Most messages touch other words: reject them first (an access spans at most 2 words).
    if (first > toAddr || first + 1 < fromAddr) return true;
    if ((addr & 7) === 0 && data[BYTES] === 8) {
      // Aligned: the message is the word access (a store carries its value in v0 too).
      if (first >= fromAddr) this.take(first, data[STEP_LO]! + data[STEP_HI]! * TWO_32, data[OP] === MEM_STORE ? 1 : 0, data[V0_LO]!, data[V0_HI]!);
    } else {
      const a = this.acc;
      a.expand(data);
      // [fromAddr, toAddr] lies inside the instance's region: no other region's word is in it.
      for (let i = 0; i < a.count; i++) {
        const w = a.word[i]!;
        if (w >= fromAddr && w <= toAddr) this.take(w, a.step[i]!, a.write[i]!, a.lo[i]!, a.hi[i]!);
      }
    }
    return this.accesses.n < this.slice.take || (this.wantPrevious && this.previous === undefined);
  }

  /** One access to a word of [fromAddr, toAddr]: kept unless the slice's skips or ends exclude it. */
  private take(w: number, step: number, write: number, lo: number, hi: number): void {
    const slice = this.slice;
    let index = -1;
    if (w === this.fromAddr) {
      index = this.fromIndex++;
      if (index < slice.fromSkip) {
        if (this.wantPrevious && index === slice.fromSkip - 1) this.previous = { step, lo, hi };
        return;
      }
    }
    if (w === this.toAddr) {
      if (index < 0) index = this.toIndex++;
      if (index >= slice.toEnd) return;
    }
    this.accesses.push(w, step, write, lo, hi);
  }
}

/** Accesses for MemAlign: the message fields the witness needs, one entry per access. */
export class AlignCollector implements BusDevice {
  readonly busIds = [MEMORY_BUS];
  n = 0;
  /** Per access: op, addr, step (2 words: lo, hi), bytes, v0 (lo, hi), v1 (lo, hi), value (lo, hi). */
  readonly data: Uint32Array;
  static readonly STRIDE = 11;
  private readonly cursor: SliceCursor;

  constructor(
    private readonly kind: number,
    slice: ChunkSlice,
  ) {
    this.cursor = new SliceCursor(slice);
    this.data = new Uint32Array(slice.take * AlignCollector.STRIDE);
  }

  processData(_bus: number, m: Uint32Array): boolean {
    const addr = m[MEM.addr]!;
    const bytes = m[MEM.bytes]!;
    if (alignKind(addr, bytes) !== this.kind) return !this.cursor.done;
    if (this.cursor.accept()) {
      const d = this.data;
      const o = this.n++ * AlignCollector.STRIDE;
      d[o] = m[MEM.op]!;
      d[o + 1] = addr;
      d[o + 2] = m[MEM.memStepLo]!;
      d[o + 3] = m[MEM.memStepHi]!;
      d[o + 4] = bytes;
      d[o + 5] = m[MEM.v0Lo]!;
      d[o + 6] = m[MEM.v0Hi]!;
      d[o + 7] = m[MEM.v1Lo]!;
      d[o + 8] = m[MEM.v1Hi]!;
      d[o + 9] = m[MEM.valueLo]!;
      d[o + 10] = m[MEM.valueHi]!;
    }
    return !this.cursor.done;
  }
}

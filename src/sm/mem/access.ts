/**
 * What one memory bus message of Main means for the memory AIRs: the aligned-word accesses that the
 * Mem AIRs prove, and which MemAlign AIR (if any) proves the access itself.
 *
 *   aligned 8-byte load/store      → one word access at mem_step, proved by Mem directly;
 *   any other load (1 or 2 words)  → MemAlign reads each word at mem_step;
 *   any other store                → MemAlign reads each word at mem_step and writes the merged
 *                                    word at mem_step + 1 (slot 3 of the step, free by convention).
 *
 * The counter and the collectors expand messages with the same function, so the order in which a
 * word's accesses appear in a chunk — which is what checkpoints count — is the same in both. That
 * order is also mem_step order: within a step the slots come in order, reads before writes.
 */
import { MEM, MEM_STORE } from '../../bus/index.js';

const TWO_32 = 4294967296;

/** Which AIR proves an access as Main makes it. */
export const ALIGN_NONE = 0;
/** Sub-word or unaligned inside one word. */
export const ALIGN_ONE_WORD = 1;
/** Unaligned across two words. */
export const ALIGN_TWO_WORDS = 2;

/** Classifies an access by its byte address and width. */
export function alignKind(addr: number, bytes: number): number {
  const off = addr & 7;
  if (off === 0 && bytes === 8) return ALIGN_NONE;
  return off + bytes > 8 ? ALIGN_TWO_WORDS : ALIGN_ONE_WORD;
}

/**
 * The word accesses of one message, refilled by `expand` (reused: copy what you keep). Entries are in
 * mem_step order.
 */
export class WordAccesses {
  count = 0;
  readonly word = new Float64Array(4);
  readonly step = new Float64Array(4);
  readonly write = new Uint8Array(4);
  /** The word's value after the access (the value read, or the value written). */
  readonly lo = new Uint32Array(4);
  readonly hi = new Uint32Array(4);
  /** The MemAlign AIR that proves the message itself (ALIGN_*). */
  align = ALIGN_NONE;
  private readonly bytes = new Uint8Array(16);
  private readonly view = new DataView(this.bytes.buffer);

  private push(word: number, step: number, write: number, lo: number, hi: number): void {
    const i = this.count++;
    this.word[i] = word;
    this.step[i] = step;
    this.write[i] = write;
    this.lo[i] = lo;
    this.hi[i] = hi;
  }

  /** Expands a memory bus message (layout MEM of src/bus/payload.ts). */
  expand(m: Uint32Array): void {
    this.count = 0;
    const addr = m[MEM.addr]!;
    const bytes = m[MEM.bytes]!;
    const step = m[MEM.memStepLo]! + m[MEM.memStepHi]! * TWO_32;
    const store = m[MEM.op] === MEM_STORE ? 1 : 0;
    const word = Math.floor(addr / 8);
    const kind = alignKind(addr, bytes);
    this.align = kind;
    if (kind === ALIGN_NONE) {
      // An aligned store carries its value in v0 too; a load the word read.
      this.push(word, step, store, m[MEM.v0Lo]!, m[MEM.v0Hi]!);
      return;
    }
    const two = kind === ALIGN_TWO_WORDS;
    this.push(word, step, 0, m[MEM.v0Lo]!, m[MEM.v0Hi]!);
    if (two) this.push(word + 1, step, 0, m[MEM.v1Lo]!, m[MEM.v1Hi]!);
    if (!store) return;
    const v = this.view;
    v.setUint32(0, m[MEM.v0Lo]!, true);
    v.setUint32(4, m[MEM.v0Hi]!, true);
    v.setUint32(8, m[MEM.v1Lo]!, true);
    v.setUint32(12, m[MEM.v1Hi]!, true);
    mergeBytes(this.bytes, addr & 7, bytes, m[MEM.valueLo]!, m[MEM.valueHi]!);
    this.push(word, step + 1, 1, v.getUint32(0, true), v.getUint32(4, true));
    if (two) this.push(word + 1, step + 1, 1, v.getUint32(8, true), v.getUint32(12, true));
  }
}

/** Writes the low `width` bytes of the value (lo, hi) into `window` at byte `offset`. */
export function mergeBytes(window: Uint8Array, offset: number, width: number, lo: number, hi: number): void {
  for (let k = 0; k < width; k++) window[offset + k] = k < 4 ? (lo >>> (8 * k)) & 0xff : (hi >>> (8 * (k - 4))) & 0xff;
}

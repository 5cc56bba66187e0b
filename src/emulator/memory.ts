/**
 * The guest's memory: three regions backed by typed arrays.
 *
 * - RAM, 0xA000_0000..0xC000_0000, read-write. One 512 MB buffer: the OS maps zero pages lazily, so
 *   it costs nothing until pages are touched, and a flat array is what the compiled code indexes
 *   directly. But each fresh 512 MB buffer makes V8 run a full GC (external memory pressure): 5–25 ms
 *   per run, the whole cost of a small program. So a released RAM is kept (one spare) and handed to
 *   the next run after zeroing the 64 KB pages the previous run wrote, which `dirty` records: EVERY
 *   write into `ram` must mark its page (writeWord does; the compiled stores set D[o >>> 16]).
 * - ROM data, the span of the ELF's ROM segments, read-only.
 * - Input, INPUT_ADDR.. : the free-input slot (8 bytes) then the input file, padded with zeros to a
 *   multiple of 8 as ZisK does, read-only for the guest (the host writes the free-input slot).
 *
 * Words are read as little-endian int32 halves (the typed arrays use the platform's byte order; every
 * platform Node runs on is little-endian, checked at load).
 */
import * as zisk from '../zisk/index.js';
import type { ZiskRom } from '../zisk/index.js';
import { Fault, hex } from './errors.js';

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('zisk-ts needs a little-endian platform');

// Module-local bindings (imported bindings may compile to getter calls, costly per access).
const { INPUT_ADDR, MAX_INPUT_FILE_SIZE, RAM_ADDR, RAM_END, RAM_SIZE, ROM_ADDR, ROM_ADDR_MAX } = zisk;

export const REGION_RAM = 0;
export const REGION_ROM = 1;
export const REGION_INPUT = 2;

/** Checks the input argument of the public API; returns it. */
export function checkInput(input: unknown, name = 'input'): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (!(input instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (input.length > MAX_INPUT_FILE_SIZE) {
    throw new RangeError(`${name} is ${input.length} bytes, more than the ${MAX_INPUT_FILE_SIZE} bytes the input area holds`);
  }
  return input;
}

/** log2 of the dirty-page size in bytes. */
export const DIRTY_PAGE_SHIFT = 16;
const PAGE_WORDS = 1 << (DIRTY_PAGE_SHIFT - 2);
/** A spare RAM that wrote more pages than this is dropped instead of kept (it would pin its memory). */
const MAX_SPARE_DIRTY_PAGES = 1024;

interface Ram {
  buffer: ArrayBuffer;
  words: Int32Array;
  dirty: Uint8Array;
}
let spare: Ram | null = null;

function takeRam(): Ram {
  const r = spare;
  if (r === null) {
    const buffer = new ArrayBuffer(RAM_SIZE);
    return { buffer, words: new Int32Array(buffer), dirty: new Uint8Array(RAM_SIZE >>> DIRTY_PAGE_SHIFT) };
  }
  spare = null;
  const { words, dirty } = r;
  for (let p = 0; p < dirty.length; p++) {
    if (dirty[p] !== 0) words.fill(0, p * PAGE_WORDS, (p + 1) * PAGE_WORDS);
  }
  dirty.fill(0);
  return r;
}

export class GuestMemory {
  readonly ram: Int32Array;
  readonly ram8: Uint8Array;
  /** One byte per 64 KB RAM page, set once anything wrote into the page. */
  readonly dirty: Uint8Array;
  private ramHandle: Ram | null;
  readonly romBase: number;
  readonly romEnd: number;
  readonly rom: Int32Array;
  readonly rom8: Uint8Array;
  readonly inputEnd: number;
  /** Input area words; input[0], input[1] are the free-input slot. */
  readonly input: Int32Array;
  readonly input8: Uint8Array;

  constructor(zrom: ZiskRom, input: Uint8Array) {
    const r = takeRam();
    this.ramHandle = r;
    this.ram = r.words;
    this.ram8 = new Uint8Array(r.buffer);
    this.dirty = r.dirty;
    let lo = ROM_ADDR_MAX;
    let hi = ROM_ADDR;
    for (const s of zrom.roData) {
      lo = Math.min(lo, s.addr);
      hi = Math.max(hi, s.addr + s.size);
    }
    if (lo >= hi) lo = hi = ROM_ADDR;
    this.romBase = lo - (lo % 8);
    this.romEnd = Math.ceil(hi / 8) * 8;
    const romBuf = new ArrayBuffer(this.romEnd - this.romBase);
    this.rom = new Int32Array(romBuf);
    this.rom8 = new Uint8Array(romBuf);
    for (const s of zrom.roData) this.rom8.set(s.data, s.addr - this.romBase);
    const inputBytes = 8 + Math.ceil(input.length / 8) * 8;
    this.inputEnd = INPUT_ADDR + inputBytes;
    const inBuf = new ArrayBuffer(inputBytes);
    this.input = new Int32Array(inBuf);
    this.input8 = new Uint8Array(inBuf);
    this.input8.set(input, 8);
  }

  /**
   * The region holding [addr, addr + width), addr < 2^32; throws a Fault for unmapped memory and for
   * writes outside RAM.
   */
  region(addr: number, width: number, write: boolean): number {
    const end = addr + width;
    if (addr >= RAM_ADDR && end <= RAM_END) return REGION_RAM;
    if (write) {
      if (addr >= ROM_ADDR && addr < ROM_ADDR_MAX) throw new Fault('write-to-rom', `write of ${width} bytes to the read-only program ROM at ${hex(addr)}`);
      if (addr >= INPUT_ADDR && addr < this.inputEnd) throw new Fault('write-to-rom', `write of ${width} bytes to the read-only input area at ${hex(addr)}`);
      throw new Fault('memory-out-of-range', `write of ${width} bytes at ${hex(addr)}, outside mapped memory`);
    }
    if (addr >= this.romBase && end <= this.romEnd) return REGION_ROM;
    if (addr >= INPUT_ADDR && end <= this.inputEnd) return REGION_INPUT;
    throw new Fault('memory-out-of-range', `read of ${width} bytes at ${hex(addr)}, outside mapped memory`);
  }

  /** The aligned word at addr (a multiple of 8 inside a mapped region) into out[0], out[1]. */
  readWord(addr: number, out: Int32Array): void {
    let i: number;
    let a: Int32Array;
    if (addr >= RAM_ADDR) {
      a = this.ram;
      i = (addr - RAM_ADDR) >>> 2;
    } else if (addr >= ROM_ADDR) {
      a = this.rom;
      i = (addr - this.romBase) >>> 2;
    } else {
      a = this.input;
      i = (addr - INPUT_ADDR) >>> 2;
    }
    out[0] = a[i]!;
    out[1] = a[i + 1]!;
  }

  /** Writes the aligned RAM word at addr. */
  writeWord(addr: number, lo: number, hi: number): void {
    const o = addr - RAM_ADDR;
    const i = o >>> 2;
    this.ram[i] = lo;
    this.ram[i + 1] = hi;
    this.dirty[o >>> DIRTY_PAGE_SHIFT] = 1;
  }

  /**
   * Gives the RAM back for the next run to reuse. Only the run that made this memory calls it, when
   * nothing outside it can still see the memory; afterwards the object must not be used.
   */
  release(): void {
    const r = this.ramHandle;
    if (r === null) return;
    this.ramHandle = null;
    let pages = 0;
    for (let p = 0; p < r.dirty.length; p++) pages += r.dirty[p]!;
    if (pages <= MAX_SPARE_DIRTY_PAGES) spare = r;
  }

  /** The free-input slot (the host writes fcall results here). */
  setFreeInput(lo: number, hi: number): void {
    this.input[0] = lo;
    this.input[1] = hi;
  }

  /** A copy of guest bytes [addr, addr + length) inside one mapped region (for outputs and tests). */
  readBytes(addr: number, length: number): Uint8Array {
    const region = this.region(addr, length, false);
    if (region === REGION_RAM) return this.ram8.slice(addr - RAM_ADDR, addr - RAM_ADDR + length);
    if (region === REGION_ROM) return this.rom8.slice(addr - this.romBase, addr - this.romBase + length);
    return this.input8.slice(addr - INPUT_ADDR, addr - INPUT_ADDR + length);
  }
}

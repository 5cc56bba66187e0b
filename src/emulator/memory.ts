/**
 * The guest's memory: three regions backed by typed arrays.
 *
 * - RAM, 0xA000_0000..0xC000_0000, read-write. One 512 MB buffer: allocating it costs nothing until
 *   pages are touched (the OS maps zero pages lazily; measured 0.4 ms and no resident growth), and a
 *   flat array is what the compiled code indexes directly.
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

export class GuestMemory {
  readonly ram: Int32Array;
  readonly ram8: Uint8Array;
  readonly romBase: number;
  readonly romEnd: number;
  readonly rom: Int32Array;
  readonly rom8: Uint8Array;
  readonly inputEnd: number;
  /** Input area words; input[0], input[1] are the free-input slot. */
  readonly input: Int32Array;
  readonly input8: Uint8Array;

  constructor(zrom: ZiskRom, input: Uint8Array) {
    const ramBuf = new ArrayBuffer(RAM_SIZE);
    this.ram = new Int32Array(ramBuf);
    this.ram8 = new Uint8Array(ramBuf);
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
    const i = (addr - RAM_ADDR) >>> 2;
    this.ram[i] = lo;
    this.ram[i + 1] = hi;
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

/**
 * ELF64 loader for RISC-V executables built for ZisK's memory map. It accepts exactly: ELF64,
 * little-endian, RISC-V machine, ET_EXEC, with PT_LOAD segments that each lie inside one ZisK region
 * (program ROM 0x8000_0000..0x8800_0000, RAM 0xA000_0000..0xC000_0000), executable segments in ROM
 * only, writable segments in RAM only, no overlaps, and the entry point in an executable segment.
 * Anything else is an ElfError whose message names the problem; malformed bytes never throw anything
 * else (every offset is bounds-checked before it is read).
 */
import { RAM_ADDR, RAM_END, ROM_ADDR, ROM_ADDR_MAX } from '../zisk/memory-map.js';

export class ElfError extends Error {
  override readonly name = 'ElfError';
}

export interface ElfSegment {
  readonly vaddr: number;
  /** Bytes the segment occupies in memory (file bytes, then zeros). */
  readonly memSize: number;
  /** The segment's file bytes (a copy). */
  readonly data: Uint8Array;
  readonly executable: boolean;
  readonly writable: boolean;
}

export interface ElfImage {
  readonly entry: number;
  /** PT_LOAD segments with a non-zero size, sorted by address. */
  readonly segments: readonly ElfSegment[];
  /**
   * Address ranges holding instructions: the executable sections when the section table names them,
   * otherwise the whole executable segments.
   */
  readonly codeRanges: readonly { readonly start: number; readonly end: number }[];
}

const EM_RISCV = 243;
const ET_EXEC = 2;
const PT_LOAD = 1;
const PF_X = 1;
const PF_W = 2;
const SHT_PROGBITS = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;

const MACHINES: Record<number, string> = { 3: 'x86 (3)', 8: 'MIPS (8)', 40: 'ARM (40)', 62: 'x86-64 (62)', 183: 'AArch64 (183)' };
const TYPES: Record<number, string> = { 0: 'ET_NONE', 1: 'ET_REL (an object file, not linked)', 3: 'ET_DYN (a shared object or position-independent executable)', 4: 'ET_CORE' };

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(off: number): number {
    return this.view.getUint8(off);
  }
  u16(off: number): number {
    return this.view.getUint16(off, true);
  }
  u32(off: number): number {
    return this.view.getUint32(off, true);
  }
  /** A u64 field as a number, or Infinity when it does not fit 2^53 (such values are always wrong here). */
  u64(off: number): number {
    const lo = this.view.getUint32(off, true);
    const hi = this.view.getUint32(off + 4, true);
    return hi >= 0x200000 ? Infinity : hi * 4294967296 + lo;
  }
}

function regionOf(start: number, end: number): 'rom' | 'ram' | undefined {
  if (start >= ROM_ADDR && end <= ROM_ADDR_MAX) return 'rom';
  if (start >= RAM_ADDR && end <= RAM_END) return 'ram';
  return undefined;
}

/** Parses and validates an ELF file. Throws ElfError. */
export function loadElf(bytes: Uint8Array): ElfImage {
  if (!(bytes instanceof Uint8Array)) throw new ElfError('ELF input must be a Uint8Array');
  const r = new Reader(bytes);
  const size = bytes.length;
  if (size < 4 || r.u8(0) !== 0x7f || r.u8(1) !== 0x45 || r.u8(2) !== 0x4c || r.u8(3) !== 0x46) {
    throw new ElfError('not an ELF file (bad magic number)');
  }
  if (size < EHDR_SIZE) throw new ElfError(`truncated ELF: ${size} bytes, the ELF64 header alone needs ${EHDR_SIZE}`);
  const cls = r.u8(4);
  if (cls === 1) throw new ElfError('32-bit ELF (ELFCLASS32): zisk-ts runs 64-bit RISC-V (RV64) programs');
  if (cls !== 2) throw new ElfError(`invalid ELF class ${cls} (expected 2, ELFCLASS64)`);
  const data = r.u8(5);
  if (data === 2) throw new ElfError('big-endian ELF: RISC-V programs for ZisK are little-endian');
  if (data !== 1) throw new ElfError(`invalid ELF data encoding ${data} (expected 1, little-endian)`);
  if (r.u8(6) !== 1) throw new ElfError(`unsupported ELF version ${r.u8(6)}`);
  const machine = r.u16(18);
  if (machine !== EM_RISCV) {
    throw new ElfError(`ELF machine is ${MACHINES[machine] ?? String(machine)}, expected RISC-V (${EM_RISCV})`);
  }
  const type = r.u16(16);
  if (type !== ET_EXEC) throw new ElfError(`ELF type is ${TYPES[type] ?? String(type)}, expected an executable (ET_EXEC)`);
  const entry = r.u64(24);
  const phoff = r.u64(32);
  const shoff = r.u64(40);
  const phentsize = r.u16(54);
  const phnum = r.u16(56);
  const shentsize = r.u16(58);
  const shnum = r.u16(60);
  if (phnum === 0) throw new ElfError('ELF has no program headers (nothing to load)');
  if (phentsize !== PHDR_SIZE) throw new ElfError(`ELF program header size is ${phentsize}, expected ${PHDR_SIZE}`);
  const phEnd = phoff + phnum * PHDR_SIZE;
  if (!(phEnd <= size)) {
    throw new ElfError(`truncated ELF: program headers end at byte ${Number.isFinite(phEnd) ? phEnd : 'beyond 2^53'}, the file has ${size}`);
  }

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const h = phoff + i * PHDR_SIZE;
    if (r.u32(h) !== PT_LOAD) continue;
    const flags = r.u32(h + 4);
    const offset = r.u64(h + 8);
    const vaddr = r.u64(h + 16);
    const filesz = r.u64(h + 32);
    const memsz = r.u64(h + 40);
    if (filesz > memsz) throw new ElfError(`segment ${i}: file size ${filesz} exceeds its memory size ${memsz}`);
    if (memsz === 0) continue;
    if (!(offset + filesz <= size)) {
      throw new ElfError(`truncated ELF: segment ${i} needs file bytes up to ${offset + filesz}, the file has ${size}`);
    }
    const end = vaddr + memsz;
    const region = regionOf(vaddr, end);
    if (!region) {
      const where = Number.isFinite(end) ? `${hex(vaddr)}..${hex(end)}` : `${Number.isFinite(vaddr) ? hex(vaddr) : 'an address beyond 2^53'} (${memsz} bytes)`;
      throw new ElfError(
        `segment ${i} at ${where} lies outside ZisK's memory map: it must fit in the program ROM ` +
          `${hex(ROM_ADDR)}..${hex(ROM_ADDR_MAX)} or in RAM ${hex(RAM_ADDR)}..${hex(RAM_END)}`,
      );
    }
    const executable = (flags & PF_X) !== 0;
    const writable = (flags & PF_W) !== 0;
    if (executable && region !== 'rom') {
      throw new ElfError(`segment ${i} at ${hex(vaddr)} is executable but lies in RAM: code must be in the program ROM (${hex(ROM_ADDR)}..)`);
    }
    if (writable && region !== 'ram') {
      throw new ElfError(`segment ${i} at ${hex(vaddr)} is writable but lies in the read-only program ROM: writable data must be in RAM (${hex(RAM_ADDR)}..)`);
    }
    segments.push({ vaddr, memSize: memsz, data: bytes.slice(offset, offset + filesz), executable, writable });
  }
  if (segments.length === 0) throw new ElfError('ELF has no loadable (PT_LOAD) segment with contents');
  segments.sort((x, y) => x.vaddr - y.vaddr);
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1]!;
    const cur = segments[i]!;
    if (cur.vaddr < prev.vaddr + prev.memSize) {
      throw new ElfError(`segments overlap: ${hex(prev.vaddr)}..${hex(prev.vaddr + prev.memSize)} and ${hex(cur.vaddr)}..${hex(cur.vaddr + cur.memSize)}`);
    }
  }
  const inCode = segments.find((s) => s.executable && entry >= s.vaddr && entry < s.vaddr + s.memSize);
  if (!inCode) throw new ElfError(`entry point ${Number.isFinite(entry) ? hex(entry) : '(beyond 2^53)'} is not inside an executable segment`);
  if (entry % 2 !== 0) throw new ElfError(`entry point ${hex(entry)} is not 2-byte aligned`);

  return { entry, segments, codeRanges: codeRanges(r, segments, shoff, shentsize, shnum) };
}

/**
 * Executable sections, when the section table is present and consistent; the whole executable
 * segments otherwise. Decoding only real code keeps read-only data out of the ROM's instructions.
 */
function codeRanges(r: Reader, segments: readonly ElfSegment[], shoff: number, shentsize: number, shnum: number) {
  const whole = segments.filter((s) => s.executable).map((s) => ({ start: s.vaddr, end: s.vaddr + s.data.length }));
  if (shnum === 0 || shentsize !== SHDR_SIZE || !(shoff + shnum * SHDR_SIZE <= r.bytes.length)) return whole;
  const ranges: { start: number; end: number }[] = [];
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * SHDR_SIZE;
    const flags = r.u64(h + 8);
    if (r.u32(h + 4) !== SHT_PROGBITS || !Number.isFinite(flags) || (flags & (SHF_ALLOC | SHF_EXECINSTR)) !== (SHF_ALLOC | SHF_EXECINSTR)) continue;
    const start = r.u64(h + 16);
    const end = start + r.u64(h + 32);
    if (end === start) continue;
    // A section outside the file bytes of an executable segment makes the table untrustworthy.
    if (!whole.some((w) => start >= w.start && end <= w.end)) return whole;
    ranges.push({ start, end });
  }
  if (ranges.length === 0) return whole;
  // Merge overlapping or touching sections so that every address is decoded once.
  ranges.sort((x, y) => x.start - y.start);
  const merged = [ranges[0]!];
  for (const cur of ranges.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (cur.start <= last.end) last.end = Math.max(last.end, cur.end);
    else merged.push(cur);
  }
  return merged;
}

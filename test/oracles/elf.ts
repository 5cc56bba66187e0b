// A small ELF64 (little-endian, RISC-V) reader and writer: enough to inspect the guest ELFs, to
// append an input file to a qemu build, and to write the random test programs without a toolchain.
// Not a general ELF library: it knows only the fields these tasks use.

export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOBITS = 8;
export const SHT_RISCV_ATTRIBUTES = 0x70000003;
export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;
const EM_RISCV = 243;
const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;

export interface Segment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface Section {
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
}

export interface ElfInfo {
  entry: number;
  segments: Segment[];
  sections: Section[];
  /** Symbol name → value, for every named symbol of .symtab. */
  symbols: Map<string, number>;
}

/** Addresses in these ELFs are below 2^53, so they are kept as numbers. */
function u64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(at, end));
}

export function readElf(bytes: Uint8Array): ElfInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < EHDR_SIZE || view.getUint32(0, false) !== 0x7f454c46) {
    throw new Error('readElf: not an ELF file (bad magic)');
  }
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new Error('readElf: not a little-endian ELF64 file');
  if (view.getUint16(18, true) !== EM_RISCV) throw new Error('readElf: not a RISC-V ELF');
  const entry = u64(view, 24);
  const phoff = u64(view, 32);
  const shoff = u64(view, 40);
  const phnum = view.getUint16(56, true);
  const shnum = view.getUint16(60, true);
  const shstrndx = view.getUint16(62, true);

  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + PHDR_SIZE * i;
    segments.push({
      type: view.getUint32(at, true),
      flags: view.getUint32(at + 4, true),
      offset: u64(view, at + 8),
      vaddr: u64(view, at + 16),
      filesz: u64(view, at + 32),
      memsz: u64(view, at + 40),
      align: u64(view, at + 48),
    });
  }

  const raw: (Section & { nameOff: number; link: number; entsize: number })[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + SHDR_SIZE * i;
    raw.push({
      name: '',
      nameOff: view.getUint32(at, true),
      type: view.getUint32(at + 4, true),
      flags: u64(view, at + 8),
      addr: u64(view, at + 16),
      offset: u64(view, at + 24),
      size: u64(view, at + 32),
      link: view.getUint32(at + 40, true),
      entsize: u64(view, at + 56),
    });
  }
  const shstr = raw[shstrndx];
  for (const s of raw) s.name = shstr ? cString(bytes, shstr.offset + s.nameOff) : '';

  const symbols = new Map<string, number>();
  for (const s of raw) {
    if (s.type !== SHT_SYMTAB) continue;
    const strtab = raw[s.link]!;
    for (let at = s.offset; at + 24 <= s.offset + s.size; at += 24) {
      const name = cString(bytes, strtab.offset + view.getUint32(at, true));
      if (name !== '') symbols.set(name, u64(view, at + 8));
    }
  }
  const sections = raw.map(({ name, type, flags, addr, offset, size }) => ({ name, type, flags, addr, offset, size }));
  return { entry, segments, sections, symbols };
}

/** The file bytes of a section (empty for NOBITS). */
export function sectionBytes(bytes: Uint8Array, section: Section): Uint8Array {
  return section.type === SHT_NOBITS ? new Uint8Array(0) : bytes.subarray(section.offset, section.offset + section.size);
}

export const INPUT_ADDR = 0x4000_0000;

/**
 * A qemu build of a guest (guest/elf/NAME.qemu.elf) with an input file placed as ZisK places it:
 * the zero free-input slot at INPUT_ADDR, the file from INPUT_ADDR + 8. The build's `input`
 * segment (8 bytes at INPUT_ADDR) is pointed at a copy of slot + file appended to the ELF.
 */
export function withInput(qemuElf: Uint8Array, input: Uint8Array): Uint8Array {
  if (input.length % 8 !== 0) throw new Error(`withInput: input length ${input.length} is not a multiple of 8`);
  const info = readElf(qemuElf);
  const index = info.segments.findIndex((s) => s.type === PT_LOAD && s.vaddr === INPUT_ADDR);
  if (index < 0) throw new Error('withInput: no segment at INPUT_ADDR; expected a guest built with sdk/qemu.ld');
  const offset = Math.ceil(qemuElf.length / 4096) * 4096;
  const out = new Uint8Array(offset + 8 + input.length);
  out.set(qemuElf);
  out.set(input, offset + 8);
  const view = new DataView(out.buffer);
  const phoff = Number(view.getBigUint64(32, true));
  const at = phoff + PHDR_SIZE * index;
  view.setBigUint64(at + 8, BigInt(offset), true);
  view.setBigUint64(at + 32, BigInt(8 + input.length), true);
  view.setBigUint64(at + 40, BigInt(8 + input.length), true);
  return out;
}

export interface SegmentSpec {
  vaddr: number;
  flags: number;
  data: Uint8Array;
  /** At least data.length; the rest is zero-filled. */
  memsz?: number;
  /** Name of the section that covers the segment's file bytes. */
  name: string;
}

/**
 * A static RISC-V executable: one section per segment (so loaders that read sections, as
 * ZisK's does, and loaders that read segments, as qemu's does, see the same program), a
 * .riscv.attributes section naming the ISA for disassemblers, and a symbol table with
 * `symbols`. Segment addresses must be 4 KB aligned.
 */
export function writeElf(entry: number, segments: SegmentSpec[], arch: string, symbols: Record<string, number> = {}): Uint8Array {
  const attributes = riscvAttributes(arch);
  const names = ['', ...segments.map((s) => s.name), '.riscv.attributes', '.symtab', '.strtab', '.shstrtab'];
  const shstrtab: number[] = [];
  const nameOffsets = names.map((n) => {
    const at = shstrtab.length;
    for (const c of new TextEncoder().encode(n)) shstrtab.push(c);
    shstrtab.push(0);
    return at;
  });
  const symNames = Object.keys(symbols);
  const strtab: number[] = [0];
  const symtab = new Uint8Array(24 * (symNames.length + 1));
  const symView = new DataView(symtab.buffer);
  symNames.forEach((name, i) => {
    const at = 24 * (i + 1);
    symView.setUint32(at, strtab.length, true);
    for (const c of new TextEncoder().encode(name)) strtab.push(c);
    strtab.push(0);
    symtab[at + 4] = 0x10; // STB_GLOBAL, STT_NOTYPE
    symView.setUint16(at + 6, 0xfff1, true); // SHN_ABS
    symView.setBigUint64(at + 8, BigInt(symbols[name]!), true);
  });

  let pos = EHDR_SIZE + PHDR_SIZE * segments.length;
  const offsets: number[] = [];
  for (const s of segments) {
    if (s.vaddr % 4096 !== 0) throw new Error(`writeElf: segment ${s.name} at 0x${s.vaddr.toString(16)} is not page aligned`);
    pos = Math.ceil(pos / 4096) * 4096;
    offsets.push(pos);
    pos += s.data.length;
  }
  const tail = [attributes, symtab, Uint8Array.from(strtab), Uint8Array.from(shstrtab)];
  const tailOffsets = tail.map((t) => {
    pos = Math.ceil(pos / 8) * 8;
    const at = pos;
    pos += t.length;
    return at;
  });
  pos = Math.ceil(pos / 8) * 8;
  const shoff = pos;
  const shnum = names.length;
  const out = new Uint8Array(shoff + SHDR_SIZE * shnum);
  const view = new DataView(out.buffer);

  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  view.setUint16(16, 2, true); // ET_EXEC
  view.setUint16(18, EM_RISCV, true);
  view.setUint32(20, 1, true);
  view.setBigUint64(24, BigInt(entry), true);
  view.setBigUint64(32, BigInt(EHDR_SIZE), true);
  view.setBigUint64(40, BigInt(shoff), true);
  view.setUint32(48, arch.includes('_c') ? 1 : 0, true); // EF_RISCV_RVC; float ABI soft
  view.setUint16(52, EHDR_SIZE, true);
  view.setUint16(54, PHDR_SIZE, true);
  view.setUint16(56, segments.length, true);
  view.setUint16(58, SHDR_SIZE, true);
  view.setUint16(60, shnum, true);
  view.setUint16(62, shnum - 1, true);

  segments.forEach((s, i) => {
    const at = EHDR_SIZE + PHDR_SIZE * i;
    view.setUint32(at, PT_LOAD, true);
    view.setUint32(at + 4, s.flags, true);
    view.setBigUint64(at + 8, BigInt(offsets[i]!), true);
    view.setBigUint64(at + 16, BigInt(s.vaddr), true);
    view.setBigUint64(at + 24, BigInt(s.vaddr), true);
    view.setBigUint64(at + 32, BigInt(s.data.length), true);
    view.setBigUint64(at + 40, BigInt(Math.max(s.memsz ?? 0, s.data.length)), true);
    view.setBigUint64(at + 48, 4096n, true);
    out.set(s.data, offsets[i]!);
  });
  tail.forEach((t, i) => out.set(t, tailOffsets[i]!));

  const shdr = (i: number, type: number, flags: number, addr: number, offset: number, size: number, link = 0, info = 0, align = 1, entsize = 0) => {
    const at = shoff + SHDR_SIZE * i;
    view.setUint32(at, nameOffsets[i]!, true);
    view.setUint32(at + 4, type, true);
    view.setBigUint64(at + 8, BigInt(flags), true);
    view.setBigUint64(at + 16, BigInt(addr), true);
    view.setBigUint64(at + 24, BigInt(offset), true);
    view.setBigUint64(at + 32, BigInt(size), true);
    view.setUint32(at + 40, link, true);
    view.setUint32(at + 44, info, true);
    view.setBigUint64(at + 48, BigInt(align), true);
    view.setBigUint64(at + 56, BigInt(entsize), true);
  };
  segments.forEach((s, i) => {
    const flags = SHF_ALLOC | (s.flags & PF_W ? SHF_WRITE : 0) | (s.flags & PF_X ? SHF_EXECINSTR : 0);
    shdr(i + 1, SHT_PROGBITS, flags, s.vaddr, offsets[i]!, s.data.length, 0, 0, s.flags & PF_X ? 4 : 8);
  });
  const n = segments.length;
  shdr(n + 1, SHT_RISCV_ATTRIBUTES, 0, 0, tailOffsets[0]!, attributes.length);
  shdr(n + 2, SHT_SYMTAB, 0, 0, tailOffsets[1]!, symtab.length, n + 3, 1, 8, 24);
  shdr(n + 3, SHT_STRTAB, 0, 0, tailOffsets[2]!, strtab.length);
  shdr(n + 4, SHT_STRTAB, 0, 0, tailOffsets[3]!, shstrtab.length);
  return out;
}

/**
 * The .riscv.attributes payload, laid out as lld writes it for the guest ELFs:
 * 'A', u32 length, "riscv\0", Tag_File (1), u32 length, Tag_RISCV_stack_align (4) = 16,
 * Tag_RISCV_arch (5) = arch string.
 */
function riscvAttributes(arch: string): Uint8Array {
  const archBytes = new TextEncoder().encode(arch);
  const fileBody = [4, 16, 5, ...archBytes, 0];
  const fileLen = 1 + 4 + fileBody.length;
  const vendor = [...new TextEncoder().encode('riscv'), 0];
  const subLen = 4 + vendor.length + fileLen;
  const out = new Uint8Array(1 + subLen);
  const view = new DataView(out.buffer);
  out[0] = 0x41;
  view.setUint32(1, subLen, true);
  out.set(vendor, 5);
  out[5 + vendor.length] = 1;
  view.setUint32(6 + vendor.length, fileLen, true);
  out.set(fileBody, 10 + vendor.length);
  return out;
}

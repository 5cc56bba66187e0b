/**
 * ELF → ZisK ROM. Code ranges are decoded sequentially (16-bit halfwords, compressed or not) and
 * every RISC-V instruction is converted at its own address; the BIOS initialises RAM from the RAM
 * segments and calls the entry point; ROM segments stay readable as read-only data.
 */
import { ElfError, decode, isCompressed, loadElf, type ElfImage } from '../riscv/index.js';
import { K_ILLEGAL } from '../riscv/kinds.js';
import { RAM_ADDR, ROM_ADDR_MAX, ZiskRom, type RomSegment, type ZiskInst } from '../zisk/index.js';
import { buildBios } from './bios.js';
import { convert } from './convert.js';

/** Transpiles an ELF (its bytes, or an image from loadElf) into a ROM. Throws ElfError. */
export function transpile(elf: Uint8Array | ElfImage): ZiskRom {
  const image = elf instanceof Uint8Array ? loadElf(elf) : elf;
  const insts: ZiskInst[] = [];
  for (const range of image.codeRanges) decodeRange(image, range.start, range.end, insts);
  const ram = image.segments.filter((s) => s.vaddr >= RAM_ADDR);
  insts.push(...buildBios(image.entry, ram));
  const roData: RomSegment[] = image.segments
    .filter((s) => s.vaddr < ROM_ADDR_MAX)
    .map((s) => ({ addr: s.vaddr, size: s.memSize, data: s.data }));
  const rom = new ZiskRom(insts, image.entry, roData);
  const entry = rom.at(image.entry);
  if (!entry || entry.continuation) {
    throw new ElfError(`entry point 0x${image.entry.toString(16)} is not the start of an instruction in the code`);
  }
  return rom;
}

function decodeRange(image: ElfImage, start: number, end: number, out: ZiskInst[]): void {
  const seg = image.segments.find((s) => start >= s.vaddr && end <= s.vaddr + s.data.length)!;
  const bytes = seg.data;
  let pc = start + (start & 1); // instructions are 2-byte aligned
  while (pc + 2 <= end) {
    const o = pc - seg.vaddr;
    const lo = bytes[o]! | (bytes[o + 1]! << 8);
    if (!isCompressed(lo) && pc + 4 > end) {
      // A 32-bit instruction cut by the end of the code: illegal.
      convert({ kind: K_ILLEGAL, rd: 0, rs1: 0, rs2: 0, imm: 0, csr: 0, size: 2, raw: lo }, pc, out);
      break;
    }
    const hi = isCompressed(lo) ? 0 : bytes[o + 2]! | (bytes[o + 3]! << 8);
    const ri = decode(lo, hi);
    convert(ri, pc, out);
    pc += ri.size;
  }
}

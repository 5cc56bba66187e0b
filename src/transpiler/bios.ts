/**
 * The BIOS: ZisK instructions from ROM_ENTRY (0x1000) that start and end every execution.
 *
 * ```
 * 0x1000  jump over the end instruction
 * 0x1004  end (ROM_EXIT): the last step of every execution that completes
 * 0x1008  data initialisation: one store per aligned piece (8 bytes, or 4/2/1 at the edges) of the
 *         file bytes of every segment in RAM. RAM starts zeroed, so all-zero pieces are skipped:
 *         the Mem state machine must take RAM's initial value to be 0.
 * E+0x00  marchid = 0xFFFEEEE;  mtvec = trap handler
 * E+0x08  a0 = INPUT_ADDR;  a1 = OUTPUT_ADDR;  call the ELF entry (x1 = E+0x14)
 * E+0x14  for i in 0..31: pubout(i, u64 at OUTPUT_ADDR + 8·i)   (uses x11, x12, x13)
 * E+0x34  jump to ROM_EXIT
 * E+0x38  trap handler: if a7 == 93 (exit) go to E+0x14, else return to x1
 * ```
 */
import {
  ARCH_ID_CSR_ADDR, ARCH_ID_ZISK, BIOS_END, CAUSE_EXIT, INPUT_ADDR, MTVEC, OP_ADD, OP_COPYB, OP_EQ, OP_PUBOUT,
  OUTPUT_ADDR, ROM_ENTRY, ROM_EXIT, type ZiskInst,
} from '../zisk/index.js';
import type { ElfSegment } from '../riscv/index.js';
import { InstBuilder } from './builder.js';

/** Number of 64-bit words the BIOS publishes (64 public 32-bit outputs). */
const PUBLIC_WORDS = 32;

export function buildBios(entry: number, ramSegments: readonly ElfSegment[]): ZiskInst[] {
  const out: ZiskInst[] = [];
  let pc = ROM_ENTRY;
  const add = (f: (b: InstBuilder) => InstBuilder) => {
    out.push(f(new InstBuilder(pc)).build());
    pc += 4;
  };
  add((b) => b.aImm(0).bImm(0).op(OP_COPYB).j(8, 8).note('jump over the end instruction'));
  add((b) => b.aImm(0).bImm(0).op(OP_COPYB).end().j(0, 0).note('end'));

  for (const seg of ramSegments) initData(seg, add);

  const e = pc;
  const trapHandler = e + 0x38;
  const outputLoop = e + 0x14;
  add((b) => b.aImm(0).bImm(ARCH_ID_ZISK).op(OP_COPYB).storeMem(ARCH_ID_CSR_ADDR).j(4, 4).note('marchid = ZisK'));
  add((b) => b.aImm(0).bImm(trapHandler).op(OP_COPYB).storeMem(MTVEC).j(4, 4).note('mtvec = trap handler'));
  add((b) => b.aImm(0).bImm(INPUT_ADDR).op(OP_COPYB).storeReg(10).j(4, 4).note('a0 = INPUT_ADDR'));
  add((b) => b.aImm(0).bImm(OUTPUT_ADDR).op(OP_COPYB).storeReg(11).j(4, 4).note('a1 = OUTPUT_ADDR'));
  add((b) => b.aImm(0).bImm(entry).op(OP_COPYB).setPc().storeReg(1, true).j(0, 4).note('call the program entry'));
  add((b) => b.aImm(0).bImm(PUBLIC_WORDS).op(OP_COPYB).storeReg(11).j(4, 4).note('x11 = number of public words'));
  add((b) => b.aImm(0).bImm(0).op(OP_COPYB).storeReg(12).j(4, 4).note('x12 = index'));
  add((b) => b.aImm(0).bImm(OUTPUT_ADDR).op(OP_COPYB).storeReg(13).j(4, 4).note('x13 = OUTPUT_ADDR'));
  add((b) => b.aReg(11).bReg(12).op(OP_EQ).j(0x14, 4).note('all words published? then end'));
  add((b) => b.aReg(13).bInd(0, 8).op(OP_COPYB).j(4, 4).note('c = output word'));
  add((b) => b.aReg(12).bLastC().op(OP_PUBOUT).j(4, 4).note('pubout(index, c)'));
  add((b) => b.aReg(13).bImm(8).op(OP_ADD).storeReg(13).j(4, 4).note('x13 += 8'));
  add((b) => b.aReg(12).bImm(1).op(OP_ADD).storeReg(12).j(4, -16).note('x12 += 1, loop'));
  add((b) => b.aImm(0).bImm(ROM_EXIT).op(OP_COPYB).setPc().j(0, 0).note('jump to end'));
  if (pc !== trapHandler) throw new Error('BIOS layout: trap handler misplaced');
  add((b) => b.aReg(17).bImm(CAUSE_EXIT).op(OP_EQ).j(outputLoop - trapHandler, 4).note('trap: exit (a7 = 93)?'));
  add((b) => b.aImm(0).bReg(1).op(OP_COPYB).setPc().j(0, 4).note('trap: return'));
  if (pc > BIOS_END) throw new Error('BIOS: initial data too large for the BIOS area');
  return out;
}

/** One store per aligned piece of the segment's file bytes; zero pieces are skipped. */
function initData(seg: ElfSegment, add: (f: (b: InstBuilder) => InstBuilder) => void): void {
  const bytes = seg.data;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  while (pos < bytes.length) {
    const addr = seg.vaddr + pos;
    let width = 8;
    while (width > 1 && (addr % width !== 0 || pos + width > bytes.length)) width >>= 1;
    let lo: number;
    let hi = 0;
    if (width === 8) {
      lo = view.getUint32(pos, true);
      hi = view.getUint32(pos + 4, true);
    } else if (width === 4) lo = view.getUint32(pos, true);
    else if (width === 2) lo = view.getUint16(pos, true);
    else lo = bytes[pos]!;
    if (lo !== 0 || hi !== 0) {
      add((b) => b.aImm(addr).bImm64(lo, hi).op(OP_COPYB).storeInd(0, width).j(4, 4).note(`init data 0x${addr.toString(16)}`));
    }
    pos += width;
  }
}

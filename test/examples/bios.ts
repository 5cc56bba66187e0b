// The steps zisk-ts runs for a guest example besides the program's RISC-V instructions: its BIOS
// (src/transpiler/bios.ts). guest/expected/steps.json counts RISC-V instructions (measured under
// qemu), so zisk-ts's step count of every example run is exactly that plus BIOS_STEPS.
//
//   0x1000  jump over the end instruction                                      1
//           data initialisation: one store per non-zero aligned piece of RAM    DATA_INIT_STORES
//           marchid, mtvec, a0 = INPUT_ADDR, a1 = OUTPUT_ADDR, call the entry   5
//           (the program, to its exit ecall: steps.json)
//           trap handler: a7 == 93?                                             1
//           x11 = 32, x12 = 0, x13 = OUTPUT_ADDR                                3
//           32 × (all published?, load word, pubout, x13 += 8, x12 += 1)        160
//           all published? (yes), jump to the end, end                          3
//
// The examples are plain RV64IMA C: no instruction expands to several steps.
import { PF_W, PT_LOAD, readElf, readGuestElf, type Example } from '../oracles/index.js';

export const BIOS_FIXED_STEPS = 1 + 5 + 1 + 3 + 32 * 5 + 3;

/**
 * Every example's initialised RAM data is the SDK runtime's `input_pos = 8` (guest/sdk/runtime.c),
 * one non-zero 8-byte word: one store. dataInitStores() checks it on the ELF.
 */
export const DATA_INIT_STORES = 1;
export const BIOS_STEPS = BIOS_FIXED_STEPS + DATA_INIT_STORES;

/** Non-zero aligned 8-byte words in the file bytes of the ELF's writable segments (all 8-aligned here). */
export function dataInitStores(example: Example): number {
  const elf = readGuestElf(example);
  const info = readElf(elf);
  let stores = 0;
  for (const s of info.segments.filter((x) => x.type === PT_LOAD && (x.flags & PF_W) !== 0)) {
    if (s.vaddr % 8 !== 0 || s.filesz % 8 !== 0) throw new Error(`${example}: RAM segment at 0x${s.vaddr.toString(16)} is not in whole words`);
    const view = new DataView(elf.buffer, elf.byteOffset + s.offset, s.filesz);
    for (let o = 0; o < s.filesz; o += 8) if (view.getBigUint64(o, true) !== 0n) stores++;
  }
  return stores;
}

/**
 * RomDataTable: the program's read-only data, one aligned word per row, as program columns
 * `[addr, lo, hi]` (committed per program, like the Rom table's instructions: the commitment is part
 * of the program's identity). Its witness column counts how many times RomData looked each word up —
 * once per run of rows at one address, when the address is first read.
 *
 * ZisK instead has the BIOS store every read-only word into the ROM area at boot (one Main step per
 * word, every proof) so that RomData's first access of a word matches a write. Our BIOS copies only
 * RAM data, and a table of w words costs about 10 columns × w rows against ZisK's Main row (≈ 100
 * columns) plus a RomData row per word: the lookup is both what our transpiler needs and cheaper.
 * The table covers the span the emulator lets a program read: [romBase, romEnd), every ROM segment
 * rounded out to whole words, gaps between segments reading zero.
 */
import { defineAir } from '../../air/index.js';
import { Matrix } from '../../matrix/index.js';
import { ROM_ADDR, type ZiskRom } from '../../zisk/index.js';
import { ROM_DATA_BUS } from './mem-air.js';

export const romDataTableAir = defineAir({
  name: 'RomDataTable',
  columns: { multiplicity: 1 },
  program: { addr: 1, lo: 1, hi: 1 },
  eval(b) {
    const p = b.program;
    b.lookupProves('a word of the program\'s read-only data', ROM_DATA_BUS, [p.addr, p.lo, p.hi], b.main.multiplicity);
  },
});

/** The readable ROM span in words: [firstWord, firstWord + words). */
export interface RomSpan {
  readonly firstWord: number;
  readonly words: number;
}

/** The words a program may read in the ROM area (as the emulator maps them). */
export function romSpan(rom: ZiskRom): RomSpan {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of rom.roData) {
    lo = Math.min(lo, s.addr);
    hi = Math.max(hi, s.addr + s.size);
  }
  if (!(lo < hi)) return { firstWord: ROM_ADDR / 8, words: 0 };
  const firstWord = Math.floor(lo / 8);
  return { firstWord, words: Math.ceil(hi / 8) - firstWord };
}

const MIN_LOG_ROWS = 2;

export function romDataLogRows(span: RomSpan): number {
  return Math.max(MIN_LOG_ROWS, Math.ceil(Math.log2(Math.max(1, span.words))));
}

/** The program's read-only words, little-endian limbs: lo[i], hi[i] for word firstWord + i. */
export function romDataWords(rom: ZiskRom, span: RomSpan = romSpan(rom)): { lo: Uint32Array; hi: Uint32Array } {
  const bytes = new Uint8Array(span.words * 8);
  for (const s of rom.roData) bytes.set(s.data, s.addr - span.firstWord * 8);
  const v = new DataView(bytes.buffer);
  const lo = new Uint32Array(span.words);
  const hi = new Uint32Array(span.words);
  for (let i = 0; i < span.words; i++) {
    lo[i] = v.getUint32(8 * i, true);
    hi[i] = v.getUint32(8 * i + 4, true);
  }
  return { lo, hi };
}

/** The program columns: one row per readable word, zero rows after (never looked up: addr 0 is outside RomData). */
export function romDataProgramColumns(rom: ZiskRom): Matrix {
  const span = romSpan(rom);
  const { lo, hi } = romDataWords(rom, span);
  const m = new Matrix(3, 2 ** romDataLogRows(span));
  const c = romDataTableAir.programCols;
  for (let i = 0; i < span.words; i++) {
    m.setU32(i, c.addr, span.firstWord + i);
    m.setU32(i, c.lo, lo[i]!);
    m.setU32(i, c.hi, hi[i]!);
  }
  return m;
}

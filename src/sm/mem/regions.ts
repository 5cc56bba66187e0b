/**
 * The three memory regions, each proved by its own instantiation of the Mem AIR template.
 *
 * Addresses inside an AIR are word addresses (byte address / 8). A region is [base, base + size)
 * in bytes; its words are [baseWord, endWord].
 */
import { INPUT_ADDR, MAX_INPUT_SIZE, RAM_ADDR, RAM_SIZE, ROM_ADDR, ROM_ADDR_MAX } from '../../zisk/index.js';

/**
 * How a region's values behave:
 *  - 'ram': read-write; the first access of a word is a write or a read of zero (RAM starts zeroed);
 *  - 'rom': read-only; the first access of a word reads the program's data (RomDataTable);
 *  - 'input': read-only and private: the first access of a word may read any 64-bit value, and the
 *    free-input slot (the region's first word) may read a new value every time.
 */
export type RegionKind = 'ram' | 'rom' | 'input';

export interface Region {
  /** Index in REGIONS; the counters and planner are indexed by it. */
  readonly index: number;
  /** The AIR's name. */
  readonly name: string;
  readonly kind: RegionKind;
  /** First byte address. */
  readonly base: number;
  /** Size in bytes. */
  readonly size: number;
  readonly baseWord: number;
  /** Last word address (inclusive). */
  readonly endWord: number;
}

function region(index: number, name: string, kind: RegionKind, base: number, size: number): Region {
  return { index, name, kind, base, size, baseWord: base / 8, endWord: (base + size) / 8 - 1 };
}

export const REGION_RAM = 0;
export const REGION_ROM = 1;
export const REGION_INPUT = 2;

export const REGIONS: readonly Region[] = [
  region(REGION_RAM, 'Mem', 'ram', RAM_ADDR, RAM_SIZE),
  region(REGION_ROM, 'RomData', 'rom', ROM_ADDR, ROM_ADDR_MAX - ROM_ADDR),
  region(REGION_INPUT, 'InputData', 'input', INPUT_ADDR, MAX_INPUT_SIZE),
];

const RAM_WORD = RAM_ADDR / 8;
const ROM_WORD = ROM_ADDR / 8;
const INPUT_WORD = INPUT_ADDR / 8;
const ROM_END_WORD = ROM_ADDR_MAX / 8;
const RAM_END_WORD = (RAM_ADDR + RAM_SIZE) / 8;
const INPUT_END_WORD = (INPUT_ADDR + MAX_INPUT_SIZE) / 8;

/** The region holding word `w`, or −1 (no honest execution touches such a word: the emulator faults). */
export function regionOfWord(w: number): number {
  if (w >= RAM_WORD) return w < RAM_END_WORD ? REGION_RAM : -1;
  if (w >= ROM_WORD) return w < ROM_END_WORD ? REGION_ROM : -1;
  if (w >= INPUT_WORD) return w < INPUT_END_WORD ? REGION_INPUT : -1;
  return -1;
}

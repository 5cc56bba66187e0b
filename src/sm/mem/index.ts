/**
 * The memory family: the Mem AIR template for the three regions (Mem = RAM, RomData, InputData),
 * MemAlign for every access that is not an aligned 8-byte one, the RomDataTable of the program's
 * read-only data, their counter, address planner, collectors and global terms.
 *
 * Where and why the design differs from ZisK's (details at each AIR):
 * - Mem: 40-bit increments (three range checks 16 + 16 + 8) instead of 22 + 16 bits with inserted
 *   rows for far-apart accesses: every mem_step is below 2^38, so no access is ever too far from
 *   its predecessor and the planner never inserts rows. One more column, no extra LogUp column.
 * - RomData: the first read of a word is looked up in RomDataTable (the ROM's data as program
 *   columns) because our BIOS copies only RAM data; ZisK instead copies read-only data with one
 *   BIOS step per word at every boot, which costs more (rom-data.ts).
 * - MemAlign: one row per access with byte columns instead of ZisK's 2–5-row programs and their
 *   MemAlignRom table: about half the cost per access inside a word, and a third for stores
 *   (align-air.ts). Accesses across two words have their own instantiation, MemAlignStraddle,
 *   planned only when a program makes them.
 * - Padding rows of the Mem AIRs still range-check their (zero) increments: every row of the
 *   ordering is checked, so padding needs no special case in the ordering argument.
 * - Memory continuations carry `[base, segment, isFirst, addr, step, lo, hi]`: ZisK's message and a
 *   flag that only the verifier's initial state sets, so the instance taking that state must call
 *   itself first and start at a new address (ZisK leaves is_first_segment to the prover). The
 *   verifier's one global term per used region starts the chain at the word below the region; the
 *   last instance proves nothing (the closure), so the messages balance only with exactly one chain.
 */
export { memComponent, memGlobalTerms, initialState, MAX_MEM_LOG_ROWS, type MemPlanMeta } from './component.js';
export { MEM_AIRS, memLayout, MEMORY_LOAD_OP, MEMORY_STORE_OP, ROM_DATA_BUS, type MemLayout } from './mem-air.js';
export { memAlignAir, memAlignStraddleAir, alignLayout, ALIGN_WIDTHS, type AlignLayout } from './align-air.js';
export { romDataTableAir, romSpan, romDataWords, romDataProgramColumns, type RomSpan } from './rom-data.js';
export { REGIONS, REGION_RAM, REGION_ROM, REGION_INPUT, regionOfWord, type Region, type RegionKind } from './regions.js';
export { MemCounter, type MemCounts, type RegionCount } from './counter.js';
export { planByAddress, fitLogRows, type MemInstancePlan, type MemSlice, type PreviousState } from './planner.js';
export { alignKind, ALIGN_NONE, ALIGN_ONE_WORD, ALIGN_TWO_WORDS, WordAccesses } from './access.js';

/**
 * Bus identifiers. One numbering serves both layers: the execution-time data bus that routes
 * messages between counters and collectors, and the proof-time buses that the AIRs balance with
 * LogUp. The message layouts are written once, here, next to the ids.
 */

/**
 * Operations proved by a specialised state machine (Binary, BinaryExtension, Arith, …).
 * Proof-time message: `[op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, flag]`; Main assumes it for every
 * external op, the specialised AIR proves it.
 */
export const OPERATION_BUS = 5000;

/**
 * The program: Main assumes `[pc, a_offset_imm0, a_imm1, b_offset_imm0, b_imm1, ind_width, op,
 * store_offset, jmp_offset1, jmp_offset2, flags]` on every row; Rom proves each line with its
 * execution count.
 */
export const ROM_BUS = 7890;

/**
 * Memory accesses, a permutation: `[op (1 load, 2 store), addr, mem_step, bytes, value_lo, value_hi]`.
 * Main assumes its accesses; Mem (aligned 8-byte words), MemAlign (sub-word and unaligned) and the
 * other memory AIRs prove them.
 */
export const MEMORY_BUS = 10;

/** Main segment chaining: `[segment, is_last, pc, c_lo, c_hi, first_step]` (see sm/main). */
export const MAIN_CONTINUATION_BUS = 1000;

/** Mem instance chaining across address cuts (see sm/mem). */
export const MEMORY_CONTINUATION_BUS = 11;

/** Shared range-check tables: `[range_id, value]` (see sm/range). */
export const RANGE_BUS = 100;

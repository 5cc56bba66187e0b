/**
 * Execution-time message layouts (u32 words). 64-bit quantities are split into low and high words.
 *
 * Operation bus (OPERATION_BUS), one message per external operation, and per derived operation:
 *
 *   0 op   1 opType   2 aLo  3 aHi   4 bLo  5 bHi   6 cLo  7 cHi   8 flag   9 stepLo  10 stepHi
 *
 * Memory bus (MEMORY_BUS), one message per memory access of Main (registers included: they live at
 * SYS_ADDR + 8·index, see docs/state-machines.md):
 *
 *   0 op (1 load, 2 store)   1 addr   2 memStepLo  3 memStepHi   4 bytes (1, 2, 4, 8)
 *   5 v0Lo  6 v0Hi   7 v1Lo  8 v1Hi     raw aligned word(s) covering the access: for loads the
 *                                       value(s) read; for stores the previous content (an aligned
 *                                       8-byte store has none: v0 = the stored value)
 *   9 valueLo  10 valueHi               stores: the value written (its low `bytes` bytes); loads: 0
 */
export const OP = {
  op: 0,
  opType: 1,
  aLo: 2,
  aHi: 3,
  bLo: 4,
  bHi: 5,
  cLo: 6,
  cHi: 7,
  flag: 8,
  stepLo: 9,
  stepHi: 10,
  size: 11,
} as const;

export const MEM = {
  op: 0,
  addr: 1,
  memStepLo: 2,
  memStepHi: 3,
  bytes: 4,
  v0Lo: 5,
  v0Hi: 6,
  v1Lo: 7,
  v1Hi: 8,
  valueLo: 9,
  valueHi: 10,
  size: 11,
} as const;

export const MEM_LOAD = 1;
export const MEM_STORE = 2;

/**
 * The observer: how state machines see an execution (a replayed chunk, or a direct run). It is the
 * hook the bus is built on: Main reads every step's row, Mem every memory access, Binary/Arith the
 * external ops (op, a, b, c, flag), Rom the per-pc counts, and the register accesses feed Main's
 * register columns (registers x1..x31 live inside Main).
 *
 * Contract:
 * - The emulator fills one record object per kind and passes the same object on every call: read its
 *   fields during the call and copy what you keep. Nothing is allocated per step.
 * - Within a step, callbacks come in execution order: reads of a (slot 0), reads of b (slot 1), the
 *   write of c (slot 2), then onStep for the step.
 * - 64-bit values are split in int32 halves (`lo | 0`, `hi | 0`); read them with `>>> 0` as unsigned.
 * - Returning true from onStep stops the replay after that step (a collector that has all it needs).
 */

/** The step just executed. */
export class StepRecord {
  /** Step number, counted from 0 at ROM_ENTRY. */
  step = 0;
  pc = 0;
  /** Index of the instruction in rom.insts. */
  inst = 0;
  aLo = 0;
  aHi = 0;
  bLo = 0;
  bHi = 0;
  cLo = 0;
  cHi = 0;
  /** 0 or 1. */
  flag = 0;
  /** The pc of the next step. */
  nextPc = 0;
}

export const MEM_OP_LOAD = 1;
export const MEM_OP_STORE = 2;

/**
 * One memory access, the content of ZisK's memory bus message
 * `[op, addr, mem_step, bytes, mem_value_0, mem_value_1, value]`.
 */
export class MemoryRecord {
  /** MEM_OP_LOAD or MEM_OP_STORE. */
  op = 0;
  /** The accessed address (not rounded down). */
  addr = 0;
  /** 1 + 4·step + slot: slot 0 read of a, 1 read of b, 2 write of c. */
  memStep = 0;
  slot = 0;
  step = 0;
  /** Bytes accessed: 1, 2, 4 or 8. */
  bytes = 0;
  /**
   * Loads: the raw aligned word(s) covering the access (v1 only when it straddles two words, else 0).
   * Stores: the previous raw aligned word(s) — except an aligned 8-byte store, which overwrites the
   * whole word and has no previous value in the trace: then v0 = the stored value, v1 = 0 (as ZisK).
   */
  v0Lo = 0;
  v0Hi = 0;
  v1Lo = 0;
  v1Hi = 0;
  /** Stores: the 64-bit value being stored (its low `bytes` bytes are written). Loads: 0. */
  valueLo = 0;
  valueHi = 0;
}

/** One read or write of a Main register x1..x31. */
export class RegisterRecord {
  reg = 0;
  /** 0 read as a, 1 read as b, 2 written with c. */
  slot = 0;
  /** 1 for the write of slot 2, else 0. */
  write = 0;
  lo = 0;
  hi = 0;
  /** 1 + 4·step + slot. */
  memStep = 0;
  step = 0;
}

export interface ExecutionObserver {
  onStep(r: StepRecord): boolean;
  onMemory(m: MemoryRecord): void;
  onRegister(g: RegisterRecord): void;
}

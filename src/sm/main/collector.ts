/**
 * Main's collector: an execution observer that fills the rows of one chunk of a segment while the
 * chunk is replayed. Registers: within the chunk, each access's previous access is known; the first
 * access of each register in the chunk is left for the instance to link once all the segment's
 * chunks are in (its previous access lies in an earlier chunk or at the segment's start).
 */
import type { Collector } from '../../executor/index.js';
import type { ExecutionObserver, MemoryRecord, RegisterRecord, StepRecord } from '../../emulator/index.js';
import type { Matrix } from '../../matrix/index.js';
import { mainAir, MAIN_REGS, LINK_LOW_BITS } from './air.js';

// Module-local copies: imported bindings may compile to getter calls in the hot paths.
const c = mainAir.cols;
const REGS = MAIN_REGS;
const LOW_BITS = LINK_LOW_BITS;
const LOW_MASK = (1 << LOW_BITS) - 1;
const MAX_LINK = 2 ** (LOW_BITS + 8);
const TWO_32 = 4294967296;

/**
 * What the chunks of one instance share: the trace, views of the columns the collectors write, the
 * instruction of each row and the range checks made.
 */
export class SegmentBuffers {
  /** One view per trace column (Matrix.column). */
  readonly columns: readonly Uint32Array[];
  readonly a0: Uint32Array;
  readonly a1: Uint32Array;
  readonly b0: Uint32Array;
  readonly b1: Uint32Array;
  readonly c0: Uint32Array;
  readonly c1: Uint32Array;
  readonly flag: Uint32Array;
  readonly row: Uint32Array;
  /** Previous mem_step and link high byte, per slot (0 a, 1 b, 2 store). */
  readonly prev: readonly Uint32Array[];
  readonly linkHi: readonly Uint32Array[];
  readonly prevValue0: Uint32Array;
  readonly prevValue1: Uint32Array;
  /** The ROM instruction of each row; its columns are written once all chunks are in. */
  readonly instIndex: Int32Array;
  /** Range checks made: 16-bit and 8-bit values. */
  readonly range16 = new Float64Array(1 << LOW_BITS);
  readonly range8 = new Float64Array(256);

  constructor(
    readonly trace: Matrix,
    readonly firstStep: number,
  ) {
    const col = (j: number) => trace.column(j);
    this.columns = Array.from({ length: trace.width }, (_, j) => col(j));
    [this.a0, this.a1, this.b0, this.b1, this.c0, this.c1] = [c.a[0]!, c.a[1]!, c.b[0]!, c.b[1]!, c.c[0]!, c.c[1]!].map(col) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    this.flag = col(c.flag);
    this.row = col(c.row);
    this.prev = [c.aRegPrevMemStep, c.bRegPrevMemStep, c.storeRegPrevMemStep].map(col);
    this.linkHi = [c.aRegLinkHi, c.bRegLinkHi, c.storeRegLinkHi].map(col);
    this.prevValue0 = col(c.storeRegPrevValue[0]!);
    this.prevValue1 = col(c.storeRegPrevValue[1]!);
    this.instIndex = new Int32Array(trace.height);
  }

  /** Writes the previous access of a register link and counts its range check. */
  link(row: number, slot: number, memStep: number, prev: number): void {
    const length = memStep - prev - 1;
    if (!(length >= 0 && length < MAX_LINK)) {
      throw new Error(`Main: register link of length ${length} at row ${row} (slot ${slot}) is outside [0, 2^${LOW_BITS + 8})`);
    }
    const p = this.prev[slot]!;
    p[2 * row] = prev >>> 0;
    p[2 * row + 1] = (prev / TWO_32) >>> 0;
    const hi = length >>> LOW_BITS;
    this.linkHi[slot]![2 * row] = hi;
    this.range16[length & LOW_MASK]!++;
    this.range8[hi]!++;
  }
}

export class MainCollector implements Collector, ExecutionObserver {
  readonly observer: ExecutionObserver = this;
  /** Steps seen. */
  steps = 0;
  /** pc after the chunk's last step, and that step's c. */
  nextPc = 0;
  lastCLo = 0;
  lastCHi = 0;
  /** Per register (index = register number): touched in the chunk, last mem_step, value after it. */
  readonly touched = new Uint8Array(REGS + 1);
  readonly lastMemStep = new Float64Array(REGS + 1);
  readonly valueLo = new Int32Array(REGS + 1);
  readonly valueHi = new Int32Array(REGS + 1);
  /** The first access of each register in the chunk: its row, slot and mem_step (to link later). */
  readonly firstRow = new Int32Array(REGS + 1);
  readonly firstSlot = new Int8Array(REGS + 1);
  readonly firstMemStep = new Float64Array(REGS + 1);
  private readonly firstStep: number;

  constructor(private readonly s: SegmentBuffers) {
    this.firstStep = s.firstStep;
  }

  onRegister(g: RegisterRecord): void {
    const reg = g.reg;
    const row = g.step - this.firstStep;
    if (!(reg >= 1 && reg <= REGS)) throw new Error(`Main: register x${reg} at step ${g.step} is not one of x1..x${REGS}`);
    const slot = g.slot;
    if (this.touched[reg]) {
      this.s.link(row, slot, g.memStep, this.lastMemStep[reg]!);
      if (slot === 2) {
        this.s.prevValue0[2 * row] = this.valueLo[reg]!;
        this.s.prevValue1[2 * row] = this.valueHi[reg]!;
      }
    } else {
      this.touched[reg] = 1;
      this.firstRow[reg] = row;
      this.firstSlot[reg] = slot;
      this.firstMemStep[reg] = g.memStep;
    }
    this.lastMemStep[reg] = g.memStep;
    this.valueLo[reg] = g.lo;
    this.valueHi[reg] = g.hi;
  }

  onStep(r: StepRecord): boolean {
    const s = this.s;
    const row = r.step - this.firstStep;
    const at = 2 * row;
    s.instIndex[row] = r.inst;
    s.a0[at] = r.aLo;
    s.a1[at] = r.aHi;
    s.b0[at] = r.bLo;
    s.b1[at] = r.bHi;
    s.c0[at] = r.cLo;
    s.c1[at] = r.cHi;
    s.flag[at] = r.flag;
    s.row[at] = row;
    this.steps++;
    this.nextPc = r.nextPc;
    this.lastCLo = r.cLo;
    this.lastCHi = r.cHi;
    return false;
  }

  onMemory(_m: MemoryRecord): void {}
}

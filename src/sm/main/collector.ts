/**
 * Main's collector: an execution observer that fills the rows of one chunk of a segment while the
 * chunk is replayed. Registers: within the chunk, each access's previous access is known; the first
 * access of each register in the chunk is left for the instance to link once all the segment's
 * chunks are in (its previous access lies in an earlier chunk or at the segment's start).
 */
import type { Collector } from '../../executor/index.js';
import type { ExecutionObserver, MemoryRecord, RegisterRecord, StepRecord } from '../../emulator/index.js';
import { mainAir, MAIN_REGS, LINK_LOW_BITS } from './air.js';

const c = mainAir.cols;
const TWO_32 = 4294967296;
const LOW_MASK = (1 << LINK_LOW_BITS) - 1;

/** What the chunks of one instance share: the trace's column views and the counts they add to. */
export interface SegmentBuffers {
  /** One view per trace column (Matrix.column). */
  readonly columns: readonly Uint32Array[];
  /** The ROM instruction of each row; its columns are written once all chunks are in. */
  readonly instIndex: Int32Array;
  readonly firstStep: number;
  /** Range checks made: 16-bit and 8-bit values. */
  readonly range16: Float64Array;
  readonly range8: Float64Array;
}

/** Writes the previous access of a register link and counts its range check. */
export function writeLink(s: SegmentBuffers, row: number, slot: number, memStep: number, prev: number): void {
  const length = memStep - prev - 1;
  if (!(length >= 0 && length < 2 ** (LINK_LOW_BITS + 8))) {
    throw new Error(`Main: register link of length ${length} at row ${row} (slot ${slot}) is outside [0, 2^${LINK_LOW_BITS + 8})`);
  }
  const prevCol = slot === 0 ? c.aRegPrevMemStep : slot === 1 ? c.bRegPrevMemStep : c.storeRegPrevMemStep;
  const hiCol = slot === 0 ? c.aRegLinkHi : slot === 1 ? c.bRegLinkHi : c.storeRegLinkHi;
  const p = s.columns[prevCol]!;
  p[2 * row] = prev >>> 0;
  p[2 * row + 1] = (prev / TWO_32) >>> 0;
  const hi = (length / (LOW_MASK + 1)) >>> 0;
  s.columns[hiCol]![2 * row] = hi;
  s.range16[length & LOW_MASK]!++;
  s.range8[hi]!++;
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
  readonly touched = new Uint8Array(MAIN_REGS + 1);
  readonly lastMemStep = new Float64Array(MAIN_REGS + 1);
  readonly valueLo = new Int32Array(MAIN_REGS + 1);
  readonly valueHi = new Int32Array(MAIN_REGS + 1);
  /** The first access of each register in the chunk: its row, slot and mem_step (to link later). */
  readonly firstRow = new Int32Array(MAIN_REGS + 1);
  readonly firstSlot = new Int8Array(MAIN_REGS + 1);
  readonly firstMemStep = new Float64Array(MAIN_REGS + 1);

  constructor(
    private readonly s: SegmentBuffers,
    /** The step of the chunk's first step. */
    readonly startStep: number,
  ) {}

  onRegister(g: RegisterRecord): void {
    const s = this.s;
    const reg = g.reg;
    const row = g.step - s.firstStep;
    if (reg < 1 || reg > MAIN_REGS) throw new Error(`Main: register x${reg} at step ${g.step} is not one of x1..x${MAIN_REGS}`);
    const slot = g.slot;
    if (this.touched[reg]) {
      writeLink(s, row, slot, g.memStep, this.lastMemStep[reg]!);
      if (slot === 2) {
        const v = s.columns[c.storeRegPrevValue[0]!]!;
        const w = s.columns[c.storeRegPrevValue[1]!]!;
        v[2 * row] = this.valueLo[reg]!;
        w[2 * row] = this.valueHi[reg]!;
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
    const row = r.step - s.firstStep;
    s.instIndex[row] = r.inst;
    const cols = s.columns;
    const at = 2 * row;
    cols[c.a[0]!]![at] = r.aLo;
    cols[c.a[1]!]![at] = r.aHi;
    cols[c.b[0]!]![at] = r.bLo;
    cols[c.b[1]!]![at] = r.bHi;
    cols[c.c[0]!]![at] = r.cLo;
    cols[c.c[1]!]![at] = r.cHi;
    cols[c.flag]![at] = r.flag;
    cols[c.row]![at] = row;
    this.steps++;
    this.nextPc = r.nextPc;
    this.lastCLo = r.cLo;
    this.lastCHi = r.cHi;
    return false;
  }

  onMemory(_m: MemoryRecord): void {}
}

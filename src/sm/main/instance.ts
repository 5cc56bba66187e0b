/**
 * A Main instance: one segment of the execution, a whole number of chunks. Its collectors fill the
 * rows of their chunks as the chunks are replayed; `computeWitness` then links each register's
 * first access in a chunk to its last access in an earlier chunk (or to the segment's start, where
 * the previous segment reloaded it), pads the last segment with the end instruction, writes the
 * instruction columns, sets the air values and reports the Rom and range multiplicities.
 *
 * Everything comes from the instance's own chunks: the register values at the segment's start are
 * in its first chunk's minimal trace, and the previous access of a register untouched so far in the
 * segment is the reload at mem_step 4·first_step (0 for the first segment, where the global terms
 * put x1..x31 = 0).
 */
import type { AirInstance } from '../../air/index.js';
import type { Collector, Instance, WitnessInputs } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { checkPointChunks, type ChunkId, type Plan } from '../../planner/index.js';
import { rangeCounts } from '../range/index.js';
import { romMultiplicities } from '../rom/index.js';
import { LINK_LOW_BITS, MAIN_REGS, mainAir } from './air.js';
import { MainCollector, SegmentBuffers } from './collector.js';
import { firstUnprovableRow, INSTRUCTION_COLUMNS, romColumns, writeInstructions } from './rom-columns.js';

/** What Main's planner tells its instances. */
export interface MainMeta {
  readonly isLastSegment: boolean;
  /** Steps per chunk: the chunk at position k of the checkpoint fills rows [k·chunkSize, (k+1)·chunkSize). */
  readonly chunkSize: number;
}

const av = mainAir.airValueIndex;

export class MainInstance implements Instance {
  readonly instanceType = 'instance' as const;
  private buffers: SegmentBuffers | undefined;

  constructor(readonly plan: Plan<MainMeta>) {}

  get rows(): number {
    return 2 ** this.plan.logRows;
  }

  /** The step of the segment's first row: where its first chunk starts (the last segment may be shorter than the others). */
  get firstStep(): number {
    return checkPointChunks(this.plan.checkPoint)[0]! * this.plan.meta.chunkSize;
  }

  checkPoint() {
    return this.plan.checkPoint;
  }

  buildInputsCollector(chunk: ChunkId): Collector {
    const chunks = checkPointChunks(this.plan.checkPoint);
    const k = chunks.indexOf(chunk);
    if (k < 0) throw new Error(`Main #${this.plan.segment}: chunk ${chunk} is not one of its chunks (${chunks.join(', ')})`);
    this.buffers ??= new SegmentBuffers(new Matrix(mainAir.width, this.rows), this.firstStep);
    return new MainCollector(this.buffers);
  }

  computeWitness({ rom, collectors, traces, tables }: WitnessInputs): AirInstance {
    const { plan } = this;
    const name = `Main #${plan.segment}`;
    const s = this.buffers;
    const chunks = checkPointChunks(plan.checkPoint);
    if (!s || collectors.length !== chunks.length || traces.length !== chunks.length) {
      throw new Error(`${name}: computeWitness needs the collectors and minimal traces of its ${chunks.length} chunks`);
    }
    this.buffers = undefined;
    const n = this.rows;
    const cols = collectors.map((col, k) => {
      if (!(col instanceof MainCollector)) throw new Error(`${name}: the collector of chunk ${chunks[k]} is not Main's`);
      if (col.steps !== traces[k]!.steps) throw new Error(`${name}: chunk ${chunks[k]} replayed ${col.steps} of its ${traces[k]!.steps} steps`);
      return col;
    });
    const filled = cols.reduce((t, col) => t + col.steps, 0);
    const lastTrace = traces[traces.length - 1]!;
    if (plan.meta.isLastSegment ? !lastTrace.end : filled !== n) {
      throw new Error(plan.meta.isLastSegment
        ? `${name}: the last segment does not end with the end instruction`
        : `${name}: a segment that is not the last must fill its ${n} rows, it has ${filled} steps`);
    }

    // Link every register's first access in each chunk to its previous access.
    const lastStep = new Float64Array(MAIN_REGS + 1).fill(4 * this.firstStep);
    const valueLo = new Uint32Array(MAIN_REGS + 1);
    const valueHi = new Uint32Array(MAIN_REGS + 1);
    for (let r = 1; r <= MAIN_REGS; r++) {
      valueLo[r] = traces[0]!.regs[2 * r]!;
      valueHi[r] = traces[0]!.regs[2 * r + 1]!;
    }
    cols.forEach((col, k) => {
      for (let r = 1; r <= MAIN_REGS; r++) {
        if (!col.touched[r]) continue;
        const row = col.firstRow[r]!;
        s.link(row, col.firstSlot[r]!, col.firstMemStep[r]!, lastStep[r]!);
        if (col.firstSlot[r] === 2) {
          // A write first: the register held its value at the chunk's start.
          s.prevValue0[2 * row] = traces[k]!.regs[2 * r]!;
          s.prevValue1[2 * row] = traces[k]!.regs[2 * r + 1]!;
        }
        lastStep[r] = col.lastMemStep[r]!;
        valueLo[r] = col.valueLo[r]!;
        valueHi[r] = col.valueHi[r]!;
      }
    });

    // Padding rows repeat the end instruction (a = b = c = 0, flag = 0, pc loops on itself).
    const rc = romColumns(rom);
    for (let r = filled; r < n; r++) {
      s.instIndex[r] = rc.endIndex;
      s.row[2 * r] = r;
    }
    const bad = firstUnprovableRow(rc, s.instIndex, n);
    if (bad >= 0) {
      const inst = rom.insts[s.instIndex[bad]!]!;
      throw new Error(`Main cannot prove step ${this.firstStep + bad} at pc 0x${inst.paddr.toString(16)}: ${rc.unprovable[s.instIndex[bad]!]}`);
    }
    writeInstructions(rc, s.instIndex, n, INSTRUCTION_COLUMNS.map((j) => s.columns[j]!), romMultiplicities(tables, rom));

    // Air values.
    const values = new Array<bigint>(mainAir.airValueCount).fill(0n);
    const set = (i: number, x: number) => (values[i] = BigInt(x));
    const lastCol = cols[cols.length - 1]!;
    const padded = filled < n;
    const end = rom.insts[rc.endIndex]!;
    set(av.segment, plan.segment);
    set(av.isLastSegment, plan.meta.isLastSegment ? 1 : 0);
    set(av.firstStep, this.firstStep);
    set(av.rows, n);
    set(av.initialPc, traces[0]!.startPc);
    set(av.previousC[0]!, traces[0]!.startCLo >>> 0);
    set(av.previousC[1]!, traces[0]!.startCHi >>> 0);
    set(av.nextPc, padded ? end.paddr + end.jmpOffset2 : lastCol.nextPc);
    set(av.lastC[0]!, padded ? 0 : lastCol.lastCLo >>> 0);
    set(av.lastC[1]!, padded ? 0 : lastCol.lastCHi >>> 0);
    const reload = 4 * (this.firstStep + n);
    for (let r = 1; r <= MAIN_REGS; r++) {
      const k = r - 1;
      set(av.lastRegValue[2 * k]!, valueLo[r]!);
      set(av.lastRegValue[2 * k + 1]!, valueHi[r]!);
      set(av.lastRegMemStep[k]!, lastStep[r]!);
      const length = reload - lastStep[r]! - 1;
      const hi = Math.floor(length / (1 << LINK_LOW_BITS));
      set(av.lastRegLinkHi[k]!, hi);
      s.range16[length % (1 << LINK_LOW_BITS)]!++;
      s.range8[hi]!++;
    }
    addCounts(rangeCounts(tables, 16), s.range16);
    addCounts(rangeCounts(tables, 8), s.range8);
    return { air: mainAir, trace: s.trace, airValues: values, label: name };
  }

  debug(): string {
    const chunks = checkPointChunks(this.plan.checkPoint);
    return `Main #${this.plan.segment}: 2^${this.plan.logRows} rows, chunks ${chunks[0]}–${chunks[chunks.length - 1]}${this.plan.meta.isLastSegment ? ' (last)' : ''}`;
  }

  reset(): void {
    this.buffers = undefined;
  }
}

function addCounts(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < from.length; i++) if (from[i]) into[i]! += from[i]!;
}

/**
 * Runs a compiled program (program.ts) over blocks of rows with the constraint kernel, one kernel
 * instance per thread. Per block it copies the input columns' rows (current and next) into kernel
 * memory — one contiguous copy per column and offset, except the one wrap-around block in n of the
 * extended domain — sets the selectors and runs the program.
 *
 * Everything here is plain data in and out, so the same code runs in the calling thread and in
 * pool workers (tasks.ts).
 */
import { instantiateKernel } from '../wasm/load.js';
import { KernelArena, type KernelExports } from '../wasm/arena.js';
import * as gl from '../field/reference.js';
import { Source, Selector, SOURCE_COUNT, type Program } from './program.js';
import { LdeBlocks, domainRows, ldeNextStart, wrapPermutation, type DomainSpec } from './domain.js';

interface ConstraintKernel extends KernelExports {
  run(code: number, count: number, vec: number, slotBytes: number, scal: number, rows: number, scratch: number): void;
  firstNonZero(a: number, rows: number): number;
  bitrevPowers(out: number, logB: number, wLo: number, wHi: number): void;
  ldeSelectors(table: number, rows: number, params: number, first: number, last: number, trans: number, work: number): void;
}

/** A matrix as plain data: column-major u64 pairs (Matrix layout), possibly SharedArrayBuffer-backed. */
export interface MatrixData {
  readonly data: Uint32Array;
  readonly width: number;
  readonly height: number;
}

export interface EvalJob {
  readonly program: Program;
  /** Scalar slot values (u64 pairs), `program.scalarCount` of them. */
  readonly scalars: Uint32Array;
  /** log2 of the block's rows; blocks never exceed n rows (see domain.ts). */
  readonly logBlockRows: number;
  readonly domain: DomainSpec;
  /** Indexed by Source (main, fixed, program, stage2); null where the program reads none. */
  readonly sources: readonly (MatrixData | null)[];
  /** Scalar slot that receives 1/Z_H(x) for each block of the extended domain, or −1. */
  readonly zhInvScalar: number;
}

/**
 * Largest block (rows) and the memory the slots may take; blocks are at least 2^MIN_LOG_BLOCK rows
 * when n allows. Measured on the Wide64 quotient: 2^9–2^10 rows best, 2^11 15–40% slower (the
 * lazy accumulators' 12 slots then leave L1), 2^8 about even.
 */
const MAX_LOG_BLOCK = 10;
const MIN_LOG_BLOCK = 6;
const SLOT_BUDGET_BYTES = 1 << 21;

/**
 * log2 of the block rows for a program of `slotCount` slots on a domain whose runs have 2^logRows
 * rows: as large as fits the budget (fewer instruction dispatches and column copies per row), at
 * most 2^MAX_LOG_BLOCK, at least 2^MIN_LOG_BLOCK, never above n.
 */
export function chooseLogBlockRows(slotCount: number, logRows: number): number {
  let log = MAX_LOG_BLOCK;
  while (log > MIN_LOG_BLOCK && slotCount * 8 * 2 ** log > SLOT_BUDGET_BYTES) log--;
  return Math.min(log, logRows);
}

let shared: Engine | undefined;

export class Engine {
  private readonly kernel: ConstraintKernel;
  private readonly arena: KernelArena;
  private job!: EvalJob;
  private blockRows = 0;
  private slotBytes = 0;
  private codeAt = 0;
  private scalAt = 0;
  private paramsAt = 0;
  private tableAt = 0;
  private workAt = 0;
  private vecAt = 0;
  private mem!: Uint32Array;
  private n = 0;
  private lde: LdeBlocks | undefined;
  private wrap: Int32Array | undefined;
  private selectorSlot = [-1, -1, -1];

  private constructor() {
    this.kernel = instantiateKernel<ConstraintKernel & WebAssembly.Exports>('constraints');
    this.arena = new KernelArena(this.kernel);
  }

  /** The engine of this thread. */
  static get(): Engine {
    return (shared ??= new Engine());
  }

  get rows(): number {
    return this.blockRows;
  }

  /** Prepares kernel memory for `job`: code, scalars, domain tables. */
  begin(job: EvalJob): void {
    const { program, domain } = job;
    const height = domainRows(domain);
    const B = 2 ** job.logBlockRows;
    if (job.logBlockRows > domain.logRows) throw new RangeError(`blocks of 2^${job.logBlockRows} rows exceed the 2^${domain.logRows} rows of a run`);
    if (job.scalars.length !== 2 * program.scalarCount) throw new RangeError(`${job.scalars.length / 2} scalars given, the program has ${program.scalarCount}`);
    for (let i = 0; i < program.inputs.length; i += 3) {
      const src = program.inputs[i]!;
      if (src === Source.Selector) continue;
      const m = job.sources[src];
      if (!m) throw new Error(`the program reads source ${src}, which was not given`);
      if (m.height !== height) throw new RangeError(`source ${src} has ${m.height} rows, the domain ${height}`);
      if (program.inputs[i + 1]! >= m.width) throw new RangeError(`source ${src} has ${m.width} columns, the program reads column ${program.inputs[i + 1]}`);
    }
    if (job.sources.length > SOURCE_COUNT) throw new RangeError('too many sources');
    this.job = job;
    this.n = 2 ** domain.logRows;
    this.blockRows = B;
    // Slots hold a multiple of 8 rows (the extension inversion works on whole slots).
    const slotElems = Math.ceil(B / 8) * 8;
    this.slotBytes = 8 * slotElems;
    const codeBytes = 4 * program.code.length;
    this.codeAt = 0;
    this.scalAt = align(codeBytes);
    this.paramsAt = align(this.scalAt + 8 * program.scalarCount);
    this.tableAt = this.paramsAt + 64;
    this.workAt = align(this.tableAt + 8 * B);
    this.vecAt = align(this.workAt + 8 * B);
    const base = this.arena.reserve(this.vecAt + this.slotBytes * program.slotCount);
    this.codeAt += base;
    this.scalAt += base;
    this.paramsAt += base;
    this.tableAt += base;
    this.workAt += base;
    this.vecAt += base;
    this.mem = new Uint32Array(this.kernel.memory.buffer);
    this.mem.set(new Uint32Array(program.code.buffer, program.code.byteOffset, program.code.length), this.codeAt >> 2);
    this.mem.set(job.scalars, this.scalAt >> 2);

    this.selectorSlot = [-1, -1, -1];
    for (let i = 0; i < program.inputs.length; i += 3) {
      if (program.inputs[i] === Source.Selector) this.selectorSlot[program.inputs[i + 1]!] = i / 3;
    }
    this.lde = undefined;
    this.wrap = undefined;
    if (domain.kind === 1) {
      this.lde = new LdeBlocks(domain);
      const wB = gl.rootOfUnity(job.logBlockRows);
      this.kernel.bitrevPowers(this.tableAt, job.logBlockRows, Number(wB & 0xffffffffn), Number(wB >> 32n));
      this.wrap = wrapPermutation(job.logBlockRows);
      const p = this.paramsAt >> 2;
      put(this.mem, p + 2, this.lde.wLast);
    } else {
      // Constant parts of the trace selectors; block() sets the entries that change.
      for (const sel of [Selector.IsFirstRow, Selector.IsLastRow, Selector.IsTransition]) {
        const slot = this.selectorSlot[sel]!;
        if (slot < 0) continue;
        const w = this.slotWord(slot);
        this.mem.fill(0, w, w + 2 * slotElems);
        if (sel === Selector.IsTransition) for (let j = 0; j < slotElems; j++) this.mem[w + 2 * j] = 1;
      }
    }
  }

  private slotWord(slot: number): number {
    return (this.vecAt + slot * this.slotBytes) >> 2;
  }

  /** Loads the block of rows [start, start + rows) and runs the program on it. */
  block(start: number): void {
    const { program, sources } = this.job;
    const B = this.blockRows;
    const mem = this.mem;
    const inputs = program.inputs;
    const lde = this.lde;
    let nextStart = -2;
    if (lde) nextStart = ldeNextStart(start, this.job.logBlockRows, this.job.domain.logRows);
    for (let i = 0; i < inputs.length; i += 3) {
      const src = inputs[i]!;
      if (src === Source.Selector) continue;
      const m = sources[src]!;
      const H = m.height;
      const col = 2 * inputs[i + 1]! * H;
      const data = m.data;
      const w = this.slotWord(i / 3);
      if (inputs[i + 2] === 0) {
        mem.set(data.subarray(col + 2 * start, col + 2 * (start + B)), w);
      } else if (!lde) {
        // next row on H: rows start+1 … start+B−1, then (start + B) mod n
        mem.set(data.subarray(col + 2 * (start + 1), col + 2 * (start + B)), w);
        const r = col + 2 * ((start + B) % H);
        mem[w + 2 * (B - 1)] = data[r]!;
        mem[w + 2 * (B - 1) + 1] = data[r + 1]!;
      } else if (nextStart >= 0) {
        mem.set(data.subarray(col + 2 * nextStart, col + 2 * (nextStart + B)), w);
      } else {
        const run = col + 2 * (start - (start % this.n));
        const perm = this.wrap!;
        for (let j = 0; j < B; j++) {
          const r = run + 2 * perm[j]!;
          mem[w + 2 * j] = data[r]!;
          mem[w + 2 * j + 1] = data[r + 1]!;
        }
      }
    }
    const [first, last, trans] = this.selectorSlot as [number, number, number];
    if (!lde) {
      const isLastBlock = start + B === this.n;
      if (first >= 0) this.mem[this.slotWord(first)] = start === 0 ? 1 : 0;
      if (last >= 0) this.mem[this.slotWord(last) + 2 * (B - 1)] = isLastBlock ? 1 : 0;
      if (trans >= 0) this.mem[this.slotWord(trans) + 2 * (B - 1)] = isLastBlock ? 0 : 1;
    } else if (first >= 0 || last >= 0 || trans >= 0 || this.job.zhInvScalar >= 0) {
      const c = lde.point(start);
      const k = lde.constants(start, c);
      const p = this.paramsAt >> 2;
      put(mem, p, c);
      put(mem, p + 4, k.zhOverN);
      put(mem, p + 6, k.zhLastOverN);
      if (this.job.zhInvScalar >= 0) put(mem, (this.scalAt >> 2) + 2 * this.job.zhInvScalar, k.zhInv);
      const addr = (slot: number): number => (slot >= 0 ? this.vecAt + slot * this.slotBytes : 0);
      if (first >= 0 || last >= 0 || trans >= 0) {
        this.kernel.ldeSelectors(this.tableAt, B, this.paramsAt, addr(first), addr(last), addr(trans), this.workAt);
      }
    }
    const scratch = program.scratchSlot >= 0 ? this.vecAt + program.scratchSlot * this.slotBytes : 0;
    this.kernel.run(this.codeAt, program.code.length >> 2, this.vecAt, this.slotBytes, this.scalAt, B, scratch);
  }

  /** The block's values in `slot` (2·rows words), a view valid until the next `begin`. */
  view(slot: number): Uint32Array {
    const w = this.slotWord(slot);
    return this.mem.subarray(w, w + 2 * this.blockRows);
  }

  /** Row index (in the block) of the first non-zero value of `slot`, or −1. */
  firstNonZero(slot: number): number {
    return this.kernel.firstNonZero(this.vecAt + slot * this.slotBytes, this.blockRows);
  }

  /** The scalar slots as they are now (reductions accumulate into them), copied. */
  scalars(): Uint32Array {
    const w = this.scalAt >> 2;
    return this.mem.slice(w, w + 2 * this.job.program.scalarCount);
  }
}

function align(x: number): number {
  return (x + 15) & ~15;
}

function put(mem: Uint32Array, word: number, v: bigint): void {
  mem[word] = Number(v & 0xffffffffn);
  mem[word + 1] = Number(v >> 32n);
}

/**
 * Running a program: fast mode (outputs and step count) and minimal-trace mode (the same, plus one
 * MinimalTrace per chunk). Both run compiled blocks and hand the steps blocks cannot take (a block
 * that would cross a chunk boundary or the step limit, uncompiled instructions) to the interpreter,
 * which shares the machine state, so chunks are cut at exact step multiples.
 */
import { DEFAULT_CHUNK_SIZE, DEFAULT_MAX_STEPS, OUTPUT_WORDS, ROM_ENTRY, type ZiskRom } from '../zisk/index.js';
import { CompiledProgram, END, TRACE_INT32_PER_STEP } from './compiler.js';
import { EmulatorError, Fault } from './errors.js';
import { FcallState } from './fcall.js';
import { Machine } from './machine.js';
import { GuestMemory, checkInput } from './memory.js';
import type { ExecutionObserver } from './observer.js';
import { MODE_DIRECT, MODE_RECORD, MemPort, TraceSink, UartSink } from './port.js';
import type { MinimalTrace } from './trace.js';

// Module-local copies: under tsx an imported binding compiles to a getter call, paid on every region
// call here (~4% of a sha256 minimal-trace run in CPU profiles).
const REGION_END = END;
const RESERVE_PER_STEP = TRACE_INT32_PER_STEP;

export interface RunOptions {
  /** Step limit (default ZisK's 2^36 − 1); a program that has not ended by then is an error. */
  maxSteps?: number;
  /** Receives what the guest writes to the UART; without it the bytes are returned in `stdout`. */
  stdout?: (bytes: Uint8Array) => void;
  /** 'compiled' (default) or 'interpreter' (the reference step loop alone). */
  engine?: 'compiled' | 'interpreter';
  /** Return the final memory in `memory` (default false: the RAM is recycled for the next run). */
  keepMemory?: boolean;
}

export interface TraceOptions extends RunOptions {
  /** Steps per chunk (default 2^18). */
  chunkSize?: number;
}

export interface RunResult {
  readonly steps: number;
  /** The 64 public 32-bit outputs, as the BIOS's pubout steps published them. */
  readonly outputs: Uint32Array;
  /** UART bytes (empty when a `stdout` callback took them). */
  readonly stdout: Uint8Array;
  /** How many times each ROM instruction ran, indexed like rom.insts (the Rom AIR's multiplicities). */
  readonly histogram: Float64Array;
  /** The final memory, for reading the output area (riscof signatures) or debugging; only with keepMemory. */
  readonly memory?: GuestMemory;
}

export interface TraceRunResult extends RunResult {
  readonly traces: MinimalTrace[];
}

function checkRom(rom: unknown): ZiskRom {
  if (!rom || typeof rom !== 'object' || !('insts' in rom) || typeof (rom as ZiskRom).indexOf !== 'function') {
    throw new TypeError('rom must be a ZiskRom (from transpile())');
  }
  return rom as ZiskRom;
}

function positiveInt(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Checked run options. */
export function runSettings(options: TraceOptions | undefined) {
  const o = options ?? {};
  if (typeof o !== 'object') throw new TypeError('options must be an object');
  if (o.engine !== undefined && o.engine !== 'compiled' && o.engine !== 'interpreter') {
    throw new RangeError(`engine must be 'compiled' or 'interpreter', got ${String(o.engine)}`);
  }
  if (o.stdout !== undefined && typeof o.stdout !== 'function') throw new TypeError('stdout must be a function');
  if (o.keepMemory !== undefined && typeof o.keepMemory !== 'boolean') throw new TypeError('keepMemory must be a boolean');
  return {
    maxSteps: positiveInt(o.maxSteps, 'maxSteps', DEFAULT_MAX_STEPS, Number.MAX_SAFE_INTEGER),
    chunkSize: positiveInt(o.chunkSize, 'chunkSize', DEFAULT_CHUNK_SIZE, 0xffffffff),
    compiled: o.engine !== 'interpreter',
    stdout: o.stdout,
    keepMemory: o.keepMemory === true,
  };
}

// The trace sink is internal to a run (finishChunk copies the reads out), so one is kept for the
// next run instead of allocating megabytes per run.
let spareSink: TraceSink | null = null;
function takeSink(): TraceSink {
  const s = spareSink ?? new TraceSink();
  spareSink = null;
  s.len = 0;
  return s;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

const programs = new WeakMap<ZiskRom, { fast?: CompiledProgram; trace?: CompiledProgram }>();
function programFor(rom: ZiskRom, trace: boolean): CompiledProgram {
  let entry = programs.get(rom);
  if (!entry) programs.set(rom, (entry = {}));
  const key = trace ? 'trace' : 'fast';
  return (entry[key] ??= new CompiledProgram(rom, trace));
}

/** Runs a program to its end: outputs, steps, UART output, instruction histogram. */
export function runFast(rom: ZiskRom, input?: Uint8Array, options?: RunOptions): RunResult {
  return execute(checkRom(rom), checkInput(input), runSettings(options), false);
}

/** Runs a program to its end and returns, besides runFast's results, the minimal trace of every chunk. */
export function runMinimalTraces(rom: ZiskRom, input?: Uint8Array, options?: TraceOptions): TraceRunResult {
  return execute(checkRom(rom), checkInput(input), runSettings(options), true) as TraceRunResult;
}

/**
 * Runs a program with the reference step loop and an observer seeing every step and access (the
 * direct counterpart of replaying all chunks). Slower than runFast.
 */
export function runObserved(rom: ZiskRom, input: Uint8Array | undefined, observer: ExecutionObserver, options?: RunOptions): RunResult {
  const settings = runSettings(options);
  const mem = new GuestMemory(checkRom(rom), checkInput(input));
  const uart = new UartSink(settings.stdout);
  const m = new Machine(rom, new MemPort(MODE_DIRECT, mem, null, observer, uart), observer, new FcallState(), mem, ROM_ENTRY);
  m.counts = new Float64Array(rom.insts.length);
  try {
    while (!m.end && !m.stopped) {
      if (m.step >= settings.maxSteps) throw maxSteps(m, settings.maxSteps);
      m.run(settings.maxSteps);
    }
  } finally {
    uart.flush();
    if (!settings.keepMemory) mem.release();
  }
  return result(m, mem, uart, m.counts, settings.keepMemory);
}

function maxSteps(m: Machine, limit: number): EmulatorError {
  return new EmulatorError('max-steps', `the program did not end within ${limit} steps (the step limit)`, m.pc, m.step);
}

/** The run's result; `mem` is included only when kept (a released memory may already be reused). */
export function result(m: Machine, mem: GuestMemory, uart: UartSink, histogram: Float64Array, keepMemory: boolean): RunResult {
  const outputs = new Uint32Array(OUTPUT_WORDS);
  for (let i = 0; i < OUTPUT_WORDS; i++) outputs[i] = m.publics[i]! >>> 0;
  const r = { steps: m.step, outputs, stdout: uart.bytes(), histogram };
  return keepMemory ? { ...r, memory: mem } : r;
}

function execute(rom: ZiskRom, input: Uint8Array, s: ReturnType<typeof runSettings>, trace: boolean): RunResult | TraceRunResult {
  const mem = new GuestMemory(rom, input);
  const uart = new UartSink(s.stdout);
  const sink = trace ? takeSink() : null;
  const port = new MemPort(trace ? MODE_RECORD : MODE_DIRECT, mem, sink, null, uart);
  const m = new Machine(rom, port, null, new FcallState(), mem, ROM_ENTRY);
  m.counts = new Float64Array(rom.insts.length);
  const program = s.compiled ? programFor(rom, trace) : null;
  if (program) {
    const c = program.ctx;
    c.R = m.R;
    c.M = mem.ram;
    c.D = mem.dirty;
    c.T = port.out;
    c.S = sink;
    c.port = port;
    c.machine = m;
    c.rom = mem.rom;
    c.romBase = mem.romBase;
    c.romEnd = mem.romEnd;
    c.input = mem.input;
    c.inputEnd = mem.inputEnd;
  }
  if (program) program.ctx.cnt.fill(0);
  const traces: MinimalTrace[] = [];
  let chunkEnd = trace ? s.chunkSize : Infinity;
  let open = trace ? startChunk(m, 0) : null;
  let idx = m.idx;
  let step = 0;
  try {
    while (!m.end) {
      if (step >= s.maxSteps) {
        m.idx = idx;
        m.step = step;
        throw maxSteps(m, s.maxSteps);
      }
      const limit = Math.min(s.maxSteps, chunkEnd);
      const region = program ? program.region(idx) : null;
      let n = 0;
      if (region !== null) {
        const c = program!.ctx;
        // Capped at 2^16 steps per call. A region that loops for the whole run is only ever optimized
        // on-stack (OSR), which V8 does less well than a function entered again and again: measured
        // fibonacci 330 -> 650 and sha256 900 -> 1200 M steps/s (2^12 was no better). It also bounds
        // the trace reservation (at most 12 int32 per step: 3 MB).
        c.budget = Math.min(limit - step, 1 << 16);
        if (sink) sink.reserve(RESERVE_PER_STEP * c.budget);
        let next: number;
        try {
          next = region.fn();
        } catch (e) {
          if (!(e instanceof Fault)) throw e;
          const unit = region.units[c.unit]!;
          throw new EmulatorError(e.code, e.detail, rom.insts[unit.insts[e.pos]!]!.paddr, step + c.n + e.pos);
        }
        n = c.n;
        step += n;
        if (next === REGION_END) m.end = true;
        else idx = next;
      }
      if (n === 0) {
        // Not compiled, or the next unit crosses the limit: the interpreter takes these steps.
        m.idx = idx;
        m.step = step;
        m.run(region === null && program ? step + 1 : limit);
        idx = m.idx;
        step = m.step;
      }
      if (open && step === chunkEnd && !m.end) {
        m.idx = idx;
        m.step = step;
        traces.push(finishChunk(m, open, sink!, false));
        open = startChunk(m, traces.length);
        chunkEnd += s.chunkSize;
      }
    }
    m.idx = idx;
    m.step = step;
    if (open) traces.push(finishChunk(m, open, sink!, true));
  } finally {
    uart.flush();
    if (sink) spareSink = sink;
    if (program) {
      // The cached program must not pin this run's RAM (512 MB of address space, maybe resident).
      program.ctx.M = EMPTY_I32;
      program.ctx.D = EMPTY_U8;
    }
    if (!s.keepMemory) mem.release();
  }

  const histogram = m.counts;
  if (program) {
    const cnt = program.ctx.cnt;
    for (const u of program.compiledUnits) {
      const times = cnt[u.id]!;
      if (times === 0) continue;
      for (const i of u.insts) histogram[i]! += times;
    }
  }
  const r = result(m, mem, uart, histogram, s.keepMemory);
  return trace ? { ...r, traces } : r;
}

interface OpenChunk {
  chunk: number;
  startStep: number;
  startPc: number;
  startCLo: number;
  startCHi: number;
  regs: Uint32Array;
}

function startChunk(m: Machine, chunk: number): OpenChunk {
  const R = m.R;
  return { chunk, startStep: m.step, startPc: m.pc, startCLo: R[64]!, startCHi: R[65]!, regs: Uint32Array.from(R.subarray(0, 64)) };
}

function finishChunk(m: Machine, o: OpenChunk, sink: TraceSink, end: boolean): MinimalTrace {
  const memReads = new Uint32Array(sink.len);
  memReads.set(new Uint32Array(sink.buf.buffer, 0, sink.len));
  sink.len = 0;
  return { ...o, steps: m.step - o.startStep, lastCLo: m.R[64]!, lastCHi: m.R[65]!, end, memReads };
}

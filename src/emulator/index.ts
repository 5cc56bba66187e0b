/**
 * The emulator: runs a ZiskRom on an input.
 *
 * - runFast: to the end; outputs, steps, UART output, per-instruction histogram. Compiled blocks.
 * - runMinimalTraces: the same, plus a MinimalTrace per chunk (default 2^18 steps).
 * - replayChunk: re-executes one chunk from its minimal trace alone, feeding an ExecutionObserver.
 * - runObserved: a direct run with an observer (the reference for replays).
 * - traceRiscv: calls back before every RISC-V instruction with the registers (qemu-style traces);
 *   RiscvStepper: the same trace pulled one instruction at a time.
 * Errors are EmulatorError (code, pc, step); bad arguments are TypeError/RangeError naming them.
 */
export { runFast, runMinimalTraces, runObserved, type RunOptions, type TraceOptions, type RunResult, type TraceRunResult } from './run.js';
export { replayChunk, type ReplayResult } from './replay.js';
export { RiscvStepper, traceRiscv, type RiscvTraceOptions } from './riscv-trace.js';
export { encodeTrace, decodeTrace, TraceFormatError, TRACE_MAGIC, TRACE_VERSION, type MinimalTrace } from './trace.js';
export { StepRecord, MemoryRecord, RegisterRecord, MEM_OP_LOAD, MEM_OP_STORE, type ExecutionObserver } from './observer.js';
export { EmulatorError, type EmulatorErrorCode } from './errors.js';
export { GuestMemory, checkInput } from './memory.js';
export { runFcall } from './fcall.js';
export { riscofSignature } from './signature.js';
export { StatsCollector, MAIN_COST } from './stats.js';

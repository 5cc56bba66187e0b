/**
 * Replay: re-execute one chunk from its minimal trace alone, with no memory (loads take their raw
 * words from the trace, stores are dropped) and no host (free-call results are in the trace too),
 * feeding an observer. This is how every state machine sees the execution.
 */
import type { ZiskRom } from '../zisk/index.js';
import { EmulatorError } from './errors.js';
import { Machine } from './machine.js';
import type { ExecutionObserver } from './observer.js';
import { MODE_REPLAY, MemPort } from './port.js';
import type { MinimalTrace } from './trace.js';

export interface ReplayResult {
  /** Steps executed (fewer than trace.steps when the observer stopped early). */
  readonly steps: number;
  /** True when the observer asked to stop. */
  readonly stopped: boolean;
  /** State after the last executed step: next pc, registers (like MinimalTrace.regs), c. */
  readonly pc: number;
  readonly regs: Uint32Array;
  readonly cLo: number;
  readonly cHi: number;
  readonly end: boolean;
}

/**
 * Replays one chunk. Throws EmulatorError('trace', …) when the trace does not fit the ROM (too few or
 * too many memory words, an end flag that does not match).
 */
export function replayChunk(rom: ZiskRom, trace: MinimalTrace, observer?: ExecutionObserver): ReplayResult {
  checkTrace(trace);
  if (observer !== undefined && (typeof observer !== 'object' || typeof observer.onStep !== 'function' || typeof observer.onMemory !== 'function' || typeof observer.onRegister !== 'function')) {
    throw new TypeError('observer must have onStep, onMemory and onRegister methods');
  }
  const port = new MemPort(MODE_REPLAY, null, null, observer ?? null, null);
  port.src = new Int32Array(trace.memReads.buffer, trace.memReads.byteOffset, trace.memReads.length);
  const m = new Machine(rom, port, observer ?? null, null, null, trace.startPc);
  m.R.set(new Int32Array(trace.regs.buffer, trace.regs.byteOffset, 64));
  m.R[0] = 0;
  m.R[1] = 0;
  m.R[64] = trace.startCLo;
  m.R[65] = trace.startCHi;
  m.step = trace.startStep;
  const stop = trace.startStep + trace.steps;
  m.run(stop);
  const steps = m.step - trace.startStep;
  if (!m.stopped) {
    const fail = (detail: string) => new EmulatorError('trace', detail, m.pc, m.step);
    if (m.end !== trace.end || (!m.end && steps !== trace.steps) || (m.end && steps !== trace.steps)) {
      throw fail(`replay ran ${steps} steps (end: ${m.end}), the trace says ${trace.steps} (end: ${trace.end})`);
    }
    if (port.srcPos !== trace.memReads.length) {
      throw fail(`replay used ${port.srcPos / 2} of the trace's ${trace.memReads.length / 2} memory words`);
    }
  }
  return {
    steps,
    stopped: m.stopped,
    pc: m.pc,
    regs: Uint32Array.from(new Uint32Array(m.R.buffer, 0, 64)),
    cLo: m.R[64]!,
    cHi: m.R[65]!,
    end: m.end,
  };
}

function checkTrace(t: MinimalTrace): void {
  if (!t || typeof t !== 'object') throw new TypeError('trace must be a MinimalTrace');
  if (!(t.regs instanceof Uint32Array) || t.regs.length !== 64) throw new TypeError('trace.regs must be a Uint32Array of 64 words');
  if (!(t.memReads instanceof Uint32Array) || t.memReads.length % 2 !== 0) throw new TypeError('trace.memReads must be a Uint32Array of an even length');
  if (!Number.isSafeInteger(t.steps) || t.steps < 1) throw new RangeError(`trace.steps must be a positive integer, got ${String(t.steps)}`);
  if (!Number.isSafeInteger(t.startStep) || t.startStep < 0) throw new RangeError(`trace.startStep must be a non-negative integer, got ${String(t.startStep)}`);
  if (!Number.isInteger(t.startPc) || t.startPc < 0 || t.startPc >= 2 ** 32) throw new RangeError(`trace.startPc must be a 32-bit address, got ${String(t.startPc)}`);
}

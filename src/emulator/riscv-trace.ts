/**
 * A RISC-V-level trace for differential tests against qemu (`-singlestep -d cpu`): the 32 registers
 * before each RISC-V instruction of the program. BIOS steps and the extra steps of multi-step
 * expansions are not RISC-V instructions and are not reported.
 *
 * Two shapes of the same trace: `RiscvStepper` is pulled one instruction at a time (to be compared
 * with a trace that is pushed, such as qemu's log streamed as it is written), `traceRiscv` pushes
 * every instruction to a callback.
 */
import { ROM_ENTRY, type ZiskRom } from '../zisk/index.js';
import { EmulatorError } from './errors.js';
import { FcallState } from './fcall.js';
import { Machine } from './machine.js';
import { GuestMemory, checkInput } from './memory.js';
import { MODE_DIRECT, MemPort, UartSink } from './port.js';
import { result, runSettings, type RunResult } from './run.js';

export interface RiscvTraceOptions {
  maxSteps?: number;
  keepMemory?: boolean;
}

/**
 * Runs a program one RISC-V instruction per `next()`. After `next()` returns true, `pc` is the
 * instruction's address and `regs` holds x0..x31 before it executes (the array is reused). After it
 * returns false the program has ended and `result()` gives what runFast would. `close()` gives the
 * memory back when a caller stops early; next() and the end of the run close too.
 */
export class RiscvStepper {
  pc = 0;
  readonly regs: BigUint64Array;
  private readonly words = new Uint32Array(64);
  private readonly m: Machine;
  /** The machine's x0..x31 as 64 u32 halves. */
  private readonly R: Uint32Array;
  private readonly mem: GuestMemory;
  private readonly uart = new UartSink();
  private readonly maxSteps: number;
  private readonly keepMemory: boolean;
  /** The machine stands at an instruction already reported: next() executes it first. */
  private reported = false;
  private closed = false;

  constructor(
    private readonly rom: ZiskRom,
    input?: Uint8Array,
    options?: RiscvTraceOptions,
  ) {
    const s = runSettings(options);
    this.maxSteps = s.maxSteps;
    this.keepMemory = s.keepMemory;
    this.regs = new BigUint64Array(this.words.buffer);
    this.mem = new GuestMemory(rom, checkInput(input));
    this.m = new Machine(rom, new MemPort(MODE_DIRECT, this.mem, null, null, this.uart), null, new FcallState(), this.mem, ROM_ENTRY);
    this.m.counts = new Float64Array(rom.insts.length);
    this.R = new Uint32Array(this.m.R.buffer, 0, 64);
  }

  next(): boolean {
    const m = this.m;
    if (this.closed) return false;
    try {
      if (this.reported) {
        this.step();
        this.reported = false;
      }
      const insts = this.rom.insts;
      while (!m.end) {
        const inst = insts[m.idx]!;
        if (inst.rvKind >= 0) {
          this.words.set(this.R);
          this.pc = inst.paddr;
          this.reported = true;
          return true;
        }
        this.step();
      }
    } catch (e) {
      this.close();
      throw e;
    }
    this.finish();
    return false;
  }

  /** The run's outputs, steps and histogram; only once next() has returned false. */
  result(): RunResult {
    if (!this.m.end) throw new Error('RiscvStepper.result(): the program has not ended');
    return result(this.m, this.mem, this.uart, this.m.counts!, this.keepMemory);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.mem.release();
  }

  private step(): void {
    const m = this.m;
    if (m.step >= this.maxSteps) {
      throw new EmulatorError('max-steps', `the program did not end within ${this.maxSteps} steps (the step limit)`, m.pc, m.step);
    }
    m.run(m.step + 1);
  }

  private finish(): void {
    this.closed = true;
    this.uart.flush();
    if (!this.keepMemory) this.mem.release();
  }
}

/** Calls `onInstruction` before every RISC-V instruction with its pc and x0..x31 (a reused array). */
export function traceRiscv(
  rom: ZiskRom,
  input: Uint8Array | undefined,
  options: RiscvTraceOptions,
  onInstruction: (pc: number, regs: BigUint64Array) => void,
): RunResult {
  if (typeof onInstruction !== 'function') throw new TypeError('onInstruction must be a function');
  const stepper = new RiscvStepper(rom, input, options);
  try {
    while (stepper.next()) onInstruction(stepper.pc, stepper.regs);
  } finally {
    stepper.close();
  }
  return stepper.result();
}

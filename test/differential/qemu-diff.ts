// zisk-ts against qemu-riscv64, register for register, before every RISC-V instruction.
//
// Guest examples: qemu runs the example's qemu build (guest/elf/NAME.qemu.elf) and its single-step
// log is streamed, as it is written, into a TraceComparator whose reference is zisk-ts running the
// ZisK build one instruction at a time (RiscvStepper). Nothing is stored, so runs of millions of
// steps compare in constant memory. The two builds differ by design only at entry and on the exit
// path (test/oracles/README.md): registers are compared from the first step that writes them, and
// the comparison stops where the exit path starts (guestExitPath).
//
// Random programs: their qemu trace is recorded to a file and read back by the comparator while
// zisk-ts pushes its steps (traceRiscv); both sides run the very same ELF, to its exit ecall.
import { transpile } from '../../src/transpiler/index.js';
import { RiscvStepper, traceRiscv, type RunResult } from '../../src/emulator/index.js';
import {
  TraceComparator, TraceMismatchError, forEachQemuStep, generateRandomProgram, guestExitPath, readGuestElf, readInput,
  recordQemuTrace, stepKey, type ExampleInput, type StepSource,
} from '../oracles/index.js';

export interface GuestDiff {
  /** RISC-V instructions compared: every one before the exit path. */
  compared: number;
  /** zisk-ts's run of the ZisK build, to its end. */
  zisk: RunResult;
  /** The 64 outputs the qemu build wrote, and its exit code. */
  qemuOutputs: Uint32Array;
  qemuExitCode: number | null;
}

function hex(v: bigint | number | string): string {
  return typeof v === 'string' ? v : `0x${v.toString(16)}`;
}

/**
 * The comparator's reference is zisk-ts here (qemu's steps are the ones pushed), so its "expected"
 * is ours: say so in the message.
 */
function explain(e: unknown, what: string): unknown {
  if (!(e instanceof TraceMismatchError)) return e;
  return new Error(
    `${what}: zisk-ts and qemu differ at RISC-V step ${e.step} (pc 0x${e.pc.toString(16)}): ${e.what} is ` +
      `${hex(e.expected)} in zisk-ts, ${hex(e.actual)} in qemu`,
    { cause: e },
  );
}

/** Compares one guest example on one input with its qemu build; throws at the first difference. */
export async function diffGuest(input: ExampleInput): Promise<GuestDiff> {
  const zisk = readGuestElf(input.example);
  const bytes = readInput(input);
  const stepper = new RiscvStepper(transpile(zisk), bytes);
  const reference: StepSource = {
    next: () => stepper.next(),
    get pc() {
      return stepper.pc;
    },
    regs: stepper.regs,
  };
  const comparator = new TraceComparator(reference, { stopAt: guestExitPath(zisk) });
  try {
    let run;
    try {
      run = await forEachQemuStep(readGuestElf(input.example, 'qemu'), { input: bytes }, comparator.onInstruction);
    } catch (e) {
      throw explain(e, stepKey(input));
    }
    const summary = comparator.finish();
    if (!summary.stopped) throw new Error(`${stepKey(input)}: the comparison never reached the exit path`);
    while (stepper.next()) {
      // the ZisK exit path, run to the end for the outputs
    }
    if (run.stdout.length !== 256) throw new Error(`${stepKey(input)}: the qemu build wrote ${run.stdout.length} bytes, not 256`);
    const view = new DataView(run.stdout.buffer, run.stdout.byteOffset, 256);
    const qemuOutputs = Uint32Array.from({ length: 64 }, (_, i) => view.getUint32(4 * i, true));
    return { compared: summary.steps, zisk: stepper.result(), qemuOutputs, qemuExitCode: run.exitCode };
  } finally {
    stepper.close();
  }
}

export interface RandomDiff {
  /** Instructions compared (every one the program executed, its exit ecall included). */
  compared: number;
  /** Instructions in the program's code (each runs at most once). */
  instructions: number;
}

/** Compares one random program (generateRandomProgram) under qemu and zisk-ts; throws at the first difference. */
export async function diffRandom(seed: number, compressed: boolean, length?: number): Promise<RandomDiff> {
  const program = generateRandomProgram({ seed, compressed, ...(length === undefined ? {} : { length }) });
  const what = `random program, seed ${seed}${compressed ? ', compressed' : ''}`;
  const trace = await recordQemuTrace(program.elf, { compressed });
  try {
    if (trace.run.exitCode !== 0 || trace.truncated) {
      throw new Error(`${what}: qemu did not run it to its exit (exit ${trace.run.exitCode ?? trace.run.signal}${trace.truncated ? ', truncated' : ''})`);
    }
    const comparator = new TraceComparator(trace.reader());
    try {
      traceRiscv(transpile(program.elf), undefined, {}, comparator.onInstruction);
      return { compared: comparator.finish().steps, instructions: program.instructions };
    } catch (e) {
      throw e instanceof TraceMismatchError ? new Error(`${what}: ${e.message} (expected: qemu, got: zisk-ts)`, { cause: e }) : e;
    }
  } finally {
    trace.dispose();
  }
}

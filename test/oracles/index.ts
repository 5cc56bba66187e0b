// Independent oracles for the RISC-V emulator: qemu-riscv64 runs and traces, native runs of the
// guest examples, random RISC-V programs, and a step-by-step trace comparator.
//
// Typical differential test (an emulator exposing traceRiscv(rom, input, options, onInstruction)):
//
//   const trace = await recordQemuTrace(readGuestElf('sort', 'qemu'), { input });
//   const cmp = new TraceComparator(trace.reader(), { stopAt: guestExitPath(readGuestElf('sort')) });
//   traceRiscv(transpile(readGuestElf('sort')), input, { maxSteps }, cmp.onInstruction);
//   cmp.finish();
//   trace.dispose();
//
// test/differential/qemu-diff.ts does this, and also the reverse for long runs: qemu's log streamed
// (forEachQemuStep) into a comparator whose reference is the emulator stepped one instruction at a time.

export {
  INPUT_ADDR, PF_R, PF_W, PF_X, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS, readElf, sectionBytes,
  withInput, writeElf,
} from './elf.js';
export type { ElfInfo, Section, Segment, SegmentSpec } from './elf.js';
export {
  QEMU, countQemuSteps, cpuModel, forEachQemuStep, recordQemuTrace, requireQemu, runGuestUnderQemu, runQemu,
} from './qemu.js';
export type { QemuOptions, QemuRun, RecordedTrace } from './qemu.js';
export { CpuLogParser, CpuLogReader, ExecLogCounter } from './qemu-log.js';
export type { StepSink } from './qemu-log.js';
export { REGISTER_NAMES, TraceComparator, TraceMismatchError, compareTraces } from './compare.js';
export type { CompareOptions, CompareSummary, StepSource } from './compare.js';
export {
  EXAMPLES, EXAMPLE_INPUTS, GUEST_DIR, START_SLOT_BYTES, STEPS_PATH, buildNative, elfPath, exitPathSteps,
  expectedInputBytes, expectedPath, formatOutputs, guestExitPath, inputPath, parseOutputs, readExpected,
  readGuestElf, readInput, readStepCounts, requireCc, runNative, stepKey,
} from './examples.js';
export type { Example, ExampleInput, StepCount } from './examples.js';
export { SCRATCH_ADDR, SCRATCH_SIZE, TEXT_ADDR, encode, generateRandomProgram } from './random/index.js';
export type { RandomProgram, RandomProgramOptions } from './random/index.js';

// The guest examples as test fixtures: where their ELFs, inputs and expected outputs live, how to
// build and run their native oracle, and the facts of the start code that differ between builds.
//
//   guest/elf/NAME.elf                   ZisK layout (what zisk-ts runs)
//   guest/elf/NAME.qemu.elf              the same program for qemu-riscv64
//   guest/inputs/NAME/LABEL.bin          committed inputs (guest/inputs/generated/... for large ones)
//   guest/expected/NAME/LABEL.txt        the 64 output words of the native run, one per line
//   guest/expected/steps.json            instructions executed per input (see StepCounts)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from './elf.js';
import { INPUTS, ensureInputs, inputBytes, inputPath } from '../../guest/inputs/generate.mjs';

export const GUEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'guest');
export const EXAMPLES = ['fibonacci', 'sha256', 'sort', 'muldiv', 'keccak', 'bignum'] as const;
export type Example = (typeof EXAMPLES)[number];

export interface ExampleInput {
  example: Example;
  label: string;
  /** False for inputs too large for git: guest/inputs/generate.mjs writes them on demand. */
  committed: boolean;
}

export const EXAMPLE_INPUTS: readonly ExampleInput[] = INPUTS.map((e) => ({
  example: e.example as Example,
  label: e.label,
  committed: e.committed,
}));

export function elfPath(example: Example, build: 'zisk' | 'qemu' = 'zisk'): string {
  return join(GUEST_DIR, 'elf', build === 'zisk' ? `${example}.elf` : `${example}.qemu.elf`);
}

export function readGuestElf(example: Example, build: 'zisk' | 'qemu' = 'zisk'): Uint8Array {
  return new Uint8Array(readFileSync(elfPath(example, build)));
}

/** The input file; generated inputs are written first if missing. */
export function readInput(input: ExampleInput): Uint8Array {
  if (!input.committed) ensureInputs();
  return new Uint8Array(readFileSync(inputPath(input.example, input.label)));
}

/** The input as the table in generate.mjs defines it (no file involved). */
export function expectedInputBytes(input: ExampleInput): Uint8Array {
  const entry = INPUTS.find((e) => e.example === input.example && e.label === input.label)!;
  return inputBytes(entry);
}

export { inputPath };

export function expectedPath(input: ExampleInput): string {
  return join(GUEST_DIR, 'expected', input.example, `${input.label}.txt`);
}

export function readExpected(input: ExampleInput): Uint32Array {
  return parseOutputs(readFileSync(expectedPath(input), 'utf8'));
}

/** 64 lines of 8 lowercase hex digits: the output format of `zisk-ts run` and the native harness. */
export function formatOutputs(words: Uint32Array): string {
  return Array.from(words, (w) => w.toString(16).padStart(8, '0') + '\n').join('');
}

export function parseOutputs(text: string): Uint32Array {
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines.length !== 64 || !lines.every((l) => /^[0-9a-f]{8}$/.test(l))) {
    throw new Error('outputs: expected 64 lines of 8 lowercase hex digits');
  }
  return Uint32Array.from(lines, (l) => parseInt(l, 16));
}

/**
 * Instructions executed per input, measured under qemu:
 *   qemuSteps  the qemu build, from _start to its exit ecall
 *   steps      the ZisK build (what zisk-ts executes as RISC-V instructions): the same program,
 *              with the ZisK exit path instead of qemu's (see exitPathSteps)
 */
export interface StepCount {
  qemuSteps: number;
  steps: number;
}

export const STEPS_PATH = join(GUEST_DIR, 'expected', 'steps.json');

export function readStepCounts(): Record<string, StepCount> {
  return JSON.parse(readFileSync(STEPS_PATH, 'utf8')) as Record<string, StepCount>;
}

export function stepKey(input: ExampleInput): string {
  return `${input.example}/${input.label}`;
}

const ECALL = 0x00000073;

/**
 * Instructions executed from _zisk_exit (where main returns) to the exit ecall, both builds being
 * straight-line there: the ZisK build runs csrr marchid, li (2), bne, li a7, ecall; the qemu
 * build writes the outputs (one ecall) and then exits (the second ecall).
 */
export function exitPathSteps(elf: Uint8Array): number {
  const info = readElf(elf);
  const start = info.symbols.get('_zisk_exit');
  const text = info.sections.find((s) => s.name === '.text');
  if (start === undefined || !text) throw new Error('exitPathSteps: no _zisk_exit in .text (not a guest ELF)');
  const ecalls = info.segments.some((s) => s.vaddr === 0x4000_0000) ? 2 : 1;
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  let seen = 0;
  for (let pc = start; pc < text.addr + text.size; pc += 4) {
    if (view.getUint32(text.offset + pc - text.addr, true) === ECALL && ++seen === ecalls) return (pc - start) / 4 + 1;
  }
  throw new Error('exitPathSteps: no exit ecall after _zisk_exit');
}

/**
 * pc → whether it belongs to the exit path, where the two builds differ by design: a trace
 * comparison between a ZisK build (our emulator) and a qemu build stops there.
 */
export function guestExitPath(elf: Uint8Array): (pc: number) => boolean {
  const info = readElf(elf);
  const start = info.symbols.get('_zisk_exit');
  const entry = info.symbols.get('_start');
  if (start === undefined || entry === undefined) throw new Error('guestExitPath: not a guest ELF');
  const end = entry + START_SLOT_BYTES;
  return (pc) => pc >= start && pc < end;
}

/** guest/sdk/start.S pads the start code to this many bytes, so both builds' programs line up. */
export const START_SLOT_BYTES = 128;

/** Throws with the install command if the host C compiler is missing. */
export function requireCc(): void {
  const r = spawnSync(process.env['CC'] ?? 'cc', ['--version']);
  if (r.error || r.status !== 0) throw new Error('cc not found: install a C compiler with `apt-get install gcc`');
}

/** Builds the native oracle programs (guest/build.sh --native) into a new temporary directory. */
export function buildNative(examples: readonly Example[] = EXAMPLES): { dir: string; dispose(): void } {
  requireCc();
  const dir = mkdtempSync(join(tmpdir(), 'zisk-native-'));
  const r = spawnSync('bash', [join(GUEST_DIR, 'build.sh'), '--native', dir, ...examples], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`guest/build.sh --native failed:\n${r.stderr}`);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a native oracle program on an input file; returns its outputs and exit code. */
export function runNative(dir: string, example: Example, inputFile: string): { exitCode: number; outputs: Uint32Array } {
  const r = spawnSync(join(dir, example), [inputFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status === null) throw new Error(`native ${example} died: ${r.signal}`);
  if (r.status === 2) throw new Error(`native ${example}: ${r.stderr.trim()}`);
  return { exitCode: r.status, outputs: parseOutputs(r.stdout) };
}

// One example input run by zisk-ts against the native oracle's outputs (guest/expected) and the step
// count measured under qemu (guest/expected/steps.json), in fast and minimal-trace modes.
import assert from 'node:assert/strict';
import { transpile } from '../../src/transpiler/index.js';
import { runFast, runMinimalTraces } from '../../src/emulator/index.js';
import { ROM_ADDR, type ZiskRom } from '../../src/zisk/index.js';
import { formatOutputs, readExpected, readGuestElf, readInput, readStepCounts, stepKey, type Example, type ExampleInput } from '../oracles/index.js';
import { BIOS_STEPS } from './bios.js';

const roms = new Map<Example, ZiskRom>();
export function romOf(example: Example): ZiskRom {
  let rom = roms.get(example);
  if (!rom) roms.set(example, (rom = transpile(readGuestElf(example))));
  return rom;
}

const stepCounts = readStepCounts();

/** Checks outputs and steps of both modes; returns the step count. */
export function checkRun(input: ExampleInput): number {
  const key = stepKey(input);
  const rom = romOf(input.example);
  const bytes = readInput(input);
  const fast = runFast(rom, bytes);
  assert.equal(formatOutputs(fast.outputs), formatOutputs(readExpected(input)), `${key}: outputs`);
  const riscv = stepCounts[key]!.steps;
  assert.equal(fast.steps, riscv + BIOS_STEPS, `${key}: steps`);
  // The same split, from the instruction counts: BIOS steps, and first steps of RISC-V instructions.
  let bios = 0;
  let instructions = 0;
  rom.insts.forEach((inst, i) => {
    if (inst.paddr < ROM_ADDR) bios += fast.histogram[i]!;
    else if (inst.rvKind >= 0) instructions += fast.histogram[i]!;
  });
  assert.deepEqual([bios, instructions], [BIOS_STEPS, riscv], `${key}: BIOS steps and RISC-V instructions`);
  const traced = runMinimalTraces(rom, bytes);
  assert.equal(traced.steps, fast.steps, `${key}: minimal-trace steps`);
  assert.deepEqual(traced.outputs, fast.outputs, `${key}: minimal-trace outputs`);
  assert.equal(traced.traces.reduce((n, t) => n + t.steps, 0), fast.steps, `${key}: chunk steps`);
  return fast.steps;
}

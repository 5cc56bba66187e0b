// Every example input, generated ones included, under qemu: the outputs are the expected ones and
// the instruction counts are those of guest/expected/steps.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXAMPLE_INPUTS, countQemuSteps, exitPathSteps, formatOutputs, readExpected, readGuestElf, readInput, readStepCounts,
  requireQemu, runGuestUnderQemu, stepKey,
} from './index.js';

test('every input under qemu: expected outputs and step counts', async () => {
  requireQemu();
  const steps = readStepCounts();
  for (const input of EXAMPLE_INPUTS) {
    const elf = readGuestElf(input.example, 'qemu');
    const bytes = readInput(input);
    const r = await runGuestUnderQemu(elf, bytes);
    assert.equal(r.exitCode, 0, stepKey(input));
    assert.equal(formatOutputs(r.outputs), formatOutputs(readExpected(input)), stepKey(input));
    const counted = await countQemuSteps(elf, { input: bytes });
    assert.equal(counted.steps, steps[stepKey(input)]!.qemuSteps, stepKey(input));
    assert.equal(counted.steps - exitPathSteps(elf) + exitPathSteps(readGuestElf(input.example)), steps[stepKey(input)]!.steps);
  }
});

// Every guest example on every input up to 10 million instructions (all but the largest): zisk-ts
// and qemu-riscv64 agree register for register before every instruction up to the exit path, and on
// the outputs. qemu's single-step log streams at ~200 thousand steps a second: ~1 minute in all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLE_INPUTS, exitPathSteps, formatOutputs, readExpected, readGuestElf, readStepCounts, requireQemu, stepKey } from '../oracles/index.js';
import { diffGuest } from './qemu-diff.js';
import { BIOS_STEPS } from '../examples/bios.js';

requireQemu();
const steps = readStepCounts();

for (const input of EXAMPLE_INPUTS.filter((i) => steps[stepKey(i)]!.steps < 10_000_000)) {
  test(`${stepKey(input)}: zisk-ts and qemu agree at every instruction`, async () => {
    const d = await diffGuest(input);
    const count = steps[stepKey(input)]!;
    assert.equal(d.compared, count.steps - exitPathSteps(readGuestElf(input.example)), 'every instruction before the exit path compared');
    assert.equal(d.zisk.steps, count.steps + BIOS_STEPS);
    assert.equal(d.qemuExitCode, 0);
    assert.equal(formatOutputs(d.zisk.outputs), formatOutputs(d.qemuOutputs));
    assert.equal(formatOutputs(d.zisk.outputs), formatOutputs(readExpected(input)));
  });
}

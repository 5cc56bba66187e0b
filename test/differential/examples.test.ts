// Every guest example on its smallest input: zisk-ts and qemu-riscv64 agree register for register
// before every instruction up to the exit path, and on the outputs (see qemu-diff.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLES, EXAMPLE_INPUTS, exitPathSteps, formatOutputs, readExpected, readGuestElf, readStepCounts, requireQemu, stepKey } from '../oracles/index.js';
import { diffGuest } from './qemu-diff.js';
import { BIOS_STEPS } from '../examples/bios.js';

requireQemu();
const steps = readStepCounts();

for (const example of EXAMPLES) {
  const input = EXAMPLE_INPUTS.filter((i) => i.example === example)
    .sort((a, b) => steps[stepKey(a)]!.steps - steps[stepKey(b)]!.steps)[0]!;
  test(`${stepKey(input)}: zisk-ts and qemu agree at every instruction`, async () => {
    const d = await diffGuest(input);
    const count = steps[stepKey(input)]!;
    assert.equal(d.compared, count.steps - exitPathSteps(readGuestElf(example)), 'every instruction before the exit path compared');
    assert.equal(d.zisk.steps, count.steps + BIOS_STEPS);
    assert.equal(d.qemuExitCode, 0);
    assert.equal(formatOutputs(d.zisk.outputs), formatOutputs(d.qemuOutputs));
    assert.equal(formatOutputs(d.zisk.outputs), formatOutputs(readExpected(input)));
  });
}

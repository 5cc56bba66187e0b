// The generated example inputs (too large to commit; written by guest/inputs/generate.mjs on
// demand): outputs of the native build and qemu's step count plus the BIOS, as runs.test.ts.
import { test } from 'node:test';
import { EXAMPLE_INPUTS, stepKey } from '../oracles/index.js';
import { checkRun } from './runs.js';

for (const input of EXAMPLE_INPUTS.filter((i) => !i.committed)) {
  test(`${stepKey(input)}: native outputs and qemu's step count, fast and minimal-trace modes`, () => {
    checkRun(input);
  });
}

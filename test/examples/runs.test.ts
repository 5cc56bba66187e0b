// Every example on every committed input (up to 41 M steps): zisk-ts's outputs equal the native
// build's, its step count is the instruction count measured under qemu plus the BIOS (bios.ts).
// The generated inputs are in runs.slow.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLES, EXAMPLE_INPUTS, stepKey } from '../oracles/index.js';
import { checkRun } from './runs.js';
import { DATA_INIT_STORES, dataInitStores } from './bios.js';

test('every example initialises one word of RAM data (the BIOS step count assumes it)', () => {
  for (const example of EXAMPLES) assert.equal(dataInitStores(example), DATA_INIT_STORES, example);
});

for (const input of EXAMPLE_INPUTS.filter((i) => i.committed)) {
  test(`${stepKey(input)}: native outputs and qemu's step count, fast and minimal-trace modes`, () => {
    checkRun(input);
  });
}

// Minimal traces of every example on its two smallest inputs, at several chunk sizes: every chunk
// replayed alone reproduces the direct run (replay-check.ts). Medium inputs: replay.slow.test.ts.
import { test } from 'node:test';
import { EXAMPLES, EXAMPLE_INPUTS, readInput, readStepCounts, stepKey } from '../oracles/index.js';
import { checkReplays } from './replay-check.js';
import { romOf } from './runs.js';

const steps = readStepCounts();

for (const example of EXAMPLES) {
  const inputs = EXAMPLE_INPUTS.filter((i) => i.example === example)
    .sort((a, b) => steps[stepKey(a)]!.steps - steps[stepKey(b)]!.steps)
    .slice(0, 2);
  for (const input of inputs) {
    test(`${stepKey(input)}: every chunk replayed alone reproduces the direct run`, () => {
      const n = steps[stepKey(input)]!.steps;
      // From chunks of a few hundred steps (thousands of boundaries) to one chunk for the whole run.
      const sizes = [Math.max(257, Math.ceil(n / 3000)) | 1, 4099, 1 << 14, 1 << 18];
      checkReplays(romOf(example), readInput(input), sizes, stepKey(input));
    });
  }
}

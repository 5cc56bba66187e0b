// Minimal traces of every example on its medium inputs (from 170 thousand to 5 million steps): every
// chunk replayed alone reproduces the direct run (replay-check.ts).
import { test } from 'node:test';
import { EXAMPLE_INPUTS, readInput, readStepCounts, stepKey } from '../oracles/index.js';
import { checkReplays } from './replay-check.js';
import { romOf } from './runs.js';

const steps = readStepCounts();
const medium = EXAMPLE_INPUTS.filter((i) => {
  const n = steps[stepKey(i)]!.steps;
  return n > 100_000 && n < 10_000_000;
});

for (const input of medium) {
  test(`${stepKey(input)}: every chunk replayed alone reproduces the direct run`, () => {
    checkReplays(romOf(input.example), readInput(input), [100_003, 1 << 18], stepKey(input));
  });
}

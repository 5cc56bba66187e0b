// Regenerates guest/expected/ from the native oracle and qemu:
//
//   npx tsx test/oracles/update-expected.ts [EXAMPLE...]
//
// For every input: the native program's 64 output words (guest/expected/NAME/LABEL.txt), checked
// against the qemu build's outputs, and the instruction counts (guest/expected/steps.json).
// Run it after changing an example or its inputs; the tests check these files, never rewrite them.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  EXAMPLE_INPUTS, EXAMPLES, STEPS_PATH, buildNative, exitPathSteps, expectedPath, formatOutputs, inputPath,
  readGuestElf, readInput, runNative, stepKey, type Example, type StepCount,
} from './examples.js';
import { countQemuSteps, runGuestUnderQemu } from './qemu.js';

const only = process.argv.slice(2) as Example[];
const examples = only.length > 0 ? only : [...EXAMPLES];
const steps: Record<string, StepCount> = existsSync(STEPS_PATH) ? JSON.parse(readFileSync(STEPS_PATH, 'utf8')) : {};
const native = buildNative(examples);
try {
  for (const input of EXAMPLE_INPUTS.filter((i) => examples.includes(i.example))) {
    const bytes = readInput(input);
    const n = runNative(native.dir, input.example, inputPath(input.example, input.label));
    if (n.exitCode !== 0) throw new Error(`${stepKey(input)}: native exit code ${n.exitCode}`);
    const qemuElf = readGuestElf(input.example, 'qemu');
    const q = await runGuestUnderQemu(qemuElf, bytes);
    if (q.exitCode !== 0 || formatOutputs(q.outputs) !== formatOutputs(n.outputs)) {
      throw new Error(`${stepKey(input)}: qemu (exit ${q.exitCode}) and native outputs differ`);
    }
    const counted = await countQemuSteps(qemuElf, { input: bytes });
    const zisk = counted.steps - exitPathSteps(qemuElf) + exitPathSteps(readGuestElf(input.example, 'zisk'));
    steps[stepKey(input)] = { qemuSteps: counted.steps, steps: zisk };
    mkdirSync(dirname(expectedPath(input)), { recursive: true });
    writeFileSync(expectedPath(input), formatOutputs(n.outputs));
    console.log(`${stepKey(input).padEnd(22)} ${String(zisk).padStart(11)} steps`);
  }
} finally {
  native.dispose();
}
const sorted = Object.fromEntries(Object.entries(steps).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(STEPS_PATH, JSON.stringify(sorted, null, 2) + '\n');

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkBusBalanceReference, checkConstraintsReference, defineAir } from '../../air/index.js';
import { ROM_BUS } from '../../bus/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { runFast } from '../../emulator/index.js';
import { Matrix } from '../../matrix/index.js';
import { transpile } from '../../transpiler/index.js';
import { romComponent, romLine, romMultiplicities, ROM_LINE_WIDTH } from './index.js';

/** A stand-in for Main's ROM lookup: one row per executed step, assuming that step's line. */
const stepsAir = defineAir({
  name: 'RomSteps',
  columns: { line: ROM_LINE_WIDTH },
  eval(b) {
    b.lookupAssumes('each step is a ROM line', ROM_BUS, b.main.line);
  },
});

function romInstance(histogram: Float64Array, rom: ReturnType<typeof transpile>) {
  const tables = new TableMultiplicities();
  romMultiplicities(tables, rom).set(histogram);
  const plan = romComponent.plan([], { rom, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  return romComponent.buildInstance({ plan, globalId: 0 }).computeWitness({ rom, collectors: [], traces: [], tables });
}

test('the Rom table balances the lines the execution looked up, and nothing else', () => {
  const rom = transpile(readFileSync(new URL('../../../guest/elf/fibonacci.elf', import.meta.url)));
  const input = readFileSync(new URL('../../../guest/inputs/fibonacci/small.bin', import.meta.url));
  const run = runFast(rom, input);
  const inst = romInstance(run.histogram, rom);
  assert.equal(inst.program!.height, 2 ** Math.ceil(Math.log2(rom.insts.length)));
  assert.deepEqual(checkConstraintsReference(inst), { ok: true });

  // The distinct executed lines, each looked up once per execution.
  const executed: number[] = [];
  run.histogram.forEach((c, i) => {
    for (let k = 0; k < c; k++) executed.push(i);
  });
  const n = 2 ** Math.ceil(Math.log2(executed.length));
  const steps = new Matrix(ROM_LINE_WIDTH, n);
  executed.forEach((i, r) => romLine(rom.insts[i]!).forEach((v, j) => steps.set(r, j, v)));
  // Padding rows repeat the end instruction, as Main's do, and count towards it.
  const endIndex = rom.insts.findIndex((x) => x.end);
  for (let r = executed.length; r < n; r++) romLine(rom.insts[endIndex]!).forEach((v, j) => steps.set(r, j, v));
  const padded = Float64Array.from(run.histogram);
  padded[endIndex]! += n - executed.length;

  const balanced = checkBusBalanceReference([{ air: stepsAir, trace: steps }, romInstance(padded, rom)]);
  assert.equal(balanced.ok, true);

  const tampered = Float64Array.from(padded);
  tampered[3]! += 1;
  const bad = checkBusBalanceReference([{ air: stepsAir, trace: steps }, romInstance(tampered, rom)]);
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.values[0], BigInt(rom.insts[3]!.paddr));
});

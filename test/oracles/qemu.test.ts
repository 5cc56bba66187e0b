// The qemu oracle: guest qemu builds reproduce the native outputs, instruction counts from
// translated blocks agree with single-step traces, recorded traces read back step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  EXAMPLE_INPUTS, EXAMPLES, INPUT_ADDR, countQemuSteps, exitPathSteps, forEachQemuStep, formatOutputs, generateRandomProgram,
  readElf, readExpected, readGuestElf, readInput, readStepCounts, recordQemuTrace, requireQemu, runGuestUnderQemu,
  stepKey, withInput,
} from './index.js';

requireQemu();

test('qemu builds reproduce the expected outputs on every committed input', async () => {
  for (const input of EXAMPLE_INPUTS.filter((i) => i.committed)) {
    const r = await runGuestUnderQemu(readGuestElf(input.example, 'qemu'), readInput(input));
    assert.equal(r.exitCode, 0, stepKey(input));
    assert.equal(formatOutputs(r.outputs), formatOutputs(readExpected(input)), stepKey(input));
  }
});

test('instruction counts of the smallest inputs match guest/expected/steps.json', async () => {
  const steps = readStepCounts();
  for (const example of EXAMPLES) {
    const smallest = EXAMPLE_INPUTS.filter((i) => i.example === example)
      .sort((a, b) => steps[stepKey(a)]!.steps - steps[stepKey(b)]!.steps)[0]!;
    const elf = readGuestElf(example, 'qemu');
    const counted = await countQemuSteps(elf, { input: readInput(smallest) });
    assert.equal(counted.exitCode, 0);
    assert.equal(counted.steps, steps[stepKey(smallest)]!.qemuSteps, stepKey(smallest));
    const zisk = counted.steps - exitPathSteps(elf) + exitPathSteps(readGuestElf(example));
    assert.equal(zisk, steps[stepKey(smallest)]!.steps);
  }
});

test('block-based counts equal single-step counts, and the trace ends at the exit ecall', async () => {
  const cases = [
    { elf: readGuestElf('sort', 'qemu'), input: readInput({ example: 'sort', label: 'small', committed: true }), compressed: false },
    { elf: generateRandomProgram({ seed: 7 }).elf, input: undefined, compressed: false },
    { elf: generateRandomProgram({ seed: 7, compressed: true }).elf, input: undefined, compressed: true },
  ];
  for (const c of cases) {
    const counted = await countQemuSteps(c.elf, c);
    let steps = 0;
    let lastPc = 0;
    let a7 = 0n;
    const traced = await forEachQemuStep(c.elf, c, (pc, regs) => {
      steps++;
      lastPc = pc;
      a7 = regs[17]!;
    });
    assert.equal(traced.exitCode, 0);
    assert.equal(traced.steps, steps);
    assert.equal(counted.steps, steps);
    const info = readElf(c.input ? withInput(c.elf, c.input) : c.elf);
    const text = info.sections.find((s) => s.name === '.text')!;
    const bytes = c.input ? withInput(c.elf, c.input) : c.elf;
    const word = new DataView(bytes.buffer, bytes.byteOffset).getUint32(text.offset + lastPc - text.addr, true);
    assert.equal(word, 0x73, 'the last step is an ecall');
    assert.equal(a7, 93n, 'the exit call');
  }
});

test('recorded traces read back the streamed steps, and stop at maxSteps', async () => {
  const elf = generateRandomProgram({ seed: 11 }).elf;
  const streamed: string[] = [];
  await forEachQemuStep(elf, {}, (pc, regs) => streamed.push(`${pc}:${regs.join(',')}`));
  const trace = await recordQemuTrace(elf);
  try {
    assert.equal(trace.steps, streamed.length);
    assert.equal(trace.truncated, false);
    const reader = trace.reader();
    const read: string[] = [];
    while (reader.next()) read.push(`${reader.pc}:${reader.regs.join(',')}`);
    assert.deepEqual(read, streamed);
  } finally {
    trace.dispose();
  }
  const cut = await recordQemuTrace(readGuestElf('fibonacci', 'qemu'), {
    input: readInput({ example: 'fibonacci', label: 'medium', committed: true }),
    maxSteps: 500,
  });
  try {
    assert.equal(cut.steps, 500);
    assert.equal(cut.truncated, true);
    const reader = cut.reader();
    let n = 0;
    while (reader.next()) n++;
    assert.equal(n, 500);
  } finally {
    cut.dispose();
  }
});

test('a step callback that throws stops qemu and the error comes back', async () => {
  const elf = readGuestElf('fibonacci', 'qemu');
  const input = readInput({ example: 'fibonacci', label: 'large', committed: true });
  let steps = 0;
  const started = Date.now();
  await assert.rejects(
    forEachQemuStep(elf, { input }, () => {
      if (++steps === 1000) throw new Error('stop here');
    }),
    /stop here/,
  );
  assert.ok(Date.now() - started < 5000, 'qemu was stopped, not run to the end of 35M steps');
});

test('withInput places the free-input slot and the input file at INPUT_ADDR', () => {
  const elf = readGuestElf('fibonacci', 'qemu');
  const input = Uint8Array.from({ length: 24 }, (_, i) => i + 1);
  const patched = withInput(elf, input);
  const seg = readElf(patched).segments.find((s) => s.vaddr === INPUT_ADDR)!;
  assert.equal(seg.filesz, 32);
  assert.deepEqual(patched.subarray(seg.offset, seg.offset + 32), Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, ...input]));
  assert.equal(seg.offset % 4096, 0);
  assert.throws(() => withInput(elf, new Uint8Array(5)), /multiple of 8/);
  assert.throws(() => withInput(readGuestElf('fibonacci', 'zisk'), input), /sdk\/qemu\.ld/);
});

test('without qemu-riscv64 the oracle says how to install it', () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "import('./test/oracles/qemu.ts').then((m) => m.requireQemu())"],
    { env: { PATH: '' }, encoding: 'utf8' },
  );
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /apt-get install qemu-user/);
});

// The trace comparator: on synthetic traces (each rule on its own) and on real qemu traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TraceComparator, TraceMismatchError, compareTraces, generateRandomProgram, guestExitPath, readGuestElf, readInput,
  recordQemuTrace, requireQemu, type StepSource,
} from './index.js';

/** A pull source over steps given as [pc, registers by index]. */
function source(steps: [number, Record<number, bigint>][]): StepSource & { closed: boolean } {
  let i = -1;
  const regs = new BigUint64Array(32);
  return {
    closed: false,
    get pc() {
      return steps[i]![0];
    },
    regs,
    next() {
      if (++i >= steps.length) return false;
      regs.fill(0n);
      for (const [r, v] of Object.entries(steps[i]![1])) regs[Number(r)] = v;
      return true;
    },
    close() {
      this.closed = true;
    },
  };
}

function mismatch(fn: () => unknown): TraceMismatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TraceMismatchError) return e;
    throw e;
  }
  assert.fail('expected a TraceMismatchError');
}

test('equal traces compare equal, step count reported', () => {
  const steps: [number, Record<number, bigint>][] = [[0x100, { 5: 1n }], [0x104, { 5: 2n }], [0x108, { 5: 3n }]];
  assert.deepEqual(compareTraces(source(steps), source(steps)), { steps: 3, stopped: false });
});

test('a register differing before either side writes it is ignored; after, it is a mismatch', () => {
  // a0: 0x4000_0000 (as ZisK's BIOS enters) against 0 (as Linux does), until the program writes 7
  const bios: [number, Record<number, bigint>][] = [[0, { 10: 0x4000_0000n }], [4, { 10: 0x4000_0000n }], [8, { 10: 7n }], [12, { 10: 7n }]];
  const linux: [number, Record<number, bigint>][] = [[0, { 10: 0n }], [4, { 10: 0n }], [8, { 10: 7n }], [12, { 10: 7n }]];
  assert.equal(compareTraces(source(linux), source(bios)).steps, 4);
  const wrong: [number, Record<number, bigint>][] = [[0, { 10: 0x4000_0000n }], [4, { 10: 0x4000_0000n }], [8, { 10: 8n }], [12, { 10: 8n }]];
  const e = mismatch(() => compareTraces(source(linux), source(wrong)));
  assert.equal(e.step, 2);
  assert.equal(e.what, 'x10/a0');
  assert.equal(e.expected, 7n);
  assert.equal(e.actual, 8n);
  // liveFromStart: compared from the first step
  const e2 = mismatch(() => compareTraces(source(linux), source(bios), { liveFromStart: [10] }));
  assert.equal(e2.step, 0);
});

test('a pc difference, a shorter and a longer trace are mismatches', () => {
  const ref: [number, Record<number, bigint>][] = [[0, {}], [4, {}], [8, {}]];
  assert.equal(mismatch(() => compareTraces(source(ref), source([[0, {}], [8, {}], [8, {}]]))).what, 'pc');
  assert.equal(mismatch(() => compareTraces(source(ref), source([[0, {}], [4, {}]]))).what, 'length');
  assert.equal(mismatch(() => compareTraces(source(ref), source([[0, {}], [4, {}], [8, {}], [12, {}]]))).what, 'length');
});

test('stopAt ends the comparison at a pc, ignoring what follows on both sides', () => {
  const ref = source([[0, {}], [4, {}], [0x40, { 1: 1n }], [0x44, {}]]);
  const act = source([[0, {}], [4, {}], [0x40, { 1: 9n }], [0x50, {}], [0x54, {}]]);
  const summary = compareTraces(ref, act, { stopAt: (pc) => pc >= 0x40 });
  assert.deepEqual(summary, { steps: 2, stopped: true });
  assert.ok(ref.closed && act.closed);
  const e = mismatch(() => compareTraces(source([[0, {}], [0x40, {}]]), source([[0, {}], [0x48, {}]]), { stopAt: (pc) => pc === 0x40 }));
  assert.equal(e.what, 'pc at the stop point');
});

test('the comparator works as a synchronous traceRiscv callback and stops it by throwing', () => {
  const ref = source([[0, { 5: 1n }], [4, { 5: 2n }], [8, { 5: 3n }]]);
  const cmp = new TraceComparator(ref);
  const regs = new BigUint64Array(32);
  const emulate = (onInstruction: (pc: number, regs: BigUint64Array) => void) => {
    for (let pc = 0, v = 1n; pc < 12; pc += 4, v++) {
      regs[5] = v === 3n ? 99n : v;
      onInstruction(pc, regs);
    }
  };
  const e = mismatch(() => emulate(cmp.onInstruction));
  assert.equal(e.step, 2);
  assert.match(e.message, /step 2 \(pc 0x8\): x5\/t0 expected 0x3, got 0x63 \(previous pc 0x4\)/);
});

test('qemu traces: a random program equals itself, and one changed register is found', async () => {
  requireQemu();
  const trace = await recordQemuTrace(generateRandomProgram({ seed: 3 }).elf);
  try {
    assert.deepEqual(compareTraces(trace.reader(), trace.reader()), { steps: trace.steps, stopped: false });
    const target = Math.floor(trace.steps / 2);
    const reader = trace.reader();
    const tampered: StepSource = {
      get pc() {
        return reader.pc;
      },
      regs: reader.regs,
      next() {
        if (!reader.next()) return false;
        if (reader.index === target) reader.regs[17] = reader.regs[17]! ^ 4n;
        return true;
      },
      close: () => reader.close(),
    };
    const e = mismatch(() => compareTraces(trace.reader(), tampered));
    assert.equal(e.step, target);
    assert.equal(e.what, 'x17/a7');
  } finally {
    trace.dispose();
  }
});

test('qemu traces of a guest stop at its exit path', async () => {
  requireQemu();
  const input = readInput({ example: 'sort', label: 'small', committed: true });
  const trace = await recordQemuTrace(readGuestElf('sort', 'qemu'), { input });
  try {
    const summary = compareTraces(trace.reader(), trace.reader(), { stopAt: guestExitPath(readGuestElf('sort')) });
    assert.equal(summary.stopped, true);
    assert.equal(summary.steps, trace.steps - 10, 'everything but the 10 instructions of the qemu exit path');
  } finally {
    trace.dispose();
  }
});

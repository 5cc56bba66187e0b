// Input area, free input, UART and free calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { programElf } from '../riscv/test-support/elf-writer.js';
import { transpile } from '../transpiler/index.js';
import { runEveryWay, u64Outputs } from './test-support/run-all.js';
import { EmulatorError, RiscvStepper, runFast, traceRiscv } from './index.js';
import { INPUT_ADDR, UART_ADDR } from '../zisk/index.js';

const [T0, T1, T2, A0, A1] = [5, 6, 7, 10, 11];

test('the input file is at INPUT_ADDR + 8, after a zero free-input slot; a0 = INPUT_ADDR', () => {
  const rom = transpile(programElf((a) => {
    a.sd(A0, A1, 0);
    a.ld(T2, A0, 0).sd(T2, A1, 8);
    a.ld(T2, A0, 8).sd(T2, A1, 16);
    a.ld(T2, A0, 16).sd(T2, A1, 24);
    a.lbu(T2, A0, 8 + 12).sd(T2, A1, 32);
  }));
  // Not a multiple of 8: padded with zeros, as ZisK pads its input sections.
  const input = Uint8Array.from([5, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62, 0x63, 0x64, 0x65]);
  const out = u64Outputs(runEveryWay(rom, input));
  assert.deepEqual(out.slice(0, 5), [BigInt(INPUT_ADDR), 0n, 5n, 0x6564636261n, 0x65n]);
  // With no input the area is just the free-input slot.
  const empty = transpile(programElf((a) => a.ld(T2, A0, 0).sd(T2, A1, 0)));
  assert.equal(u64Outputs(runFast(empty))[0], 0n);
});

test('bytes stored to the UART reach stdout', () => {
  const rom = transpile(programElf((a) => {
    a.li(T0, UART_ADDR);
    for (const ch of 'hi!\n') a.li(T1, ch.charCodeAt(0)).sb(T1, T0, 0);
  }));
  const r = runEveryWay(rom);
  assert.equal(new TextDecoder().decode(r.stdout), 'hi!\n');
  const chunks: string[] = [];
  runFast(rom, undefined, { stdout: (b) => chunks.push(new TextDecoder().decode(b)) });
  assert.equal(chunks.join(''), 'hi!\n');
});

test('free calls: fcall_param (by value and from memory), fcall, fcall_get', () => {
  // Function 4: position of the highest set bit of two 256-bit numbers x, y (8 words).
  const BUF = 0xa0100000;
  const rom = transpile(programElf((a) => {
    a.li(T0, BUF);
    for (let i = 0; i < 8; i++) a.sd(0, T0, 8 * i);
    a.li(T1, 1n << 40n).sd(T1, T0, 16); // x[2]
    a.li(T1, 1n << 3n).sd(T1, T0, 40); // y[1]
    a.csr(2, 0, 0x8f3, T0); // fcall_param: 8 words at T0
    a.csr(5, 0, 0x8c0, 4); // fcall 4 (csrwi)
    a.csr(2, T2, 0xffe, 0).sd(T2, A1, 0); // fcall_get
    a.csr(2, T2, 0xffe, 0).sd(T2, A1, 8);
    // Function 1: inverse mod p of secp256k1; parameters by value, one word at a time.
    for (const w of [3n, 0n, 0n, 0n]) a.li(T1, w).csr(2, 0, 0x8f0, T1);
    a.csr(5, 0, 0x8c0, 1);
    for (let i = 0; i < 4; i++) a.csr(2, T2, 0xffe, 0).sd(T2, A1, 16 + 8 * i);
  }));
  const out = u64Outputs(runEveryWay(rom));
  assert.deepEqual(out.slice(0, 2), [2n, 40n]);
  const p = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
  const inv = out.slice(2, 6).reduceRight((acc, w) => (acc << 64n) | w, 0n);
  assert.equal((inv * 3n) % p, 1n);
});

test('traceRiscv reports each RISC-V instruction once, with the registers before it', () => {
  const rom = transpile(programElf((a) => {
    a.li(T0, 7).li(T1, 0xa0100000).amo(0x00, 3, T2, T1, T0).addi(T0, T0, 1);
  }));
  const seen: { pc: number; t0: bigint }[] = [];
  traceRiscv(rom, undefined, {}, (pc, regs) => seen.push({ pc, t0: regs[T0]! }));
  // Every reported pc is a program instruction start, in order, with no repeats.
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.pc !== seen[i - 1]!.pc);
  assert.ok(seen.every((s) => s.pc >= 0x80000000 && s.pc % 2 === 0));
  const addi = seen.findIndex((s, i) => i > 0 && s.t0 === 8n) - 1;
  assert.equal(seen[addi]!.t0, 7n); // before the addi, t0 is still 7
  // The amo (4 ZisK steps) is one entry.
  const amoPc = seen[addi - 1]!.pc;
  assert.equal(seen[addi]!.pc, amoPc + 4);
});

test('RiscvStepper pulls the trace traceRiscv pushes, then gives runFast\'s result', () => {
  const rom = transpile(programElf((a) => {
    a.li(T0, 5).li(T1, 0);
    a.label('loop').add(T1, T1, T0).addi(T0, T0, -1).bne(T0, 0, 'loop');
    a.sd(T1, A1, 0);
  }));
  const pushed: string[] = [];
  const traced = traceRiscv(rom, undefined, {}, (pc, regs) => pushed.push(`${pc} ${regs.join(',')}`));
  const stepper = new RiscvStepper(rom);
  const pulled: string[] = [];
  while (stepper.next()) pulled.push(`${stepper.pc} ${stepper.regs.join(',')}`);
  assert.equal(stepper.next(), false);
  assert.deepEqual(pulled, pushed);
  const fast = runFast(rom);
  for (const r of [stepper.result(), traced]) {
    assert.equal(r.steps, fast.steps);
    assert.deepEqual(r.outputs, fast.outputs);
    assert.deepEqual(r.histogram, fast.histogram);
  }
  assert.equal(u64Outputs(fast)[0], 15n);
});

test('RiscvStepper: stopped early it has no result; the step limit is an EmulatorError', () => {
  const rom = transpile(programElf((a) => {
    a.label('spin').addi(T0, T0, 1).jal(0, 'spin');
  }));
  const early = new RiscvStepper(rom);
  assert.equal(early.next(), true);
  assert.throws(() => early.result(), /has not ended/);
  early.close();
  assert.equal(early.next(), false);
  const limited = new RiscvStepper(rom, undefined, { maxSteps: 1000 });
  assert.throws(() => {
    while (limited.next());
  }, (e: unknown) => e instanceof EmulatorError && e.code === 'max-steps' && e.step === 1000);
  assert.throws(() => traceRiscv(rom, undefined, {}, null as never), /onInstruction must be a function/);
});

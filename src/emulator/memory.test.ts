// RAM recycling: a run hands its RAM to the next one, which must still start from all-zero memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { programElf } from '../riscv/test-support/elf-writer.js';
import { transpile } from '../transpiler/index.js';
import { CSR_ADDR, RAM_ADDR, RAM_END } from '../zisk/index.js';
import { runFast, runMinimalTraces, runObserved, traceRiscv, type RunResult } from './index.js';
import type { GuestMemory } from './memory.js';

const [T0, T1] = [5, 6];
// Every store width, aligned and not, across 64 KB page boundaries, at both ends of RAM.
const STORES: [number, 'sb' | 'sh' | 'sw' | 'sd'][] = [
  [RAM_ADDR + 0x4_0000, 'sd'], [RAM_ADDR + 0x4_fffc, 'sd'], [RAM_ADDR + 0x5_fffe, 'sw'], [RAM_ADDR + 0x6_ffff, 'sh'],
  [RAM_ADDR + 0x7_0003, 'sb'], [RAM_ADDR + 0x8_0004, 'sw'], [RAM_ADDR + 0x9_0002, 'sh'], [RAM_END - 8, 'sd'], [RAM_END - 1, 'sb'],
];
const WIDTH = { sb: 1, sh: 2, sw: 4, sd: 8 };
const MSCRATCH = 0x340;

const writer = transpile(programElf((a) => {
  a.li(T1, -1);
  for (const [addr, op] of STORES) a.li(T0, addr)[op](T1, T0, 0);
  a.csr(1, 0, MSCRATCH, T1); // csrrw x0, mscratch, t1: a store to a fixed address
}));
const idle = transpile(programElf(() => {}));

function writes(mem: GuestMemory): number[] {
  const bytes: number[] = [];
  for (const [addr, op] of STORES) bytes.push(...mem.readBytes(addr, WIDTH[op]));
  bytes.push(...mem.readBytes(CSR_ADDR + 8 * MSCRATCH, 8));
  return bytes;
}

test('a recycled RAM is zero again, whichever engine wrote it', () => {
  const runs: [string, () => RunResult][] = [
    ['interpreter', () => runFast(writer, undefined, { engine: 'interpreter', keepMemory: true })],
    ['compiled', () => runFast(writer, undefined, { keepMemory: true })],
    ['compiled minimal traces', () => runMinimalTraces(writer, undefined, { chunkSize: 5, keepMemory: true })],
    ['observed', () => runObserved(writer, undefined, { onStep: () => false, onMemory: () => {}, onRegister: () => {} }, { keepMemory: true })],
    ['traceRiscv', () => traceRiscv(writer, undefined, { keepMemory: true }, () => {})],
  ];
  for (const [name, run] of runs) {
    const w = run().memory!;
    assert.ok(writes(w).every((b) => b === 0xff), `${name}: the writer wrote`);
    w.release();
    const next = runFast(idle, undefined, { keepMemory: true }).memory!;
    assert.equal(next.ram.buffer, w.ram.buffer, `${name}: the RAM was recycled`);
    assert.ok(writes(next).every((b) => b === 0), `${name}: recycled RAM reads zero`);
    next.release();
  }
});

test('a kept memory is not recycled', () => {
  const kept = runFast(writer, undefined, { keepMemory: true }).memory!;
  const other = runFast(idle, undefined, { keepMemory: true }).memory!;
  assert.notEqual(other.ram.buffer, kept.ram.buffer);
  assert.ok(writes(kept).every((b) => b === 0xff));
  assert.throws(() => runFast(idle, undefined, { keepMemory: 1 as unknown as boolean }), /keepMemory must be a boolean/);
});

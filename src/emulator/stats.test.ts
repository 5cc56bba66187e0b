import { test } from 'node:test';
import assert from 'node:assert/strict';
import { programElf } from '../riscv/test-support/elf-writer.js';
import { transpile } from '../transpiler/index.js';
import { OPS, OP_BY_CODE } from '../zisk/index.js';
import { MAIN_COST, StatsCollector, runFast, runObserved } from './index.js';

test('stats: every step counted once, accesses classified as ZisK does, cost = main + ops + memory', () => {
  const rom = transpile(programElf((a) => {
    a.li(5, 0xa0100000);
    a.ld(6, 5, 0); // RAM, aligned 8-byte
    a.lbu(6, 5, 3); // RAM, inside one word
    a.lw(6, 5, 6); // RAM, across two words
    a.sd(6, 5, 8); // write, aligned
    a.sb(6, 5, 9); // write, inside one word
    a.sh(6, 5, 15); // write, across two words
    a.mul(7, 6, 6).divu(7, 7, 6);
  }));
  const s = new StatsCollector(rom);
  const r = runObserved(rom, undefined, s);
  assert.equal(s.steps, r.steps);
  assert.equal(s.steps, runFast(rom).steps);
  assert.equal(s.ops.reduce((x, y) => x + y, 0), s.steps);
  // The program's ld, ecall's read of mtvec, the BIOS's 32 output words.
  assert.deepEqual([...s.reads[0]!], [1 + 1 + 32, 1, 1]);
  assert.equal(s.writes[0]! >= 1, true); // the program's sd, plus the BIOS's marchid and mtvec
  assert.deepEqual([s.writes[1], s.writes[2]], [1, 1]);
  const expectedOps = OPS.reduce((n, o) => n + s.ops[o.code]! * o.cost, 0);
  assert.equal(s.opsCost(), expectedOps);
  assert.ok(s.ops[OP_BY_CODE[0xb4]!.code]! >= 1); // mul
  assert.equal(s.totalCost(), s.steps * MAIN_COST + s.opsCost() + s.memoryCost);
  assert.match(s.report(), /cost estimate/);
});

// Many random programs: each runs to completion under qemu and disassembles cleanly.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRandomProgram, requireQemu, runQemu } from './index.js';
import { disassemble } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'zisk-random-slow-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('500 random programs in each mode run under qemu and disassemble cleanly', async () => {
  requireQemu();
  for (const compressed of [false, true]) {
    for (let seed = 1000; seed < 1500; seed++) {
      const p = generateRandomProgram({ seed, compressed, length: 400 });
      const r = await runQemu(p.elf, { compressed });
      assert.equal(r.exitCode, 0, `seed ${seed}${compressed ? ' (C)' : ''}: ${r.signal ?? ''} ${r.stderr}`);
      if (seed % 10 === 0) {
        const file = join(dir, 'p.elf');
        writeFileSync(file, p.elf);
        const lines = disassemble(file);
        assert.equal(lines.length, p.instructions);
        assert.deepEqual(lines.filter((l) => /unknown|\.word|\.short|\.insn/.test(l.text)), []);
      }
    }
  }
});

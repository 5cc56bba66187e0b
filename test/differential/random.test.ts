// Random RV64IMA programs, with and without compressed instructions: zisk-ts and qemu-riscv64 agree
// register for register before every instruction, to the exit ecall (see qemu-diff.ts). More seeds
// and longer programs in random.slow.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireQemu } from '../oracles/index.js';
import { diffRandom } from './qemu-diff.js';

requireQemu();

for (const compressed of [false, true]) {
  test(`24 random programs${compressed ? ' with compressed instructions' : ''} run alike in zisk-ts and qemu`, async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const d = await diffRandom(seed, compressed, 300);
      // forward control flow only: a program runs at most its instructions, and skips a few
      assert.ok(d.compared > d.instructions / 2 && d.compared <= d.instructions, `seed ${seed}: ${d.compared} of ${d.instructions}`);
    }
  });
}

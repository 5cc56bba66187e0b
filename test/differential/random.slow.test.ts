// 400 random programs of 1000 items in each mode (RV64IMA, and with compressed instructions):
// zisk-ts and qemu-riscv64 agree register for register before every instruction (qemu-diff.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireQemu } from '../oracles/index.js';
import { diffRandom } from './qemu-diff.js';

requireQemu();

for (const compressed of [false, true]) {
  test(`400 random programs${compressed ? ' with compressed instructions' : ''} run alike in zisk-ts and qemu`, async () => {
    let compared = 0;
    for (let seed = 10_000; seed < 10_400; seed++) {
      const d = await diffRandom(seed, compressed, 1000);
      assert.ok(d.compared > d.instructions / 2 && d.compared <= d.instructions, `seed ${seed}: ${d.compared} of ${d.instructions}`);
      compared += d.compared;
    }
    assert.ok(compared > 400 * 1000);
  });
}

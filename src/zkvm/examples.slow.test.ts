// Every guest example proved (small instances, several per AIR) and verified against its ELF.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runFast } from '../emulator/index.js';
import { WorkerPool } from '../parallel/index.js';
import { transpile } from '../transpiler/index.js';
import { proveElf, verifyProof } from './index.js';
import { EXAMPLES, guestElf, guestInput } from './test-support/examples.js';

const pool = new WorkerPool({ workers: 2 });
after(() => pool.close());

for (const [name, label] of EXAMPLES) {
  test(`${name}/${label}: proved and verified, outputs as a direct run`, async () => {
    const elf = guestElf(name);
    const input = guestInput(name, label);
    const r = await proveElf(elf, {
      input,
      pool,
      security: 'test',
      chunkSize: 1024,
      logRows: { Main: 11, Mem: 10, MemAlign: 8, Binary: 10, BinaryAdd: 10, BinaryExtension: 8, Arith: 8, InputData: 7, RomData: 7, MemAlignStraddle: 6 },
    });
    const v = verifyProof(r.proof, { elf, security: 'test' });
    assert.equal(v.ok, true, v.ok ? '' : `${v.check}: ${v.message}`);
    if (v.ok) assert.deepEqual(v.outputs, runFast(transpile(elf), input).outputs);
    assert.ok(r.instances.filter((i) => i.air === 'Main').length >= 2, 'several Main segments');
  });
}

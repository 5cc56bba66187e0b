// Every guest example proved (small instances, several per AIR) and verified against its ELF.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runFast } from '../emulator/index.js';
import { WorkerPool } from '../parallel/index.js';
import { transpile } from '../transpiler/index.js';
import { proveElf, verifyProof } from './index.js';

const pool = new WorkerPool({ workers: 2 });
after(() => pool.close());

const cases: [string, string][] = [
  ['fibonacci', 'small'],
  ['sha256', 'abc'],
  ['sort', 'small'],
  ['muldiv', 'tiny'],
  ['keccak', 'zero'],
  ['bignum', 'small'],
];

for (const [name, label] of cases) {
  test(`${name}/${label}: proved and verified, outputs as a direct run`, async () => {
    const elf = new Uint8Array(readFileSync(new URL(`../../guest/elf/${name}.elf`, import.meta.url)));
    const input = new Uint8Array(readFileSync(new URL(`../../guest/inputs/${name}/${label}.bin`, import.meta.url)));
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

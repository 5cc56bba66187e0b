// Every input of every guest example (see examples.test.ts), fast and minimal-trace modes: outputs
// equal the native oracle's and the chunks' steps add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transpile } from '../transpiler/index.js';
import { runFast, runMinimalTraces } from './index.js';

const GUEST = process.env.ZISK_TS_GUEST ?? fileURLToPath(new URL('../../guest/', import.meta.url));
const names = existsSync(`${GUEST}/elf`) && existsSync(`${GUEST}/expected`)
  ? readdirSync(`${GUEST}/expected`).filter((n) => existsSync(`${GUEST}/elf/${n}.elf`)).sort()
  : [];

test('the guest examples are present (or this suite is skipped)', { skip: names.length === 0 && 'no guest/elf in this tree' }, () => {
  assert.ok(names.length > 0);
});

for (const name of names) {
  for (const file of readdirSync(`${GUEST}/expected/${name}`).filter((f) => f.endsWith('.txt'))) {
    const label = file.slice(0, -4);
    const path = [`${GUEST}/inputs/${name}/${label}.bin`, `${GUEST}/inputs/generated/${name}/${label}.bin`].find(existsSync);
    test(`example ${name} (${label})`, { skip: !path && 'input not generated' }, () => {
      const rom = transpile(readFileSync(`${GUEST}/elf/${name}.elf`));
      const input = readFileSync(path!);
      const expected = readFileSync(`${GUEST}/expected/${name}/${file}`, 'utf8').trim().split('\n');
      const fast = runFast(rom, input);
      assert.deepEqual([...fast.outputs].map((w) => w.toString(16).padStart(8, '0')), expected);
      const traced = runMinimalTraces(rom, input);
      assert.equal(traced.steps, fast.steps);
      assert.deepEqual(traced.outputs, fast.outputs);
      assert.equal(traced.traces.reduce((n, t) => n + t.steps, 0), fast.steps);
    });
  }
}

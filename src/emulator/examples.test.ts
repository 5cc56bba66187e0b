// The guest SDK's examples (guest/elf, guest/inputs, guest/expected; or the directory named by
// ZISK_TS_GUEST): outputs equal the native oracle's, and for every example the chunks of its minimal
// traces, replayed alone, reproduce the direct run's steps, memory accesses, register accesses and
// final state. Skipped when the examples are not there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transpile } from '../transpiler/index.js';
import { replayChunk, runFast, runMinimalTraces, runObserved } from './index.js';
import { EventHash } from './test-support/event-hash.js';

const GUEST = process.env.ZISK_TS_GUEST ?? fileURLToPath(new URL('../../guest/', import.meta.url));
const names = existsSync(`${GUEST}/elf`) && existsSync(`${GUEST}/expected`)
  ? readdirSync(`${GUEST}/expected`).filter((n) => existsSync(`${GUEST}/elf/${n}.elf`)).sort()
  : [];

function inputsOf(name: string): { label: string; path: string }[] {
  return readdirSync(`${GUEST}/expected/${name}`).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4))
    .map((label) => ({ label, path: [`${GUEST}/inputs/${name}/${label}.bin`, `${GUEST}/inputs/generated/${name}/${label}.bin`].find(existsSync) ?? '' }))
    .filter((i) => i.path !== '');
}

test('the guest examples are present (or this suite is skipped)', { skip: names.length === 0 && 'no guest/elf in this tree' }, () => {
  assert.ok(names.length > 0);
});

for (const name of names) {
  test(`example ${name}: outputs, and replayed chunks equal the direct run (its shortest input)`, () => {
    const rom = transpile(readFileSync(`${GUEST}/elf/${name}.elf`));
    // The input with the fewest steps: a direct observed run against the replay of every chunk.
    const smallest = inputsOf(name).map((i) => ({ ...i, steps: runFast(rom, readFileSync(i.path)).steps })).sort((a, b) => a.steps - b.steps)[0]!;
    const input = readFileSync(smallest.path);
    const expected = readFileSync(`${GUEST}/expected/${name}/${smallest.label}.txt`, 'utf8').trim().split('\n');
    const direct = new EventHash();
    const run = runObserved(rom, input, direct);
    assert.deepEqual([...run.outputs].map((w) => w.toString(16).padStart(8, '0')), expected);
    for (const chunkSize of [997, 1 << 14]) {
      const traced = runMinimalTraces(rom, input, { chunkSize });
      assert.deepEqual(traced.outputs, run.outputs);
      const replayed = new EventHash();
      let last;
      for (const t of traced.traces) last = replayChunk(rom, t, replayed);
      assert.equal(replayed.summary(), direct.summary(), `chunk size ${chunkSize}`);
      assert.equal(last!.end, true);
    }
  });
}

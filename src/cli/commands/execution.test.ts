// `zisk-ts execute` and `zisk-ts verify-constraints` through the CLI entry, on one and two workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCli } from '../main.js';
import { executeCommand } from './execute.js';
import { verifyConstraintsCommand } from './verify-constraints.js';
import { capture } from '../test-support/capture.js';
import { TAMPERED_REF } from '../test-support/tampered-registry.js';

const path = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const SORT = ['-e', path('guest/elf/sort.elf'), '-i', path('guest/inputs/sort/small.bin')];
const SMALL = ['--chunk-size', '512', '--rows', 'Main=10,Mem=8,Binary=7,BinaryAdd=7,BinaryExtension=6,Arith=6,MemAlign=6,InputData=6,RomData=6', '-q'];

test('execute prints the plan: instances per AIR, rows used of rows available, chunks per instance', async () => {
  const r = await capture(() => runCli(['execute', ...SORT, ...SMALL, '-w', '1']));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /steps in \d+ chunks of 512; \d+ instances/);
  for (const air of ['Main', 'Mem', 'Binary', 'Rom', 'BinaryTable', 'RangeTable']) assert.match(r.out, new RegExp(`^\\s*${air}\\b`, 'm'), air);

  const j = await capture(() => runCli(['execute', ...SORT, ...SMALL, '-w', '2', '--json']));
  assert.equal(j.code, 0, j.err);
  const plan = JSON.parse(j.out) as { steps: number; instances: { air: string; chunks: number[] | number }[] };
  assert.ok(plan.steps > 1000);
  assert.ok(plan.instances.filter((i) => i.air === 'Main').length >= 2);
});

test('verify-constraints passes an honest run on 1 and 2 workers', async () => {
  for (const w of ['1', '2']) {
    const r = await capture(() => runCli(['verify-constraints', ...SORT, ...SMALL, '-w', w]));
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /ok: [\d,]+ steps, \d+ instances: every constraint holds and every bus balances/);
  }
});

test('verify-constraints names the AIR, instance, row and constraint of a tampered cell, on 1 and 2 workers', async () => {
  const command = verifyConstraintsCommand(TAMPERED_REF);
  for (const w of ['1', '2']) {
    const r = await capture(() => command.run([...SORT, ...SMALL, '-w', w]));
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /constraint failure: AIR Binary, instance Binary #1 \(global id \d+\), row 3, constraint 'r is boolean'/);
  }
  const j = await capture(() => command.run([...SORT, ...SMALL, '-w', '1', '--json']));
  assert.equal(j.code, 1);
  const out = JSON.parse(j.out) as { ok: boolean; failure: { kind: string; air: string; row: number } };
  assert.deepEqual([out.ok, out.failure.kind, out.failure.air, out.failure.row], [false, 'constraint', 'Binary', 3]);
});

test('execute: a missing ELF and a bad --rows are errors that name the problem', async () => {
  const missing = await capture(() => executeCommand().run(['-e', '/nonexistent.elf', '-q']).catch((e: Error) => (console.error(e.message), 1)));
  assert.notEqual(missing.code, 0);
  const bad = await capture(() => runCli(['execute', ...SORT, '--rows', 'Nope=3']));
  assert.equal(bad.code, 2);
  assert.match(bad.err.split('\n')[0]!, /--rows: no AIR 'Nope'/);
});

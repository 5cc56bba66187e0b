// The native oracle: the examples rebuilt for this host (guest/build.sh --native, cc) reproduce the
// committed expected outputs on every input, and the harness rejects malformed input files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXAMPLE_INPUTS, buildNative, formatOutputs, inputPath, readExpected, readInput, runNative, stepKey,
} from '../oracles/index.js';

const native = buildNative();
const scratch = mkdtempSync(join(tmpdir(), 'zisk-native-test-'));
after(() => {
  native.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

test('native runs reproduce the expected outputs of every input', () => {
  for (const input of EXAMPLE_INPUTS) {
    readInput(input); // writes generated inputs if missing
    const r = runNative(native.dir, input.example, inputPath(input.example, input.label));
    assert.equal(r.exitCode, 0, stepKey(input));
    assert.equal(formatOutputs(r.outputs), formatOutputs(readExpected(input)), stepKey(input));
  }
});

test('the harness prints 64 lines of 8 hex digits', () => {
  const r = spawnSync(join(native.dir, 'fibonacci'), [inputPath('fibonacci', 'small')], { encoding: 'utf8' });
  assert.match(r.stdout, /^([0-9a-f]{8}\n){64}$/);
});

test('malformed inputs stop the native run with exit status 2 and a reason', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['not a multiple of 8', new Uint8Array(12), /multiple of 8/],
    ['no record', new Uint8Array(0), /past the last input record/],
    ['record longer than the file', Uint8Array.from([16, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]), /longer than the rest/],
  ];
  for (const [name, bytes, reason] of cases) {
    const file = join(scratch, 'bad.bin');
    writeFileSync(file, bytes);
    const r = spawnSync(join(native.dir, 'fibonacci'), [file], { encoding: 'utf8' });
    assert.equal(r.status, 2, name);
    assert.match(r.stderr, reason, name);
  }
});

test('a record of the wrong size makes zisk_read_u64 stop the program with exit code 101', () => {
  const file = join(scratch, 'short.bin');
  writeFileSync(file, Uint8Array.from([4, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0]));
  const r = runNative(native.dir, 'fibonacci', file);
  assert.equal(r.exitCode, 101);
});

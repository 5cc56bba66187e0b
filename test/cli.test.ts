import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../src/cli/main.js';
import { capture } from '../src/cli/test-support/capture.js';

test('--help lists the commands and exits 0', async () => {
  const r = await capture(() => runCli(['--help']));
  assert.equal(r.code, 0);
  assert.match(r.out, /usage: zisk-ts <command>/);
});

test('an unknown command is a one-line error with exit code 2', async () => {
  const r = await capture(() => runCli(['frobnicate']));
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown command 'frobnicate'/);
  assert.equal(r.err.split('\n').length, 1);
});

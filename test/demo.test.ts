// `npm run demo` (scripts/demo.mjs) as a user runs it after `npm ci`: through the built CLI, it hashes
// the bundled input and a message of ours, checks the digests against node:crypto, and exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const demo = fileURLToPath(new URL('../scripts/demo.mjs', import.meta.url));

test('the demo runs, proves and verifies the sha256 guest through the CLI, and shows a tampered proof rejected', () => {
  const r = spawnSync(process.execPath, [demo], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\$ npx zisk-ts run -e guest\/elf\/sha256\.elf -i guest\/inputs\/sha256\/abc\.bin --metrics/);
  assert.match(r.stdout, /5,544 ZisK steps/);
  assert.match(r.stdout, /the same digest/);
  assert.match(r.stdout, /\$ npx zisk-ts prove -e guest\/elf\/sha256\.elf/);
  assert.match(r.stdout, /Verified ACCEPTED — \d+ instances, 100 conjectured bits/);
  assert.match(r.stdout, /ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad/);
  assert.match(r.stdout, /Rejected REJECTED — /);
});

test('the demo hashes a message given on its command line', () => {
  const message = 'The quick brown fox jumps over the lazy dog';
  const r = spawnSync(process.execPath, [demo, message], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const digest = createHash('sha256').update(message).digest('hex');
  assert.equal(digest, 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592');
  assert.match(r.stdout, new RegExp(`words 0-7 +${digest}`));
  assert.match(r.stdout, /0000002b = 43, the message length in bytes/);
});

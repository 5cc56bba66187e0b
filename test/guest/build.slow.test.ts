// guest/build.sh is reproducible: building the examples again, from a copy of guest/ at another
// path, gives the committed ELFs byte for byte (so they are also up to date with their sources).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUEST_DIR } from '../oracles/index.js';
import { requireTool } from '../oracles/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'zisk-guest-build-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function build(guest: string, out: string): void {
  const r = spawnSync('bash', [join(guest, 'build.sh'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('rebuilding the guest ELFs reproduces the committed ones exactly', () => {
  requireTool('clang');
  const copy = join(dir, 'elsewhere', 'guest');
  cpSync(GUEST_DIR, copy, { recursive: true, filter: (src) => !src.includes(join('inputs', 'generated')) });
  build(GUEST_DIR, join(dir, 'here'));
  build(copy, join(dir, 'there'));
  const committed = readdirSync(join(GUEST_DIR, 'elf')).sort();
  assert.deepEqual(readdirSync(join(dir, 'here')).sort(), committed);
  for (const name of committed) {
    const want = readFileSync(join(GUEST_DIR, 'elf', name));
    assert.ok(want.equals(readFileSync(join(dir, 'here', name))), `${name}: a rebuild differs from guest/elf (run guest/build.sh)`);
    assert.ok(want.equals(readFileSync(join(dir, 'there', name))), `${name}: a build at another path differs`);
  }
});

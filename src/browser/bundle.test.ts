// The browser bundle (build/browser/, scripts/build-browser.mjs): no Node built-ins, every kernel
// embedded, and the bundled verifier — loaded from the built file — accepting the fixture proof
// and rejecting altered ones as the Node verifier does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { verifyProof } from '../zkvm/verify.js';
import { fixtureExpected, readFixture, REMAKE, tampered } from './test-support/fixture.js';
import type * as Verifier from './verifier.js';

const out = new URL('../../build/browser/', import.meta.url);
const fixture = readFixture();
const expected = fixtureExpected(fixture.elf);
const load = () => import(new URL('verifier.js', out).href) as Promise<typeof Verifier>;

test('the fixture proof still verifies in Node (else remake it)', () => {
  const v = verifyProof(fixture.proof, { elf: fixture.elf, security: 'test' });
  assert.ok(v.ok, `the fixture proof no longer verifies (${v.ok ? '' : `${v.check}: ${v.message}`}); remake it: ${REMAKE}`);
  assert.deepEqual(v.outputs, expected.outputs);
  assert.equal(v.programId, expected.programId);
});

test('the build holds the page, the worker and the verifier, without Node built-ins', () => {
  for (const f of ['index.html', 'page.js', 'worker.js', 'verifier.js', 'style.css']) {
    assert.ok(existsSync(new URL(f, out)), `build/browser/${f} is missing; run npm run build`);
  }
  const builtins = builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|');
  // Static and dynamic imports, re-exports and require calls of `node:x` or a bare built-in name.
  const nodeImport = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)["'\`](?:node:[\\w/]+|(?:${builtins}))["'\`]`);
  for (const f of ['page.js', 'worker.js', 'verifier.js']) {
    const js = readFileSync(new URL(f, out), 'utf8');
    const m = nodeImport.exec(js);
    assert.equal(m, null, `${f} imports a Node built-in: ${m?.[0]}`);
  }
  // The detector itself: it must see the forms a Node import takes.
  for (const s of ['import{x}from"node:os"', 'await import("node:fs")', 'require("fs")', "export*from'worker_threads'"]) {
    assert.match(s, nodeImport, s);
  }
  // worker.js loads verifier.js rather than holding a second copy of it.
  assert.match(readFileSync(new URL('worker.js', out), 'utf8'), /["']\.\/verifier\.js["']/);
});

test('every WebAssembly kernel of build/wasm is embedded', () => {
  const built = readdirSync(new URL('../../build/wasm/', import.meta.url)).filter((f) => f.endsWith('.wasm')).map((f) => f.slice(0, -5)).sort();
  const source = readFileSync(new URL('./kernels.ts', import.meta.url), 'utf8');
  const embedded = [...source.matchAll(/from '\.\.\/\.\.\/build\/wasm\/(\w+)\.wasm'/g)].map((m) => m[1]).sort();
  assert.deepEqual(embedded, built, 'src/browser/kernels.ts must import every build/wasm/*.wasm');
});

test('the bundled verifier accepts the fixture proof, with and without its ELF', async () => {
  const { verify } = await load();
  const r = verify(fixture.proof, { elf: fixture.elf, security: 'test' });
  assert.ok(r.verdict.ok, r.verdict.ok ? '' : `${r.verdict.check}: ${r.verdict.message}`);
  if (!r.verdict.ok) return;
  assert.deepEqual(r.verdict.outputs, expected.outputs);
  assert.equal(r.verdict.programId, expected.programId);
  assert.equal(r.elfChecked, true);
  assert.equal(r.profile, 'test');
  assert.equal(r.insecure, true);
  assert.equal(r.securityBits, 14);

  const any = verify(fixture.proof, { security: 'any' });
  assert.ok(any.verdict.ok && any.verdict.programId === expected.programId);
  assert.equal(any.elfChecked, false);
  assert.equal(any.profile, 'test');
  assert.equal(any.insecure, true);
});

test('the bundled verifier requires the standard profile by default', async () => {
  const { verify } = await load();
  const r = verify(fixture.proof, { elf: fixture.elf });
  assert.equal(r.verdict.ok, false);
  if (!r.verdict.ok) {
    assert.equal(r.verdict.check, 'params');
    assert.match(r.verdict.message, /insecure test profile/);
  }
  assert.equal(r.insecure, true);
});

test('the bundled verifier rejects a tampered proof, the wrong ELF and non-proofs, and never throws', async () => {
  const { verify } = await load();
  const t = verify(tampered(fixture.proof), { elf: fixture.elf, security: 'any' });
  assert.equal(t.verdict.ok, false);
  // One flipped bit in an opening: a Merkle path fails, not the decoding.
  assert.ok(!t.verdict.ok && t.verdict.check !== 'format', !t.verdict.ok ? t.verdict.message : '');
  const node = verifyProof(tampered(fixture.proof), { elf: fixture.elf, security: 'test' });
  assert.ok(!t.verdict.ok && !node.ok && t.verdict.check === node.check && t.verdict.message === node.message, 'the same rejection as the Node verifier');

  const wrong = verify(fixture.proof, { elf: fixture.otherElf, security: 'any' });
  assert.equal(!wrong.verdict.ok && wrong.verdict.check, 'program-root');

  for (const junk of [new Uint8Array(0), new Uint8Array(1000).fill(7), fixture.elf, fixture.proof.subarray(0, 5000)]) {
    const r = verify(junk, { security: 'any' });
    assert.equal(r.verdict.ok, false);
    assert.equal(r.profile, undefined);
  }
  const notBytes = verify('proof' as unknown as Uint8Array);
  assert.equal(!notBytes.verdict.ok && notBytes.verdict.check, 'format');
});

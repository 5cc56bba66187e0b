// zisk-ts serve-verifier: the files of build/browser/ with their MIME types, nothing outside it,
// and a command that prints its URL and stops on SIGINT.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVerifierServer } from './serve-verifier.js';

const dir = mkdtempSync(join(tmpdir(), 'zisk-ts-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A raw request: `path` goes on the wire as written (fetch would normalise `..` away). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves the built page with the right MIME types', async () => {
  const s = await startVerifierServer({ port: 0 });
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(s.url, '/');
    assert.equal(index.status, 200);
    assert.equal(index.type, 'text/html; charset=utf-8');
    assert.match(index.body, /zisk-ts proof verifier/);
    for (const [path, type] of [['/verifier.js', 'text/javascript; charset=utf-8'], ['/worker.js', 'text/javascript; charset=utf-8'], ['/page.js', 'text/javascript; charset=utf-8'], ['/style.css', 'text/css; charset=utf-8'], ['/index.html?x=1', 'text/html; charset=utf-8']] as const) {
      const r = await get(s.url, path);
      assert.equal(r.status, 200, path);
      assert.equal(r.type, type, path);
    }
    const head = await get(s.url, '/verifier.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal((await get(s.url, '/', 'POST')).status, 405);
    assert.equal((await get(s.url, '/nothing.js')).status, 404);
  } finally {
    await s.close();
  }
});

test('serves nothing outside its folder', async () => {
  const root = join(dir, 'site');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'k.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
  mkdirSync(join(root, 'sub'));
  const s = await startVerifierServer({ port: 0, root });
  try {
    assert.equal((await get(s.url, '/k.wasm')).type, 'application/wasm');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/sub/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/link.txt', '/sub', '/sub/', '/%00', '/%E0%A4%A', `/${'../'.repeat(8)}etc/passwd`]) {
      const r = await get(s.url, path);
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(r.body, /secret|root:/, path);
    }
    assert.equal((await get(s.url, 'http://example.com/index.html')).status, 400);
  } finally {
    await s.close();
  }
});

test('`zisk-ts serve-verifier --port 0` prints its URL, serves, and stops on SIGINT', async () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "const { runCli } = await import('./src/cli/main.ts'); process.exitCode = await runCli(['serve-verifier', '--port', '0']);"],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL printed; stderr: ${err}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /zisk-ts verifier: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
  });
  assert.equal((await get(url, '/')).status, 200);
  const code = await new Promise<number | null>((ok) => {
    child.on('exit', (c) => ok(c));
    child.kill('SIGINT');
  });
  assert.equal(code, 0, err);
  assert.match(err, /stopped/);
});

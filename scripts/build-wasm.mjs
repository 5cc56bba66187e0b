// Compiles every AssemblyScript kernel module in src/wasm/assembly/*.ts (one module a file,
// helpers in sub-folders) into build/wasm/<name>.wasm, skipping modules that are up to date.
import { readdirSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src', 'wasm', 'assembly');
const outDir = join(root, 'build', 'wasm');

function newestMtime(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return t;
}

export async function buildWasm({ force = false } = {}) {
  if (!existsSync(srcDir)) return;
  mkdirSync(outDir, { recursive: true });
  const sourcesTime = newestMtime(srcDir);
  for (const name of readdirSync(srcDir)) {
    if (!name.endsWith('.ts')) continue;
    const out = join(outDir, basename(name, '.ts') + '.wasm');
    if (!force && existsSync(out) && statSync(out).mtimeMs >= sourcesTime) continue;
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'),
        join(srcDir, name),
        '--outFile', out,
        '--optimizeLevel', '3',
        '--shrinkLevel', '0',
        '--runtime', 'stub',
        '--noAssert',
        '--enable', 'simd',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error(`AssemblyScript build of ${name} failed`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWasm({ force: process.argv.includes('--force') });
}

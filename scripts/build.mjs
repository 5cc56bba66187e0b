#!/usr/bin/env node
// Builds the package: the WebAssembly kernels first (AssemblyScript → build/wasm), then the browser
// verifier (src/browser → build/browser, kernels embedded) and the TypeScript sources (src → dist).
// `npm ci` runs this through the `prepare` script, so a fresh clone is ready to use after `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBrowser } from './build-browser.mjs';
import { buildWasm } from './build-wasm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build failed: ${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

await buildWasm();
try {
  await buildBrowser();
} catch (e) {
  console.error(`build failed: ${e.message}`);
  process.exit(1);
}
// tsc's incremental record does not notice a deleted dist/: start afresh then.
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) rmSync(join(root, 'build', 'tsc-build.tsbuildinfo'), { force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);

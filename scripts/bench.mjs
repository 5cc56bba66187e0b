#!/usr/bin/env node
// Runs every benchmark in bench/ (bench/*.ts), or the ones whose file name contains a given word:
//   npm run bench              all
//   npm run bench -- ntt       bench/*ntt*.ts
// Each benchmark prints JSON lines {"name", "value", "unit", "n", ...} on stdout; human notes go to
// stderr. Benchmarks are measurements, never pass/fail gates.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasm } from './build-wasm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// Kernels are rebuilt when their AssemblyScript sources are newer than the built modules.
await buildWasm();
const dir = join(root, 'bench');
const words = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
      .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
      .sort()
  : [];
if (files.length === 0) {
  console.error('no benchmarks matched');
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`benchmark ${f} exited with ${r.status}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);

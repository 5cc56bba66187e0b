#!/usr/bin/env node
// Runs the test suites from the TypeScript sources with Node's own test runner (through tsx).
//
//   npm test                      every *.test.ts under src/ and test/ except the slow ones
//   npm run test:slow             only the *.slow.test.ts suites (long differential and end-to-end runs)
//   npm run test:qemu             every suite, slow ones included, that compares with qemu-riscv64
//   node scripts/test.mjs --all W both kinds, of the files whose path contains W
//   npm test -- emulator riscv    only files whose path contains one of the words
//
// A full run (no words given) builds dist/ and type-checks the whole tree first (incrementally).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBrowser } from './build-browser.mjs';
import { buildWasm } from './build-wasm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// Kernels are rebuilt when their AssemblyScript sources are newer than the built modules; the
// browser bundle (under a second) always, as its tests load the built files.
await buildWasm();
await buildBrowser();
const args = process.argv.slice(2);
const slow = args.includes('--slow');
const all = args.includes('--all');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = [...walk(join(root, 'src'), []), ...walk(join(root, 'test'), [])]
  .map((f) => relative(root, f))
  .filter((f) => all || f.endsWith('.slow.test.ts') === slow)
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

if (files.length === 0) {
  console.error(`no test files matched${filters.length ? ` (filters: ${filters.join(', ')})` : ''}`);
  process.exit(1);
}

if (filters.length === 0) {
  // Some tests drive the built command line (dist/), as users do after `npm ci`: build it first.
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('type check failed');
    process.exit(tsc.status ?? 1);
  }
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);

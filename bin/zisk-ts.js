#!/usr/bin/env node
// The command-line entry point. The package is compiled to dist/ by `npm ci` (the `prepare` script);
// when dist/ is missing, say how to make it rather than fail with a module-not-found trace.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('zisk-ts: the package is not built yet; run `npm ci` (or `npm run build`) in the repository first.');
  process.exit(1);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));

// The command line from the TypeScript sources, for benchmarks that start worker processes.
import { runCli } from '../src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));

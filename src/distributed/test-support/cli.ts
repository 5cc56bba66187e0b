// The command line from the TypeScript sources, for tests that spawn coordinators and workers:
// node --import tsx src/distributed/test-support/cli.ts <command> ...
import { runCli } from '../../cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));

import { commands } from './commands/index.js';
import { UsageError } from './command.js';

const VERSION = '0.1.0';

function topLevelHelp(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `zisk-ts ${VERSION}: run and prove RISC-V 64 programs built for ZisK's memory layout`,
    '',
    'usage: zisk-ts <command> [options]',
    '',
    'commands:',
    ...(lines.length ? lines : ['  (none)']),
    '',
    'Run `zisk-ts <command> --help` for the options of one command.',
  ].join('\n');
}

/**
 * Parses the command line and runs one command. Errors become a one-line message on stderr and a
 * non-zero exit code; a stack trace is printed only with ZISK_TS_DEBUG=1.
 */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(topLevelHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    console.log(VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`zisk-ts: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ') || '(none)'}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`zisk-ts ${name}: ${err.message}\n\n${command.help}`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(`zisk-ts ${name}: ${message}`);
    if (process.env.ZISK_TS_DEBUG === '1' && err instanceof Error) console.error(err.stack);
    return 1;
  }
}

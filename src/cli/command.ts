/**
 * A sub-command of the `zisk-ts` command line. Each command lives in its own file under
 * `commands/` and is listed once in `commands/index.ts`.
 */
export interface Command {
  /** The word typed after `zisk-ts`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text: usage line, options, and anything partly implemented. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. Throwing a `UsageError` prints usage. */
  run(argv: string[]): Promise<number>;
}

/** A mistake in how the command was called (unknown flag, missing argument). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

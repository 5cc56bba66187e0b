/**
 * A small, strict parser for the commands' options: each option is declared once with its names
 * and kind; anything else is a usage error naming the argument.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './command.js';

export type OptionKind = 'string' | 'count' | 'flag' | 'list';

export interface OptionSpec {
  /** Names as typed, e.g. ['-e', '--elf']. */
  readonly names: readonly string[];
  readonly kind: OptionKind;
}

export type ParsedArgs = {
  readonly strings: ReadonlyMap<string, string>;
  readonly counts: ReadonlyMap<string, number>;
  readonly flags: ReadonlySet<string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
};

/** Parses `argv` against `specs`; options are keyed by their last (long) name. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map<string, OptionSpec>();
  for (const s of specs) for (const n of s.names) byName.set(n, s);
  const strings = new Map<string, string>();
  const counts = new Map<string, number>();
  const flags = new Set<string>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const spec = byName.get(arg);
    if (!spec) throw new UsageError(`unknown option '${arg}'`);
    const key = spec.names[spec.names.length - 1]!;
    if (spec.kind === 'flag') {
      flags.add(key);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    if (spec.kind === 'string') strings.set(key, value);
    else if (spec.kind === 'list') lists.set(key, [...(lists.get(key) ?? []), value]);
    else {
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${arg} must be a positive integer, got '${value}'`);
      counts.set(key, n);
    }
  }
  return { strings, counts, flags, lists };
}

/** Reads a file a user named, with a one-line error when it cannot be read. */
export function readUserFile(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** `--rows AIR=LOG` values as a map of rows (log2) by AIR name. */
export function parseRows(values: readonly string[] | undefined): Record<string, number> | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(\d+)$/.exec(v);
    if (!m) throw new UsageError(`--rows takes AIR=LOG (e.g. Main=16), got '${v}'`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** 'standard' or 'test'. */
export function parseSecurity(value: string | undefined): 'standard' | 'test' {
  if (value === undefined || value === 'standard' || value === 'test') return value ?? 'standard';
  throw new UsageError(`--security must be 'standard' or 'test', got '${value}'`);
}

import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseArgs, readUserFile, type OptionSpec } from '../args.js';
import { transpile } from '../../transpiler/index.js';
import { StatsCollector, riscofSignature, runFast, runMinimalTraces, runObserved, type RunResult } from '../../emulator/index.js';

const help = `usage: zisk-ts run -e ELF [-i INPUT] [-o OUTPUT] [-n MAX_STEPS] [--stats] [--metrics] [--chunk-size N] [-f]

Runs a RISC-V 64 ELF built for ZisK's memory layout on an input file, as ZisK's emulator does.

  -e, --elf ELF          the program
  -i, --input INPUT      input file: records [u64 length][bytes][zero padding to 8] (default: none)
  -o, --output OUTPUT    write the 64 public output words there (256 bytes, little-endian)
                         instead of printing them
  -n, --max-steps N      step limit (default 2^36 − 1); not ending within it is an error
      --chunk-size N     also produce the minimal traces, N steps per chunk (default: fast mode only)
      --stats            print steps, op counts per op type and per state machine, memory accesses
                         and ZisK's cost estimate (runs the reference step loop: slower)
      --metrics          print steps, seconds and M steps/s of the run
  -f, --riscof           print the riscv-arch-test signature instead of the outputs: the word count
                         stored at OUTPUT_ADDR, then that many words from OUTPUT_ADDR + 4

Without -o and -f the 64 outputs are printed one per line as 8 hex digits. Bytes the guest writes
to the UART go to stdout as they come; --stats and --metrics print to stderr. Exit code 0 on
success, 1 with a one-line error otherwise (guest errors name the pc and the step).`;

interface Args {
  elf?: string;
  input?: string;
  output?: string;
  maxSteps?: number;
  chunkSize?: number;
  stats: boolean;
  metrics: boolean;
  riscof: boolean;
}

const OPTIONS: readonly OptionSpec[] = [
  { names: ['-e', '--elf'], kind: 'string' },
  { names: ['-i', '--input'], kind: 'string' },
  { names: ['-o', '--output'], kind: 'string' },
  { names: ['-n', '--max-steps'], kind: 'count' },
  { names: ['--chunk-size'], kind: 'count' },
  { names: ['--stats'], kind: 'flag' },
  { names: ['--metrics'], kind: 'flag' },
  { names: ['-f', '--riscof'], kind: 'flag' },
];

function parse(argv: string[]): Args {
  const p = parseArgs(argv, OPTIONS);
  const elf = p.strings.get('--elf');
  if (!elf) throw new UsageError('missing -e ELF');
  const a: Args = { elf, stats: p.flags.has('--stats'), metrics: p.flags.has('--metrics'), riscof: p.flags.has('--riscof') };
  const input = p.strings.get('--input');
  if (input !== undefined) a.input = input;
  const output = p.strings.get('--output');
  if (output !== undefined) a.output = output;
  const maxSteps = p.counts.get('--max-steps');
  if (maxSteps !== undefined) a.maxSteps = maxSteps;
  const chunkSize = p.counts.get('--chunk-size');
  if (chunkSize !== undefined) a.chunkSize = chunkSize;
  return a;
}

export const run: Command = {
  name: 'run',
  summary: 'run a program and print its outputs (ZisK emulator style)',
  help,
  async run(argv) {
    const a = parse(argv);
    const rom = transpile(readUserFile(a.elf!, 'ELF file'));
    const input = a.input === undefined ? undefined : readUserFile(a.input, 'input file');
    const options = { maxSteps: a.maxSteps, stdout: (bytes: Uint8Array) => process.stdout.write(bytes), keepMemory: a.riscof };
    const t0 = performance.now();
    let result: RunResult;
    let chunks = 0;
    let stats: StatsCollector | undefined;
    if (a.stats) {
      stats = new StatsCollector(rom);
      result = runObserved(rom, input, stats, options);
    } else if (a.chunkSize !== undefined) {
      const traced = runMinimalTraces(rom, input, { ...options, chunkSize: a.chunkSize });
      chunks = traced.traces.length;
      result = traced;
    } else {
      result = runFast(rom, input, options);
    }
    const seconds = (performance.now() - t0) / 1000;

    if (a.output !== undefined) {
      writeFileSync(a.output, new Uint8Array(result.outputs.buffer, result.outputs.byteOffset, result.outputs.byteLength));
    }
    const lines: string[] = [];
    if (a.riscof) for (const w of riscofSignature(result.memory!)) lines.push(w.toString(16).padStart(8, '0'));
    else if (a.output === undefined) for (const w of result.outputs) lines.push(w.toString(16).padStart(8, '0'));
    if (lines.length) console.log(lines.join('\n'));
    if (stats) console.error(stats.report());
    if (a.metrics) {
      const rate = result.steps / seconds / 1e6;
      console.error(`steps: ${result.steps}\nseconds: ${seconds.toFixed(3)}\nM steps/s: ${rate.toFixed(1)}${a.chunkSize !== undefined ? `\nchunks: ${chunks}` : ''}`);
    }
    return 0;
  },
};

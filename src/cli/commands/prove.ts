import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseArgs, parseRows, parseSecurity, readUserFile } from '../args.js';
import { ProgressReporter } from '../progress.js';
import { proveElf, type ProvePhase } from '../../zkvm/index.js';
import { proveOnWorkers } from './prove-distributed.js';

const help = `usage: zisk-ts prove -e ELF [-i INPUT] -o PROOF [--workers N] [--security standard|test] [--json]
                     [--chunk-size N] [--rows AIR=LOG ...] [-n MAX_STEPS] [--debug-check]
                     [--redis URL [--job-id ID] [--resume] [--queue NAME] [--redis-password PW]]

Runs the program on the input and proves that it produced its outputs. The proof, written to PROOF,
holds the 64 output words and the program's identity; anyone can check it with \`zisk-ts verify\`.

  -e, --elf ELF          the program (RISC-V 64, ZisK's memory layout)
  -i, --input INPUT      input file: records [u64 length][bytes][zero padding to 8] (default: none)
  -o, --output PROOF     where to write the proof
      --workers N        worker threads (default: the available cores); the proof does not depend on it
      --security LEVEL   standard (default): about 100 conjectured bits; test: fast and INSECURE,
                         for trying things out only
      --chunk-size N     steps per chunk of the minimal traces (default 2^18)
      --rows AIR=LOG     rows per instance of an AIR, as a power of two (repeatable), e.g. Main=16
  -n, --max-steps N      step limit (default 2^36 − 1)
      --debug-check      check every constraint and bus before proving; name the first failure
      --json             print the summary as JSON on stdout (progress still goes to stderr)

Distributed (the work spread over \`zisk-ts worker\` processes on any machines; same proof):
      --redis URL        be the coordinator of a job on this Redis (redis://HOST:PORT, loopback
                         by default); workers started with the same --redis and --queue do the work
      --job-id ID        the job's name in Redis (default: random; printed)
      --resume           carry on with what Redis holds for --job-id instead of starting over
      --queue NAME       the job queue (default proofs)
      --redis-password PW  or in the URL (redis://:PW@HOST:PORT) or ZISK_REDIS_PASSWORD

Progress goes to stderr, one bar per phase (execute, plan, witness, commit, prove); the summary
(steps, instances per AIR, time per phase, proof size, peak memory) to stdout. Exit code 0 on
success, 1 with a one-line error otherwise.`;

const PHASES: readonly ProvePhase[] = ['execute', 'plan', 'witness', 'commit', 'prove'];

export const prove: Command = {
  name: 'prove',
  summary: 'prove that a program run on an input produced its outputs',
  help,
  async run(argv) {
    const a = parseArgs(argv, [
      { names: ['-e', '--elf'], kind: 'string' },
      { names: ['-i', '--input'], kind: 'string' },
      { names: ['-o', '--output'], kind: 'string' },
      { names: ['--workers'], kind: 'count' },
      { names: ['--security'], kind: 'string' },
      { names: ['--chunk-size'], kind: 'count' },
      { names: ['--rows'], kind: 'list' },
      { names: ['-n', '--max-steps'], kind: 'count' },
      { names: ['--debug-check'], kind: 'flag' },
      { names: ['--json'], kind: 'flag' },
      { names: ['--redis'], kind: 'string' },
      { names: ['--job-id'], kind: 'string' },
      { names: ['--resume'], kind: 'flag' },
      { names: ['--queue'], kind: 'string' },
      { names: ['--redis-password'], kind: 'string' },
    ]);
    const elfPath = a.strings.get('--elf');
    const out = a.strings.get('--output');
    if (!elfPath) throw new UsageError('missing -e ELF');
    if (!out) throw new UsageError('missing -o PROOF');
    const security = parseSecurity(a.strings.get('--security'));
    const logRows = parseRows(a.lists.get('--rows'));
    const elf = readUserFile(elfPath, 'ELF file');
    const inputPath = a.strings.get('--input');
    const input = inputPath === undefined ? undefined : readUserFile(inputPath, 'input file');
    const json = a.flags.has('--json');

    const progress = new ProgressReporter(process.stderr);
    if (security === 'test') console.error('warning: --security test makes INSECURE proofs, for trying things out only');
    const redisUrl = a.strings.get('--redis');
    if (redisUrl === undefined && (a.strings.has('--job-id') || a.flags.has('--resume') || a.strings.has('--queue'))) {
      throw new UsageError('--job-id, --resume and --queue need --redis URL');
    }
    if (redisUrl !== undefined) {
      if (a.flags.has('--debug-check') || a.counts.has('--workers')) throw new UsageError('--debug-check and --workers are for proving on this machine, not with --redis');
      return proveOnWorkers(elf, out, json, {
        redis: { url: redisUrl, password: a.strings.get('--redis-password') },
        queue: a.strings.get('--queue'),
        jobId: a.strings.get('--job-id'),
        resume: a.flags.has('--resume'),
        input,
        security,
        chunkSize: a.counts.get('--chunk-size'),
        maxSteps: a.counts.get('--max-steps'),
        logRows,
      });
    }
    const t0 = performance.now();
    const r = await proveElf(elf, {
      input,
      security,
      workers: a.counts.get('--workers'),
      chunkSize: a.counts.get('--chunk-size'),
      maxSteps: a.counts.get('--max-steps'),
      logRows,
      debugCheck: a.flags.has('--debug-check'),
      onProgress: (phase, done, total) => progress.update(phase, done, total),
    });
    progress.end();
    writeFileSync(out, r.proof);
    const seconds = (performance.now() - t0) / 1000;
    const peakMiB = process.resourceUsage().maxRSS / 1024;

    const perAir = new Map<string, { count: number; rows: number }>();
    for (const i of r.instances) {
      const e = perAir.get(i.air) ?? { count: 0, rows: 0 };
      e.count++;
      e.rows += 2 ** i.logRows;
      perAir.set(i.air, e);
    }
    const summary = {
      proof: out,
      proofBytes: r.proof.length,
      steps: r.steps,
      chunks: r.chunks,
      programId: r.programId,
      outputs: Array.from(r.outputs, (w) => w.toString(16).padStart(8, '0')),
      instances: Object.fromEntries([...perAir].map(([air, e]) => [air, e])),
      seconds: { ...r.seconds, total: seconds },
      stepsPerSecond: r.steps / seconds,
      peakMemoryMiB: Math.round(peakMiB),
      securityBits: r.securityBits,
      params: r.params,
    };
    if (json) {
      console.log(JSON.stringify(summary, null, 2));
      return 0;
    }
    const lines = [
      `proved ${r.steps.toLocaleString('en-US')} steps of ${elfPath}${inputPath ? ` on ${inputPath}` : ''}`,
      `proof: ${out} (${(r.proof.length / 1024).toFixed(1)} KiB), ${r.params}`,
      `program id: ${r.programId}`,
      'instances:',
      ...[...perAir].map(([air, e]) => `  ${air.padEnd(18)} ${String(e.count).padStart(4)} × (${e.rows.toLocaleString('en-US')} rows in all)`),
      'time:',
      ...PHASES.map((p) => `  ${p.padEnd(8)} ${r.seconds[p].toFixed(2).padStart(8)} s`),
      `  ${'total'.padEnd(8)} ${seconds.toFixed(2).padStart(8)} s  (${Math.round(r.steps / seconds).toLocaleString('en-US')} steps/s)`,
      `peak memory: ${Math.round(peakMiB)} MiB`,
    ];
    console.log(lines.join('\n'));
    return 0;
  },
};

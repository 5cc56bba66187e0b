// Emulator throughput in M steps/s: fast mode, minimal-trace mode (2^18-step chunks) and the replay
// of every chunk, on fibonacci and sha256. Uses the SDK's example ELFs (guest/elf) when present,
// otherwise equivalent programs built in memory (bench/_programs.ts). One JSON line per figure:
//   {"name": "emulator/fast/fibonacci", "value": <median M steps/s>, "unit": "M steps/s", "n": <steps>, ...}
// and emulator/minimal-traces-cost/NAME: how many times longer a minimal-trace run takes than a fast one
// (target: at most 2).
// Pin it to one core for stable numbers: taskset -c 0 npm run bench -- emulator
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transpile } from '../src/transpiler/index.js';
import { replayChunk, runFast, runMinimalTraces } from '../src/emulator/index.js';
import type { ZiskRom } from '../src/zisk/index.js';
import { fibonacciElf, sha256Elf } from './_programs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Program {
  name: string;
  source: string;
  rom: ZiskRom;
  input?: Uint8Array;
}

function program(name: string, sdkInput: string, fallback: () => Uint8Array): Program {
  const elf = `${root}guest/elf/${name}.elf`;
  const input = `${root}guest/inputs/${sdkInput}`;
  if (existsSync(elf) && existsSync(input)) {
    return { name, source: `guest/elf/${name}.elf + guest/inputs/${sdkInput}`, rom: transpile(readFileSync(elf)), input: readFileSync(input) };
  }
  return { name, source: 'bench/_programs.ts', rom: transpile(fallback()) };
}

// One sample = as many whole runs as fill SAMPLE_MS, so that short programs (sha256/medium is ~5 M
// steps, a few ms) are not measured at the timer's and the scheduler's granularity.
const SAMPLE_MS = 250;

function sample(run: () => number): { rate: number; steps: number } {
  const t0 = performance.now();
  let total = 0;
  let elapsed = 0;
  let steps = 0;
  do {
    steps = run();
    total += steps;
    elapsed = performance.now() - t0;
  } while (elapsed < SAMPLE_MS);
  return { rate: total / elapsed / 1000, steps };
}

interface Figure {
  median: number;
  max: number;
  steps: number;
}

function figure(rates: number[], steps: number): Figure {
  const sorted = [...rates].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, steps };
}

/**
 * Samples the modes in turn, round after round (fast, minimal traces, fast, ...), so that the load of
 * a shared machine weighs on both alike; the cost of minimal traces is the median of each round's
 * fast / minimal-trace ratio.
 */
function measureModes(modes: (() => number)[]): { figures: Figure[]; ratio: number } {
  for (const run of modes) run(); // warm up: compile the blocks, let the JIT settle
  const rates: number[][] = modes.map(() => []);
  const steps: number[] = modes.map(() => 0);
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    modes.forEach((run, k) => {
      const s = sample(run);
      rates[k]!.push(s.rate);
      steps[k] = s.steps;
    });
    if (modes.length > 1) ratios.push(rates[0]![i]! / rates[1]![i]!);
  }
  return { figures: modes.map((_, k) => figure(rates[k]!, steps[k]!)), ratio: ratios.length ? figure(ratios, 0).median : NaN };
}

const programs = [
  program('fibonacci', 'fibonacci/large.bin', () => fibonacciElf()),
  program('sha256', 'sha256/medium.bin', () => sha256Elf()),
];
console.error(`emulator benchmark: ${RUNS} runs each after a warm-up; medians (and best) in M steps/s`);
for (const p of programs) {
  const emit = (mode: string, r: Figure) =>
    console.log(JSON.stringify({ name: `emulator/${mode}/${p.name}`, value: Number(r.median.toFixed(1)), unit: 'M steps/s', n: r.steps, best: Number(r.max.toFixed(1)), runs: RUNS, program: p.source }));
  const both = measureModes([() => runFast(p.rom, p.input).steps, () => runMinimalTraces(p.rom, p.input).steps]);
  emit('fast', both.figures[0]!);
  emit('minimal-traces', both.figures[1]!);
  console.log(JSON.stringify({ name: `emulator/minimal-traces-cost/${p.name}`, value: Number(both.ratio.toFixed(2)), unit: 'x fast-mode time', n: both.figures[0]!.steps, runs: RUNS, program: p.source }));
  const traces = runMinimalTraces(p.rom, p.input).traces;
  emit('replay', measureModes([() => traces.reduce((n, t) => n + replayChunk(p.rom, t).steps, 0)]).figures[0]!);
}

/**
 * What `execute` and `verify-constraints` share: their options (program, input, sizing, workers),
 * running phases 1–4 (on the pool when there is more than one worker), and the plan's summary as a
 * table and as JSON.
 */
import {
  execute,
  executeParallel,
  loadRegistry,
  type ComponentBuilder,
  type ExecutionPlan,
  type RegistryRef,
} from '../executor/index.js';
import { defaultWorkerCount, WorkerPool } from '../parallel/index.js';
import { checkPointChunks } from '../planner/index.js';
import { transpile } from '../transpiler/index.js';
import type { ZiskRom } from '../zisk/index.js';
import { parseArgs, readUserFile, type OptionSpec } from './args.js';
import { UsageError } from './command.js';
import { ProgressReporter } from './progress.js';

export interface ExecutionArgs {
  elf?: string;
  input?: string;
  maxSteps?: number;
  chunkSize?: number;
  /** `--rows AIR=LOG`, in the order given. */
  rows: [string, number][];
  workers?: number;
  json: boolean;
  quiet: boolean;
}

export const EXECUTION_OPTIONS_HELP = `  -e, --elf ELF          the program
  -i, --input INPUT      input file: records [u64 length][bytes][zero padding to 8] (default: none)
  -n, --max-steps N      step limit (default 2^36 − 1)
      --chunk-size N     steps per chunk of the minimal traces (default 2^18); Main's rows per
                         instance must be a multiple of it
      --rows AIR=LOG     2^LOG rows per instance of AIR (repeat, or AIR=LOG,AIR=LOG); e.g.
                         --rows Main=13,Binary=12. AIRs: Main, Mem, RomData, InputData, MemAlign,
                         MemAlignStraddle, Binary, BinaryAdd, BinaryExtension, Arith
  -w, --workers N        worker threads (default: the available cores); 1 runs in this thread
      --json             print JSON on stdout instead of the table
  -q, --quiet            no progress on stderr`;

const EXECUTION_OPTIONS: readonly OptionSpec[] = [
  { names: ['-e', '--elf'], kind: 'string' },
  { names: ['-i', '--input'], kind: 'string' },
  { names: ['-n', '--max-steps'], kind: 'count' },
  { names: ['--chunk-size'], kind: 'count' },
  { names: ['-w', '--workers'], kind: 'count' },
  { names: ['--rows'], kind: 'list' },
  { names: ['--json'], kind: 'flag' },
  { names: ['-q', '--quiet'], kind: 'flag' },
];

/** Parses the shared options (a usage error for anything else). */
export function parseExecutionArgs(argv: readonly string[]): ExecutionArgs {
  const p = parseArgs(argv, EXECUTION_OPTIONS);
  const elf = p.strings.get('--elf');
  if (!elf) throw new UsageError('missing -e ELF');
  const rows: [string, number][] = [];
  for (const item of (p.lists.get('--rows') ?? []).flatMap((v) => v.split(','))) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(\d+)$/.exec(item);
    if (!m) throw new UsageError(`--rows takes AIR=LOG (e.g. Main=13), got '${item}'`);
    rows.push([m[1]!, Number(m[2])]);
  }
  const a: ExecutionArgs = { elf, rows, json: p.flags.has('--json'), quiet: p.flags.has('--quiet') };
  const input = p.strings.get('--input');
  if (input !== undefined) a.input = input;
  const maxSteps = p.counts.get('--max-steps');
  if (maxSteps !== undefined) a.maxSteps = maxSteps;
  const chunkSize = p.counts.get('--chunk-size');
  if (chunkSize !== undefined) a.chunkSize = chunkSize;
  const workers = p.counts.get('--workers');
  if (workers !== undefined) a.workers = workers;
  return a;
}

/** The `--rows` settings as ExecutorOptions.logRows, checked against the AIRs whose size is configurable. */
export function logRowsOf(a: ExecutionArgs, registry: readonly ComponentBuilder[]): Record<string, number> {
  const configurable = new Set(registry.flatMap((b) => Object.keys(b.defaultLogRows ?? {})));
  const out: Record<string, number> = {};
  for (const [air, log] of a.rows) {
    if (!configurable.has(air)) throw new UsageError(`--rows: no AIR '${air}' with a configurable size (${[...configurable].join(', ')})`);
    if (log < 1 || log > 30) throw new UsageError(`--rows ${air}=${log}: LOG must be in [1, 30]`);
    out[air] = log;
  }
  return out;
}

export interface ExecutionRun {
  readonly elf: Uint8Array;
  readonly rom: ZiskRom;
  readonly registry: readonly ComponentBuilder[];
  readonly plan: ExecutionPlan;
  readonly pool: WorkerPool;
  readonly progress: ProgressReporter;
  /** Progress of a phase (the executor's phases, or the command's own). */
  readonly report: (p: { readonly phase: string; readonly done: number; readonly total: number }) => void;
}

/**
 * Phases 1–4 of the execution the arguments describe. The caller owns the returned pool (close it).
 * `registryRef` names the state machines (workers import them from there too).
 */
export async function runExecution(a: ExecutionArgs, registryRef: RegistryRef): Promise<ExecutionRun> {
  const registry = await loadRegistry(registryRef);
  const logRows = logRowsOf(a, registry);
  const elf = readUserFile(a.elf!, 'ELF file');
  const rom = transpile(elf);
  const input = a.input === undefined ? undefined : readUserFile(a.input, 'input file');
  const progress = new ProgressReporter(process.stderr, a.quiet);
  // The executor's 'execute' phase is the fast run that records the minimal traces.
  const report = (p: { readonly phase: string; readonly done: number; readonly total: number }) => progress.update(p.phase === 'execute' ? 'run' : p.phase, p.done, p.total);
  const pool = new WorkerPool({ workers: a.workers ?? defaultWorkerCount() });
  try {
    const options = {
      logRows,
      onProgress: report,
      ...(a.chunkSize !== undefined ? { chunkSize: a.chunkSize } : {}),
      ...(a.maxSteps !== undefined ? { maxSteps: a.maxSteps } : {}),
    };
    const plan = pool.workers > 1
      ? await executeParallel(rom, input, registry, { ...options, pool, source: { elf, registry: registryRef } })
      : execute(rom, input, registry, options);
    progress.end();
    return { elf, rom, registry, plan, pool, progress, report };
  } catch (e) {
    await pool.close();
    throw e;
  }
}

export interface AirSummary {
  readonly air: string;
  readonly table: boolean;
  readonly instances: number;
  /** Rows holding data over all instances (null for tables). */
  readonly rowsUsed: number | null;
  readonly rowsAvailable: number;
  readonly chunks: { readonly min: number; readonly max: number; readonly total: number };
}

/** Per AIR, in global-id order of first appearance: instances, rows used and available, chunks per instance. */
export function summarize(plan: ExecutionPlan): AirSummary[] {
  const by = new Map<string, { table: boolean; instances: number; used: number | null; available: number; min: number; max: number; total: number }>();
  for (const p of plan.instances) {
    const name = p.plan.air.name;
    const chunks = checkPointChunks(p.plan.checkPoint).length;
    let s = by.get(name);
    if (!s) by.set(name, (s = { table: p.plan.instanceType === 'table', instances: 0, used: 0, available: 0, min: Infinity, max: 0, total: 0 }));
    s.instances++;
    s.available += 2 ** p.plan.logRows;
    s.used = s.table || p.plan.rows === undefined || s.used === null ? null : s.used + p.plan.rows;
    s.min = Math.min(s.min, chunks);
    s.max = Math.max(s.max, chunks);
    s.total += chunks;
  }
  return [...by].map(([air, s]) => ({ air, table: s.table, instances: s.instances, rowsUsed: s.used, rowsAvailable: s.available, chunks: { min: s.min, max: s.max, total: s.total } }));
}

const int = (n: number) => n.toLocaleString('en-US');

/** The plan as a table for people. */
export function planTable(plan: ExecutionPlan): string {
  const rows = summarize(plan).map((s) => {
    const used = s.rowsUsed === null ? 'table' : int(s.rowsUsed);
    const fill = s.rowsUsed === null ? '' : `${((100 * s.rowsUsed) / s.rowsAvailable).toFixed(1)}%`;
    const chunks = s.table ? '—' : s.chunks.min === s.chunks.max ? String(s.chunks.min) : `${s.chunks.min}–${s.chunks.max} (mean ${(s.chunks.total / s.instances).toFixed(1)})`;
    return [s.air, String(s.instances), used, int(s.rowsAvailable), fill, chunks];
  });
  const head = ['AIR', 'instances', 'rows used', 'of rows', 'fill', 'chunks per instance'];
  const all = [head, ...rows];
  const width = head.map((_, j) => Math.max(...all.map((r) => r[j]!.length)));
  const right = [false, true, true, true, true, false];
  return all.map((r) => r.map((c, j) => (right[j] ? c.padStart(width[j]!) : c.padEnd(width[j]!))).join('  ').trimEnd()).join('\n');
}

/** The plan as JSON-ready data: totals, per-AIR summary and every instance (without its family's meta). */
export function planJson(plan: ExecutionPlan): Record<string, unknown> {
  return {
    steps: plan.steps,
    chunkSize: plan.chunkSize,
    chunks: plan.chunks.length,
    airs: summarize(plan),
    instances: plan.instances.map((p) => ({
      globalId: p.globalId,
      component: p.component,
      air: p.plan.air.name,
      segment: p.plan.segment,
      instanceType: p.plan.instanceType,
      logRows: p.plan.logRows,
      rows: p.plan.rows ?? null,
      chunks: checkPointChunks(p.plan.checkPoint),
    })),
  };
}

/** Seconds per phase, from the progress reporter's timings. */
export function phaseSeconds(progress: ProgressReporter): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of progress.timings) out[t.phase] = Math.round((out[t.phase] ?? 0) * 1000 + t.seconds * 1000) / 1000;
  return out;
}

// Where an end-to-end proof spends its time: proveElf's phases, re-run step by step with the
// prover's timings per instance (AIR, rows, widths, setup, stage 1, stage 2, quotient, FRI...).
//   node --import tsx bench/_e2e-profile.ts PROGRAM LOG_STEPS [WORKERS] [SECURITY]
// Prints one JSON line per instance and a total line, and the peak RSS.
import { readFileSync } from 'node:fs';
import type { AirInstance } from '../src/air/index.js';
import { computeWitnessesParallel, executeParallel } from '../src/executor/index.js';
import { PROFILES } from '../src/fri/index.js';
import { WorkerPool } from '../src/parallel/index.js';
import { stateMachines, STATE_MACHINES_REF } from '../src/sm/registry.js';
import { commitStage1, drawGlobalChallenges, fixedSetup, phase3Order, proveInstance, starkInstance, type Stage1 } from '../src/stark/index.js';
import { transpile } from '../src/transpiler/index.js';
import { defaultSystem, outputsToPublics } from '../src/zkvm/index.js';
import { inputFor } from './_programs-input.js';

const [program = 'fibonacci', logArg = '16', workersArg = '2', security = 'standard'] = process.argv.slice(2);
const params = PROFILES[security as 'standard']!.params;
const elf = readFileSync(`guest/elf/${program}.elf`);
const input = inputFor(program, 2 ** Number(logArg));
const pool = new WorkerPool({ workers: Number(workersArg) });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const rom = transpile(elf);
const system = defaultSystem();
const source = { elf, registry: STATE_MACHINES_REF };
const plan = await executeParallel(rom, input, stateMachines, { pool, source });
const tPlan = performance.now();
const { instances: built } = await computeWitnessesParallel(plan, { pool, source });
const ordered: AirInstance[] = plan.instances.map((p) => ({ ...built.get(p.globalId)!, label: `${p.plan.air.name} #${p.plan.segment}` }));
const tWitness = performance.now();
const starkInstances = ordered.map((inst) => starkInstance(system, inst));
const rows: Record<string, unknown>[] = [];
const stage1: (Stage1 | undefined)[] = [];
for (const si of starkInstances) {
  const air = system.airs[si.airIndex]!;
  const timings: Record<string, number> = {};
  let t = performance.now();
  await fixedSetup(air, Math.log2(si.trace.height), params, pool);
  timings['fixedSetup'] = performance.now() - t;
  t = performance.now();
  stage1.push(await commitStage1(system, params, si, { pool, timings }));
  timings['stage1.total'] = performance.now() - t;
  rows.push({ air: air.name, logRows: Math.log2(si.trace.height), width: air.width, fixed: air.fixedWidth, stage2: air.stage2Width, timings });
}
const tCommit = performance.now();
const global = drawGlobalChallenges(system, params, outputsToPublics(plan.outputs), stage1.map((s) => s!.commitment));
for (const i of phase3Order(stage1 as Stage1[], params)) {
  const timings = rows[i]!['timings'] as Record<string, number>;
  const before = { ...timings };
  const t = performance.now();
  await proveInstance(system, params, i, stage1[i]!, global, { pool, timings });
  timings['prove.total'] = performance.now() - t;
  // lde/merkle of phase 3 (stage 2, quotient) separately from phase 1's
  for (const k of ['lde', 'merkle']) timings[`p3.${k}`] = (timings[k] ?? 0) - (before[k] ?? 0);
  stage1[i] = undefined;
}
const tProve = performance.now();
await pool.close();
for (const r of rows) {
  const tm = r['timings'] as Record<string, number>;
  for (const k of Object.keys(tm)) tm[k] = Math.round(tm[k]!);
  console.log(JSON.stringify(r));
}
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    steps: plan.steps,
    seconds: { plan: (tPlan - t0) / 1000, witness: (tWitness - tPlan) / 1000, commit: (tCommit - tWitness) / 1000, prove: (tProve - tCommit) / 1000, total: (tProve - t0) / 1000 },
    mainCpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);

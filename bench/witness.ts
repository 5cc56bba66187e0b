// Witness generation (phase 5) of the whole system in M steps/s, on the fibonacci and sha256 guest
// examples: every instance with 1 worker (this thread) and with 2 workers (the pool; tables built
// from the merged lookups), and each state machine's instances built alone, which includes replaying
// the chunks they need (the replay is what all state machines share: `replay` is that cost alone).
//   {"name": "witness/sha256/all", "value": <M steps/s>, "unit": "M steps/s", "n": <steps>, "workers": 2, ...}
// Default state-machine sizes (ZisK-like), so instances are as large as in a real proof.
import { readFileSync } from 'node:fs';
import { computeWitnesses, computeWitnessesParallel, execute, replayWith, type ExecutionPlan } from '../src/executor/index.js';
import { WorkerPool } from '../src/parallel/index.js';
import { stateMachines, STATE_MACHINES_REF } from '../src/sm/registry.js';
import { transpile } from '../src/transpiler/index.js';
import { emit } from './_util.js';

const guest = (p: string) => new Uint8Array(readFileSync(new URL(`../guest/${p}`, import.meta.url)));
const programs = [
  { name: 'fibonacci', elf: guest('elf/fibonacci.elf'), input: guest('inputs/fibonacci/medium.bin') },
  { name: 'sha256', elf: guest('elf/sha256.elf'), input: guest('inputs/sha256/medium.bin') },
];

function seconds(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

const rate = (steps: number, s: number) => Math.round((steps / s / 1e6) * 1000) / 1000;

const pool = new WorkerPool({ workers: 2 });
try {
  for (const prog of programs) {
    const plan: ExecutionPlan = execute(transpile(prog.elf), prog.input, stateMachines);
    const steps = plan.steps;
    const base = { n: steps, program: prog.name, chunks: plan.traces.length, instances: plan.instances.length };

    const replay = seconds(() => {
      for (const t of plan.traces) replayWith(plan.rom, t, [], [], []);
    });
    emit({ name: `witness/${prog.name}/replay`, value: rate(steps, replay), unit: 'M steps/s', ...base, workers: 1 });

    computeWitnesses(plan); // warm up: table relations, compiled replay code
    const one = seconds(() => computeWitnesses(plan));
    emit({ name: `witness/${prog.name}/all`, value: rate(steps, one), unit: 'M steps/s', ...base, workers: 1, seconds: Math.round(one * 1000) / 1000 });

    const source = { elf: prog.elf, registry: STATE_MACHINES_REF };
    await computeWitnessesParallel(plan, { pool, source });
    const t = performance.now();
    await computeWitnessesParallel(plan, { pool, source });
    const two = (performance.now() - t) / 1000;
    emit({ name: `witness/${prog.name}/all`, value: rate(steps, two), unit: 'M steps/s', ...base, workers: 2, seconds: Math.round(two * 1000) / 1000 });

    for (const c of stateMachines) {
      const ids = plan.instances.filter((p) => p.component === c.name && p.plan.instanceType === 'instance').map((p) => p.globalId);
      if (ids.length === 0) continue;
      const s = seconds(() => computeWitnesses(plan, { only: ids }));
      emit({ name: `witness/${prog.name}/${c.name}`, value: rate(steps, s), unit: 'M steps/s', ...base, workers: 1, instances: ids.length, seconds: Math.round(s * 1000) / 1000 });
    }
  }
} finally {
  await pool.close();
}

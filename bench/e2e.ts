// End-to-end proving: steps/s from ELF to a verified proof, time per phase, proof size, verification
// time and peak RSS, for examples at growing sizes, so the growth of the cost is visible.
//   npm run bench -- e2e                               2^14 and 2^16 steps, fibonacci and sha256
//   E2E_SIZES=14,16,18,20,22 npm run bench -- e2e      the full series (the largest take long)
//   E2E_WORKERS=1 / E2E_SECURITY=test                  other settings (default: all cores, standard)
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { emit } from './_util.js';

const sizes = (process.env.E2E_SIZES ?? '14,16').split(',').map(Number);
const workers = Number(process.env.E2E_WORKERS ?? availableParallelism());
const security = process.env.E2E_SECURITY ?? 'standard';
const programs = (process.env.E2E_PROGRAMS ?? 'fibonacci,sha256').split(',');

for (const program of programs) {
  for (const log of sizes) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/_e2e-one.ts', program, String(2 ** log), String(workers), security], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      console.error(`e2e ${program} 2^${log}: failed\n${r.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const base = { program, logSteps: log, steps: m.steps, workers, security };
    emit({ name: `e2e/prove-rate/${program}`, value: Math.round(m.steps / m.proveSeconds), unit: 'steps/s', n: 1, ...base, seconds: m.proveSeconds, cpuSeconds: Math.round(m.proveCpuSeconds * 10) / 10, phases: m.phases, instances: m.instances });
    emit({ name: `e2e/proof-size/${program}`, value: m.proofBytes, unit: 'bytes', n: 1, ...base });
    emit({ name: `e2e/verify/${program}`, value: Math.round(m.verifyMs), unit: 'ms', n: 1, ...base });
    emit({ name: `e2e/peak-rss/${program}`, value: Math.round(m.peakRssMiB), unit: 'MiB', n: 1, ...base, bytesPerStep: Math.round((m.peakRssMiB * 1048576) / m.steps) });
  }
}

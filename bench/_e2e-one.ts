// One end-to-end proof in its own process (so its peak RSS is its own): prints one JSON object.
//   node --import tsx bench/_e2e-one.ts PROGRAM STEPS WORKERS SECURITY
import { readFileSync } from 'node:fs';
import { proveElf, verifyProof } from '../src/zkvm/index.js';
import { inputFor } from './_programs-input.js';

const [program, stepsArg, workersArg, security] = process.argv.slice(2);
const target = Number(stepsArg);

const elf = readFileSync(`guest/elf/${program}.elf`);
const input = inputFor(program!, target);
const t0 = performance.now();
const cpu0 = process.resourceUsage();
const r = await proveElf(elf, { input, workers: Number(workersArg), security: security as 'standard' | 'test' });
const proveSeconds = (performance.now() - t0) / 1000;
// CPU seconds of every thread of the process (main and workers): steadier than wall time when
// other work shares the cores.
const cpu1 = process.resourceUsage();
const proveCpuSeconds = (cpu1.userCPUTime - cpu0.userCPUTime + cpu1.systemCPUTime - cpu0.systemCPUTime) / 1e6;
const t1 = performance.now();
const v = verifyProof(r.proof, { elf, security: security as 'standard' | 'test' });
const verifyMs = performance.now() - t1;
if (!v.ok) throw new Error(`the proof was rejected: ${v.check}: ${v.message}`);
console.log(
  JSON.stringify({
    steps: r.steps,
    proveSeconds,
    proveCpuSeconds,
    phases: r.seconds,
    proofBytes: r.proof.length,
    verifyMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    instances: r.instances.length,
  }),
);

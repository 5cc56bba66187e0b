// One end-to-end proof in its own process (so its peak RSS is its own): prints one JSON object.
//   node --import tsx bench/_e2e-one.ts PROGRAM STEPS WORKERS SECURITY
import { readFileSync } from 'node:fs';
import { proveElf, verifyProof } from '../src/zkvm/index.js';

const [program, stepsArg, workersArg, security] = process.argv.slice(2);
const target = Number(stepsArg);

/** An input making the program run about `target` steps. */
function inputFor(name: string, steps: number): Uint8Array {
  const record = (payload: Uint8Array) => {
    const out = new Uint8Array(8 + Math.ceil(payload.length / 8) * 8);
    new DataView(out.buffer).setBigUint64(0, BigInt(payload.length), true);
    out.set(payload, 8);
    return out;
  };
  if (name === 'fibonacci') {
    // 7 steps per iteration; about 300 for the BIOS and the program around the loop.
    const n = new Uint8Array(8);
    new DataView(n.buffer).setBigUint64(0, BigInt(Math.max(1, Math.round((steps - 300) / 7))), true);
    return record(n);
  }
  if (name === 'sha256') {
    // About 80 steps per message byte (guest/expected/steps.json: 1000 bytes, 80,758 steps).
    const bytes = new Uint8Array(Math.max(1, Math.round((steps - 5000) / 80)));
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 0xff;
    return record(bytes);
  }
  throw new Error(`no input generator for ${name}`);
}

const elf = readFileSync(`guest/elf/${program}.elf`);
const input = inputFor(program!, target);
const t0 = performance.now();
const r = await proveElf(elf, { input, workers: Number(workersArg), security: security as 'standard' | 'test' });
const proveSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const v = verifyProof(r.proof, { elf, security: security as 'standard' | 'test' });
const verifyMs = performance.now() - t1;
if (!v.ok) throw new Error(`the proof was rejected: ${v.check}: ${v.message}`);
console.log(
  JSON.stringify({
    steps: r.steps,
    proveSeconds,
    phases: r.seconds,
    proofBytes: r.proof.length,
    verifyMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    instances: r.instances.length,
  }),
);

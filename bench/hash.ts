// Poseidon2-16 throughput: BigInt reference, kernel one permutation per call, kernel batches, and
// batches on 2 worker threads; then proof-of-work grinding. JSON lines on stdout (medians).
import { Poseidon2Reference, Poseidon2Wasm } from '../src/hash/index.js';
import { Transcript } from '../src/transcript/index.js';
import { BenchPool, emit, median } from './_pool.js';

const RUNS = 5;

function rate(run: () => number, seconds: number): number {
  // Warm up (V8 tiers WebAssembly up to its optimising compiler after a while), then time.
  const until = performance.now() + 300;
  while (performance.now() < until) run();
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < (seconds * 1000) / RUNS) n += run();
    rates.push((n * 1000) / (performance.now() - t0));
  }
  return median(rates);
}

const states = new Uint32Array(32 * 4096);
states.forEach((_, i) => (states[i] = (i * 2654435761) >>> 1));
const one = states.subarray(0, 32);

const reference = new Poseidon2Reference();
emit('poseidon2.reference', rate(() => (reference.permute(one), 1), 2), 'perm/s', 1);

const wasm = new Poseidon2Wasm();
emit('poseidon2.wasm.single', rate(() => (wasm.permute(one), 1), 2), 'perm/s', 1);
emit('poseidon2.wasm.batch', rate(() => (wasm.permuteMany(states, 4096), 4096), 3), 'perm/s', 4096, { workers: 1 });

const pool = new BenchPool(2);
await pool.run([{ kind: 'permute', batches: 20, batch: 4096 }, { kind: 'permute', batches: 20, batch: 4096 }]); // warm up
const poolRates: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const batches = 40;
  const t0 = performance.now();
  await pool.run([{ kind: 'permute', batches, batch: 4096 }, { kind: 'permute', batches, batch: 4096 }]);
  poolRates.push((2 * batches * 4096 * 1000) / (performance.now() - t0));
}
await pool.close();
emit('poseidon2.wasm.batch', median(poolRates), 'perm/s', 4096, { workers: 2 });

// Grinding: the kernel's nonce rate (a search that cannot succeed, 2^20 nonces), the expected
// time of a 20-bit search from it, and real 20-bit searches from distinct transcript states.
const challenge = new Uint32Array([1, 2, 3, 4, 5, 6]);
wasm.grind(challenge, 63, 0n, 1n << 18n); // warm up
const grindRates: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  wasm.grind(challenge, 63, 0n, 1n << 20n);
  grindRates.push(2 ** 20 / ((performance.now() - t0) / 1000));
}
const grindRate = median(grindRates);
emit('transcript.grind.rate', grindRate, 'nonce/s', 2 ** 20);
emit('transcript.grind.20bits.expected', (2 ** 20 / grindRate) * 1000, 'ms', 1);
const times: number[] = [];
for (let k = 0; k < 7; k++) {
  const t = new Transcript(wasm);
  t.observe(BigInt(k + 1));
  const t0 = performance.now();
  t.grind(20);
  times.push(performance.now() - t0);
}
emit('transcript.grind.20bits', median(times), 'ms', 7);

// End-to-end STARK benchmark: prove and verify the wide AIR (2^16 and 2^18 rows × 64 columns)
// and the lookup pair, at 1 and 2 workers, standard parameters. JSON lines: total prove time,
// trace cells per second, time per phase, proof size, verify time.
//   STARK_SIZES=16,18  STARK_WIDTH=64  BENCH_WORKERS=1,2  STARK_RUNS=1  npm run bench -- stark
import v8 from 'node:v8';
import vm from 'node:vm';
import { PROFILES } from '../src/fri/index.js';
import { Matrix } from '../src/matrix/index.js';
import { WorkerPool } from '../src/parallel/index.js';
import { defineSystem, prove, starkInstance, verify, type StarkInstance, type StarkSystem } from '../src/stark/index.js';
import { byteLookupInstances, byteTableAir, wideAir, wideInstance, wordBytesAir } from '../src/stark/test-support/examples.js';
import { emit, round, workerCounts } from './_util.js';

const params = PROFILES.standard.params;
const sizes = (process.env['STARK_SIZES'] ?? '16,18').split(',').map(Number);
const width = Number(process.env['STARK_WIDTH'] ?? 64);
const runs = Number(process.env['STARK_RUNS'] ?? 1);

/** A trace in shared memory (what a witness builder for a pool should produce). */
function shared(m: Matrix): Matrix {
  const s = Matrix.shared(m.width, m.height);
  s.data.set(m.data);
  return s;
}

/** Fast wide trace: random canonical first row, then the recurrence row by row in BigInt is too slow at 2^18 × 64. */
function wideTrace(logRows: number): StarkInstance {
  return { airIndex: 0, trace: shared(wideInstance(wideSystem.airs[0]!, logRows).trace) };
}

const wide = wideAir(width);
const wideSystem = defineSystem({ airs: [wide] });
const lookupSystem = defineSystem({ airs: [byteTableAir, wordBytesAir] });

async function run(name: string, system: StarkSystem, instances: StarkInstance[], cells: number, workers: number, extra: Record<string, unknown>): Promise<void> {
  const pool = new WorkerPool({ workers });
  try {
    let best: { ms: number; timings: Record<string, number>; bytes: Uint8Array } | undefined;
    for (let r = 0; r < runs + 1; r++) {
      const timings: Record<string, number> = {};
      const t0 = performance.now();
      const bytes = await prove(system, instances, [], params, { pool, timings });
      const ms = performance.now() - t0;
      if (r === 0 && runs > 0) continue; // warm-up (kernels, worker start, setup cache)
      if (!best || ms < best.ms) best = { ms, timings, bytes };
    }
    const { ms, timings, bytes } = best!;
    const t1 = performance.now();
    const res = verify(system, bytes, params);
    const verifyMs = performance.now() - t1;
    if (!res.ok) throw new Error(`${name}: verification failed: ${res.check} ${res.message}`);
    emit({ name: `stark.prove.${name}`, value: round(ms, 0), unit: 'ms', n: cells, workers, ...extra });
    emit({ name: `stark.rate.${name}`, value: Math.round(cells / (ms / 1000)), unit: 'cells/s', n: cells, workers, ...extra });
    const phases: Record<string, number> = {};
    for (const [k, v] of Object.entries(timings)) phases[k] = round(v, 0);
    const accounted = Object.values(timings).reduce((a, b) => a + b, 0);
    phases['other'] = round(ms - accounted, 0);
    emit({ name: `stark.phases.${name}`, value: round(ms, 0), unit: 'ms', n: cells, workers, phases, ...extra });
    emit({ name: `stark.proofSize.${name}`, value: bytes.length, unit: 'bytes', n: cells, workers, ...extra });
    emit({ name: `stark.verify.${name}`, value: round(verifyMs, 1), unit: 'ms', n: cells, workers, ...extra });
  } finally {
    await pool.close();
  }
}

for (const workers of workerCounts()) {
  for (const logRows of sizes) {
    const inst = wideTrace(logRows);
    await run(`wide${width}x2^${logRows}`, wideSystem, [inst], width * 2 ** logRows, workers, { logRows, width });
  }
  const logRows = Math.min(...sizes);
  const [table, words] = byteLookupInstances(logRows, 2 ** logRows);
  const insts = [table, words].map((i) => ({ ...starkInstance(lookupSystem, i), trace: shared(i.trace) }));
  await run(`lookup2^${logRows}`, lookupSystem, insts, words.trace.width * 2 ** logRows + 256, workers, { logRows });
}

// Memory between the phases: several instances committed (phase 1) before any is finished, with
// and without keeping the stage-1 LDEs. Reported: typed-array memory (after a collection) when
// the last stage-1 commitment is done, and the total time; the difference is what dropping saves.
{
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const logRows = Math.min(...sizes) - 2;
  const count = 4;
  const instances = Array.from({ length: count }, (_, i) => ({ airIndex: 0, trace: shared(wideInstance(wide, logRows, i + 1).trace) }));
  const pool = new WorkerPool({ workers: 1 });
  try {
    await prove(wideSystem, instances, [], params, { pool, keepStage1Lde: false }); // warm-up: kernel memories grow once
    const kept: Record<string, number> = {};
    for (const keep of [true, false]) {
      let atStage1 = 0;
      const t0 = performance.now();
      await prove(wideSystem, instances, [], params, {
        pool,
        keepStage1Lde: keep,
        progress: (e) => {
          if (e.phase === 'stage1' && e.done === e.total) {
            gc();
            atStage1 = process.memoryUsage().arrayBuffers;
          }
        },
      });
      const ms = performance.now() - t0;
      const name = keep ? 'keepLde' : 'dropLde';
      kept[name] = atStage1;
      emit({ name: `stark.stage1Memory.${name}`, value: Math.round(atStage1 / 2 ** 20), unit: 'MiB', n: count * width * 2 ** logRows, instances: count, logRows, width, proveMs: round(ms, 0) });
    }
    emit({ name: 'stark.stage1Memory.saved', value: Math.round((kept['keepLde']! - kept['dropLde']!) / 2 ** 20), unit: 'MiB', n: count * width * 2 ** logRows, instances: count, logRows, width, traceMiB: round((count * width * 2 ** logRows * 8) / 2 ** 20, 1) });
  } finally {
    await pool.close();
  }
}

// Constraint engine throughput: the debug checker and the quotient evaluation for the Wide AIR
// (64 columns, 2^16 rows) and the byte-lookup pair, and the LogUp stage-2 builder, at 1 and 2
// workers (BENCH_WORKERS=1,2,4 to change).
//   npm run bench -- constraints      (pin with: taskset -c 0 node --import tsx bench/constraints.ts)
import { wideAir, wideInstance } from '../src/air/examples/wide.js';
import { byteLookupInstances } from '../src/air/examples/byte-lookup.js';
import type { AirInstance } from '../src/air/index.js';
import { buildStage2, checkConstraints, evaluateQuotient } from '../src/constraints/index.js';
import { ldeParallel } from '../src/ntt/index.js';
import { Matrix } from '../src/matrix/index.js';
import { WorkerPool } from '../src/parallel/index.js';
import { emit, medianMsAsync, round, workerCounts } from './_util.js';

const LOG_BLOWUP = 1;
const SHIFT = 7n;
const CHALLENGES = [3n, 5n, 7n, 11n, 13n, 17n];
const ALPHA = [19n, 23n, 29n] as const;

function shared(m: Matrix): Matrix {
  const s = Matrix.shared(m.width, m.height);
  s.data.set(m.data);
  return s;
}

function sharedInstance(inst: AirInstance): AirInstance {
  return { ...inst, trace: shared(inst.trace), fixed: inst.fixed && shared(inst.fixed) };
}

const logRows = Number(process.env['BENCH_LOG_ROWS'] ?? 16);
const wide = sharedInstance(wideInstance(wideAir(64), logRows, 1));
const [table, words] = byteLookupInstances(logRows, 2 ** logRows).map(sharedInstance) as [AirInstance, AirInstance];
const cases: [string, AirInstance][] = [['wide64', wide], ['byte_table', table], ['word_bytes', words]];

for (const workers of workerCounts()) {
  const pool = new WorkerPool({ workers });
  for (const [name, inst] of cases) {
    const n = inst.trace.height;
    const checkMs = await medianMsAsync(async () => {
      const r = await checkConstraints(inst, { pool });
      if (!r.ok) throw new Error(`${name} fails its constraints`);
    });
    emit({ name: `check_${name}`, value: round(n / checkMs / 1e3, 1), unit: 'M rows/s', n, workers, columns: inst.trace.width, ms: round(checkMs) });

    let stage2: Matrix | undefined;
    let busSum: readonly [bigint, bigint, bigint] = [0n, 0n, 0n];
    if (inst.air.interactions.length > 0) {
      const s2Ms = await medianMsAsync(async () => {
        ({ stage2, busSum } = await buildStage2(inst, CHALLENGES, { pool }));
      });
      emit({ name: `stage2_${name}`, value: round(n / s2Ms / 1e3, 1), unit: 'M rows/s', n, workers, interactions: inst.air.interactions.length, ms: round(s2Ms) });
    }

    const lde = (m: Matrix | undefined) => (m && m.width > 0 ? ldeParallel(pool, m, LOG_BLOWUP, SHIFT, 'bit-reversed') : Promise.resolve(undefined));
    const input = {
      air: inst.air,
      logRows: Math.log2(n),
      logBlowup: LOG_BLOWUP,
      shift: SHIFT,
      main: (await lde(inst.trace))!,
      fixed: await lde(inst.fixed),
      stage2: await lde(stage2),
      airValues: inst.airValues ?? [],
      challenges: CHALLENGES,
      busSum,
      alpha: ALPHA,
    };
    const N = n << LOG_BLOWUP;
    const qMs = await medianMsAsync(async () => {
      await evaluateQuotient(input, { pool });
    });
    emit({ name: `quotient_${name}`, value: round(N / qMs / 1e3, 1), unit: 'M LDE rows/s', n: N, workers, constraints: inst.air.constraints.length, ms: round(qMs) });
  }
  await pool.close();
}

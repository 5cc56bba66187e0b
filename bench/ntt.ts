// NTT and LDE timings: one column at 2^16, 2^18, 2^20 (the kernel alone, and the natural-order
// wrapper with its permutation and copies), columns spread over 1 and 2 workers, and the LDE of a
// 2^20 × 16 matrix at blowup 2.
//   npm run bench -- ntt            (pin with: taskset -c 0 node --import tsx bench/ntt.ts)
import { nttHost } from '../src/ntt/kernel.js';
import { ntt, ldeParallel, lde } from '../src/ntt/index.js';
import { NTT_COLUMNS } from '../src/ntt/tasks.js';
import { Matrix } from '../src/matrix/index.js';
import { WorkerPool } from '../src/parallel/index.js';
import { GENERATOR } from '../src/field/reference.js';
import { emit, medianMs, medianMsAsync, randomWords, round, workerCounts } from './_util.js';

for (const logN of [16, 18, 20]) {
  const n = 1 << logN;
  const src = randomWords(n, logN);
  const h = nttHost();
  const a = h.prepare(logN, 8 * n);
  // The kernel alone: reload the input (untimed), then time the transform in place.
  const kernelMs: number[] = [];
  for (let r = 0; r < 10; r++) {
    h.u32(a, 2 * n).set(src);
    const t = performance.now();
    h.k.dif(a, logN, h.twF, 0);
    if (r > 0) kernelMs.push(performance.now() - t);
  }
  kernelMs.sort((x, y) => x - y);
  emit({ name: 'ntt_kernel_dif', value: round(kernelMs[kernelMs.length >> 1]!), unit: 'ms', n, order: 'natural in, bit-reversed out' });
  const v = src.slice();
  const ms = medianMs(() => ntt(v), 9);
  emit({ name: 'ntt_natural', value: round(ms), unit: 'ms', n, note: 'includes bit reversal and copies' });
}

const pools = new Map<number, WorkerPool>();
function poolOf(workers: number): WorkerPool {
  let p = pools.get(workers);
  if (!p) pools.set(workers, (p = new WorkerPool({ workers })));
  return p;
}

{
  const logN = 20, n = 1 << logN, cols = 4;
  for (const workers of workerCounts()) {
    const pool = poolOf(workers);
    const m = Matrix.shared(cols, n);
    m.data.set(randomWords(cols * n, 3));
    const ms = await medianMsAsync(async () => {
      await Promise.all(pool.ranges(cols).map(([colStart, colEnd]) => pool.run(NTT_COLUMNS, { data: m.data, logN, colStart, colEnd })));
    });
    emit({ name: 'ntt_columns', value: round(ms / cols), unit: 'ms per column', n, columns: cols, workers });
  }
}

{
  const logN = 20, n = 1 << logN, width = 16;
  const m = Matrix.shared(width, n);
  m.data.set(randomWords(width * n, 5));
  for (const workers of workerCounts()) {
    const pool = poolOf(workers);
    const ms = await medianMsAsync(async () => {
      await ldeParallel(pool, m, 1, GENERATOR, 'bit-reversed');
    }, 3);
    emit({ name: 'lde', value: round(ms), unit: 'ms', n, width, logBlowup: 1, workers, order: 'bit-reversed' });
  }
  const ms = medianMs(() => void lde(m, 1, GENERATOR, 'natural'), 3);
  emit({ name: 'lde', value: round(ms), unit: 'ms', n, width, logBlowup: 1, workers: 1, order: 'natural' });
}
await Promise.all([...pools.values()].map((p) => p.close()));

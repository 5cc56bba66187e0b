// Goldilocks and extension arithmetic throughput: BigInt reference, TypeScript fast path and the
// WebAssembly batch kernels (through their public wrappers, copies included), at 1 and 2 workers.
//   npm run bench -- field          (pin with: taskset -c 0 node --import tsx bench/field.ts)
import * as gl from '../src/field/reference.js';
import * as ext from '../src/field/extension.js';
import * as fast from '../src/field/fast.js';
import * as extFast from '../src/field/extension-fast.js';
import { batchMul, batchInverse, extBatchMul, extBatchInverse } from '../src/field/batch.js';
import { MUL_RANGE } from '../src/field/tasks.js';
import { WorkerPool } from '../src/parallel/index.js';
import { emit, medianMs, medianMsAsync, randomWords, round, workerCounts } from './_util.js';

const P = gl.P;

// --- base multiply ---------------------------------------------------------------------------
{
  const n = 1 << 16;
  const xs = fast.toBigInts(randomWords(n, 1)), ys = fast.toBigInts(randomWords(n, 2));
  let sink = 0n;
  const ms = medianMs(() => {
    for (let i = 0; i < n; i++) sink ^= (xs[i]! * ys[i]!) % P;
  }, 5);
  emit({ name: 'goldilocks_mul_bigint', value: round(n / ms / 1000), unit: 'M/s', n });
  if (sink === -1n) console.error(sink);
}
{
  const n = 1 << 20;
  const a = randomWords(n, 1), b = randomWords(n, 2), out = new Uint32Array(2 * n);
  const ms = medianMs(() => {
    for (let i = 0; i < n; i++) fast.mul(out, i, a, i, b, i);
  });
  emit({ name: 'goldilocks_mul_ts', value: round(n / ms / 1000), unit: 'M/s', n, mode: 'independent' });
  const acc = new Uint32Array(2);
  const ms2 = medianMs(() => {
    acc[0] = 3;
    for (let i = 0; i < n; i++) fast.mul(acc, 0, acc, 0, b, i);
  });
  emit({ name: 'goldilocks_mul_ts', value: round(n / ms2 / 1000), unit: 'M/s', n, mode: 'dependent chain' });
}
{
  const n = 1 << 20;
  const pools = new Map<number, WorkerPool>();
  for (const workers of workerCounts()) {
    const sa = new Uint32Array(new SharedArrayBuffer(8 * n)), sb = new Uint32Array(new SharedArrayBuffer(8 * n));
    const so = new Uint32Array(new SharedArrayBuffer(8 * n));
    sa.set(randomWords(n, 1));
    sb.set(randomWords(n, 2));
    let ms: number;
    if (workers === 1) {
      ms = medianMs(() => void batchMul(sa, sb, so));
    } else {
      const pool = new WorkerPool({ workers });
      pools.set(workers, pool);
      ms = await medianMsAsync(async () => {
        await Promise.all(pool.ranges(n).map(([start, end]) => pool.run(MUL_RANGE, { a: sa, b: sb, out: so, start, end })));
      });
    }
    emit({ name: 'goldilocks_mul_wasm_batch', value: round(n / ms / 1000), unit: 'M/s', n, workers });
  }
  await Promise.all([...pools.values()].map((p) => p.close()));
}

// --- extension multiply ----------------------------------------------------------------------
{
  const n = 1 << 12;
  const w = fast.toBigInts(randomWords(6 * n, 3));
  const as: ext.Ext3[] = [], bs: ext.Ext3[] = [];
  for (let i = 0; i < n; i++) {
    as.push([w[6 * i]!, w[6 * i + 1]!, w[6 * i + 2]!]);
    bs.push([w[6 * i + 3]!, w[6 * i + 4]!, w[6 * i + 5]!]);
  }
  let sink = 0n;
  const ms = medianMs(() => {
    for (let i = 0; i < n; i++) sink ^= ext.mul(as[i]!, bs[i]!)[0];
  }, 5);
  emit({ name: 'ext3_mul_bigint', value: round(n / ms / 1000, 3), unit: 'M/s', n });
  if (sink === -1n) console.error(sink);
}
{
  const n = 1 << 18;
  const a = randomWords(3 * n, 4), b = randomWords(3 * n, 5), out = new Uint32Array(6 * n);
  const ms = medianMs(() => {
    for (let i = 0; i < n; i++) extFast.mul(out, i, a, i, b, i);
  });
  emit({ name: 'ext3_mul_ts', value: round(n / ms / 1000), unit: 'M/s', n });
  const n2 = 1 << 20;
  const pa = randomWords(3 * n2, 6), pb = randomWords(3 * n2, 7), po = new Uint32Array(6 * n2);
  const ms2 = medianMs(() => void extBatchMul(pa, pb, po));
  emit({ name: 'ext3_mul_wasm_batch', value: round(n2 / ms2 / 1000), unit: 'M/s', n: n2 });
}

// --- batch inversion -------------------------------------------------------------------------
{
  const n = 1 << 20;
  const a = randomWords(n, 8), out = new Uint32Array(2 * n);
  const ms = medianMs(() => void batchInverse(a, out));
  emit({ name: 'goldilocks_batch_inverse_wasm', value: round(ms), unit: 'ms', n, rate_M_per_s: round(n / ms / 1000) });
  const e = randomWords(3 * n, 9), eo = new Uint32Array(6 * n);
  const ms2 = medianMs(() => void extBatchInverse(e, eo), 5);
  emit({ name: 'ext3_batch_inverse_wasm', value: round(ms2), unit: 'ms', n, rate_M_per_s: round(n / ms2 / 1000) });
  // one inversion by Fermat, for scale
  const x = randomWords(1, 10), y = new Uint32Array(2);
  const k = 1000;
  const ms3 = medianMs(() => {
    for (let i = 0; i < k; i++) fast.inv(y, 0, x, 0);
  }, 5);
  emit({ name: 'goldilocks_inverse_ts_single', value: round((ms3 * 1000) / k), unit: 'us', n: k });
}

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool, splitRange } from './index.js';
import { Matrix } from '../matrix/index.js';
import { lde, ldeParallel } from '../ntt/index.js';
import { GENERATOR } from '../field/reference.js';
import { randomHalves } from '../field/test-support/arbitraries.js';
import { FILL_RANGE, FAIL, LAST_LENGTH, MAKE_AND_MOVE, MISSING } from './test-support/tasks.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

test('splitRange: contiguous, covering, balanced', () => {
  assert.deepEqual(splitRange(10, 3), [[0, 3], [3, 6], [6, 10]]);
  assert.deepEqual(splitRange(2, 5), [[0, 1], [1, 2]]);
  assert.deepEqual(splitRange(0, 2), []);
  assert.throws(() => new WorkerPool({ workers: 0 }), /workers must be an integer ≥ 1/);
});

test('tasks fill SharedArrayBuffer-backed arrays in place, on 1, 2 and 3 workers', async () => {
  for (const pool of pools) {
    const data = new Int32Array(new SharedArrayBuffer(4 * 1000));
    const counts = await Promise.all(pool.ranges(1000).map(([start, end]) => pool.run(FILL_RANGE, { data, start, end, value: 7 })));
    assert.equal(counts.reduce((a, b) => a + b, 0), 1000);
    for (let i = 0; i < 1000; i++) assert.equal(data[i], 7 + i);
  }
});

test('errors in tasks reject with their message; unknown exports are named', async () => {
  for (const pool of pools) {
    await assert.rejects(pool.run(FAIL, 'boom'), /boom/);
    await assert.rejects(pool.run(MISSING, undefined), /noSuchExport/);
  }
});

test('LDE of a wide matrix: 1, 2 and 3 workers give the same bytes as the single-threaded LDE', async () => {
  const m = new Matrix(7, 1 << 10, randomHalves(7 << 10, 42));
  // keep the random words canonical: high halves below 0xffffffff
  for (let i = 1; i < m.data.length; i += 2) m.data[i] = m.data[i]! & 0x7fffffff;
  for (const order of ['natural', 'bit-reversed'] as const) {
    const expected = lde(m, 2, GENERATOR, order);
    for (const pool of pools) {
      const got = await ldeParallel(pool, m, 2, GENERATOR, order);
      assert.ok(got.data.buffer instanceof SharedArrayBuffer);
      assert.deepEqual(new Uint8Array(got.data.buffer), new Uint8Array(expected.data.buffer), `${pool.workers} workers, ${order}`);
    }
  }
});

test('transfer(): the buffers of a result move to the caller (detached in the worker), or come back as they are in one thread', async () => {
  for (const pool of pools) {
    const r = await pool.run(MAKE_AND_MOVE, 1000);
    assert.equal(r.data.length, 1000);
    assert.equal(r.data[999], 2997);
    if (pool.workers === 1) {
      assert.equal(await pool.run(LAST_LENGTH, undefined), 1000, 'same thread: nothing moves');
    } else {
      // One task at a time per worker here, so the next task runs on a worker that made and moved an array.
      const lengths = await Promise.all(Array.from({ length: pool.workers }, () => pool.run(LAST_LENGTH, undefined)));
      assert.ok(lengths.includes(0), `a worker's array was detached by the move (lengths ${lengths.join(', ')})`);
    }
  }
});

test('a closed pool refuses work', async () => {
  const p = new WorkerPool({ workers: 2 });
  await p.close();
  await assert.rejects(p.run(FAIL, 'x'), /closed/);
  await p.close();
});

test('the compiled package (dist/) starts its workers from worker.js', async (t) => {
  const distUrl = new URL('../../dist/parallel/index.js', import.meta.url);
  const { existsSync } = await import('node:fs');
  if (!existsSync(distUrl)) {
    t.skip('dist/ is not built (npm run build)');
    return;
  }
  const dist = (await import(distUrl.href)) as typeof import('./index.js');
  const distNtt = (await import(new URL('../../dist/ntt/index.js', import.meta.url).href)) as typeof import('../ntt/index.js');
  const distMatrix = (await import(new URL('../../dist/matrix/index.js', import.meta.url).href)) as typeof import('../matrix/index.js');
  const m = new distMatrix.Matrix(3, 64, randomHalves(3 * 64, 5).map((w, i) => (i & 1 ? w & 0x7fffffff : w)));
  const pool = new dist.WorkerPool({ workers: 2 });
  try {
    const got = await distNtt.ldeParallel(pool, m, 1, GENERATOR);
    assert.deepEqual(got.data, lde(new Matrix(3, 64, m.data), 1, GENERATOR).data);
  } finally {
    await pool.close();
  }
});

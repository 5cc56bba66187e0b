import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../matrix/index.js';
import { WorkerPool } from '../parallel/index.js';
import { commit, commitParallel } from './index.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

function matrix(width: number, height: number, seed: number, shared: boolean): Matrix {
  const m = shared ? Matrix.shared(width, height) : new Matrix(width, height);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < m.data.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    m.data[i] = i & 1 ? x & 0x7fffffff : x;
  }
  return m;
}

test('commitParallel gives the same tree as commit for 1, 2 and 3 workers, shared or not', async () => {
  for (const [shared, height] of [[true, 5000], [false, 4097], [true, 1 << 12]] as const) {
    const ms = [matrix(5, height, 1, shared), matrix(2, height, 2, shared)];
    for (const arity of [2, 4] as const) {
      const expected = commit(ms, { arity });
      for (const pool of pools) {
        const got = await commitParallel(pool, ms, { arity });
        assert.deepEqual(got.root, expected.root, `${pool.workers} workers, arity ${arity}`);
        assert.deepEqual(got.levels, expected.levels);
        assert.equal(got.matrices[0], ms[0], 'the tree reads rows from the caller\'s matrices');
      }
    }
  }
  // Small commitments stay on the calling thread.
  const small = matrix(3, 8, 3, false);
  assert.deepEqual((await commitParallel(pools[1], small)).root, commit(small).root);
  assert.deepEqual((await commitParallel(undefined, small)).root, commit(small).root);
});

test('commit checks the lower levels it is given', () => {
  const m = matrix(2, 64, 4, false);
  const full = commit(m);
  assert.deepEqual(commit(m, { lowerLevels: full.levels.slice(0, 2) }).root, full.root);
  assert.throws(() => commit(m, { lowerLevels: [full.levels[0]!, full.levels[2]!] }), /lowerLevels\[1\]/);
});

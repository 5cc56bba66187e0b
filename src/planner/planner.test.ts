import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planByCount, SliceCursor, checkPointOf, checkPointChunks } from './index.js';

test('instances are filled in chunk order and chunks split across them', () => {
  const plans = planByCount([{ chunk: 0, count: 5 }, { chunk: 1, count: 0 }, { chunk: 2, count: 7 }], 4);
  assert.deepEqual(plans, [
    [{ chunk: 0, skip: 0, take: 4 }],
    [{ chunk: 0, skip: 4, take: 1 }, { chunk: 2, skip: 0, take: 3 }],
    [{ chunk: 2, skip: 3, take: 4 }],
  ]);
});

test('every operation lands in exactly one instance, none over capacity', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(50), { maxLength: 20 }), fc.integer({ min: 1, max: 30 }), (counts, cap) => {
      const plans = planByCount(counts.map((count, chunk) => ({ chunk, count })), cap);
      const taken = counts.map(() => 0);
      for (const inst of plans) {
        const total = inst.reduce((s, x) => s + x.take, 0);
        assert.ok(total <= cap && total > 0);
        for (const s of inst) {
          assert.equal(s.skip, taken[s.chunk]);
          taken[s.chunk] += s.take;
        }
      }
      assert.deepEqual(taken, counts);
    }),
  );
});

test('a cursor accepts exactly its slice', () => {
  const c = new SliceCursor({ chunk: 3, skip: 2, take: 3 });
  const got = Array.from({ length: 7 }, () => c.accept());
  assert.deepEqual(got, [false, false, true, true, true, false, false]);
  assert.ok(c.done);
});

test('checkpoints name their chunks', () => {
  assert.deepEqual(checkPointOf([]), { kind: 'none' });
  assert.deepEqual(checkPointOf([4]), { kind: 'single', chunk: 4 });
  assert.deepEqual(checkPointChunks(checkPointOf([1, 2])), [1, 2]);
  assert.throws(() => planByCount([], 0), /capacity/);
});

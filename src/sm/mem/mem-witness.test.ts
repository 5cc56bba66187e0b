import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AccessList } from './collector.js';
import { sortedOrder } from './mem-witness.js';

test('accesses are put in (word, step) order, by the float sort and by the radix sort alike', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40000 }), fc.integer({ min: 1, max: 2 ** 27 }), fc.integer(), (n, span, seed) => {
      const a = new AccessList(n);
      let x = seed >>> 0 || 1;
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        a.push(0x14000000 + (x % span), 4 * i + 1, 0, i, 0);
      }
      const order = sortedOrder(a);
      const expected = Array.from({ length: n }, (_, i) => i).sort((i, j) => a.word[i]! - a.word[j]! || a.step[i]! - a.step[j]!);
      assert.deepEqual([...order], expected);
    }),
    { numRuns: 20 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineAir, nextRowColumns } from './index.js';
import { fibonacciAir } from './examples/fibonacci.js';
import { wideAir } from './examples/wide.js';
import { byteTableAir, wordBytesAir } from './examples/byte-lookup.js';

test('next-row columns: only those the constraints read at offset 1, per tree, in increasing order', () => {
  assert.deepEqual(nextRowColumns(fibonacciAir), { main: [0, 1], fixed: [], program: [], stage2: [] });
  assert.deepEqual(nextRowColumns(wideAir(5)).main, [0, 1, 2, 3, 4]);
  // LogUp: the accumulator (last three stage-2 columns) and every helper are read at the next row
  const wb = nextRowColumns(wordBytesAir);
  assert.deepEqual(wb.main, []);
  assert.deepEqual(wb.stage2, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(nextRowColumns(byteTableAir), { main: [], fixed: [], program: [], stage2: [0, 1, 2, 3, 4, 5] });

  const air = defineAir({
    name: 'Sparse',
    columns: { a: 1, b: 1, c: 1 },
    fixed: { f: 1, g: 1 },
    program: { p: 1 },
    eval(b) {
      b.whenTransition().assertEq('c next', b.next.c, b.fixedNext.g.mul(b.main.a));
      b.assertEq('p', b.programNext.p, b.main.b);
      void b.next.a; // read but never constrained
    },
    fixedValues() {},
  });
  assert.deepEqual(nextRowColumns(air), { main: [2], fixed: [1], program: [0], stage2: [] });
});

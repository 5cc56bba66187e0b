import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from './index.js';

test('elements are little-endian u64 pairs, column after column', () => {
  const m = new Matrix(2, 3);
  m.set(1, 1, 0xfffffffe00000001n);
  m.setU32(2, 0, 7);
  const words = new BigUint64Array(m.data.buffer, m.data.byteOffset, 6);
  assert.equal(words[3 + 1], 0xfffffffe00000001n);
  assert.equal(words[2], 7n);
  assert.equal(m.get(1, 1), 0xfffffffe00000001n);
  assert.deepEqual([...m.column(0)], [0, 0, 0, 0, 7, 0]);
});

test('sizes are checked', () => {
  assert.throws(() => new Matrix(2, 2, new Uint32Array(3)), /needs 8/);
  assert.throws(() => new Matrix(-1, 2), /width/);
  assert.ok(Matrix.shared(1, 4).data.buffer instanceof SharedArrayBuffer);
});

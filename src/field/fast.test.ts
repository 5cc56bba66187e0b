import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as gl from './reference.js';
import * as fast from './fast.js';
import { EDGE, element, randomElements } from './test-support/arbitraries.js';

function pair(a: bigint, b: bigint): Uint32Array {
  return fast.fromBigInts([a, b]);
}

function check(a: bigint, b: bigint): void {
  const x = pair(a, b);
  const out = new Uint32Array(2);
  fast.add(out, 0, x, 0, x, 1);
  assert.equal(fast.get(out, 0), gl.add(a, b), `add ${a} ${b}`);
  fast.sub(out, 0, x, 0, x, 1);
  assert.equal(fast.get(out, 0), gl.sub(a, b), `sub ${a} ${b}`);
  fast.mul(out, 0, x, 0, x, 1);
  assert.equal(fast.get(out, 0), gl.mul(a, b), `mul ${a} ${b}`);
  fast.neg(out, 0, x, 0);
  assert.equal(fast.get(out, 0), gl.neg(a), `neg ${a}`);
}

test('fast add/sub/mul/neg equal the reference on every pair of edge values', () => {
  for (const a of EDGE) for (const b of EDGE) check(a, b);
});

test('fast add/sub/mul/neg equal the reference on random values (property)', () => {
  fc.assert(fc.property(element, element, (a, b) => check(a, b)), { numRuns: 2000 });
});

test('fast mul on 20 000 pseudo-random pairs', () => {
  const xs = randomElements(20000, 7);
  const ys = randomElements(20000, 11);
  const a = fast.fromBigInts(xs), b = fast.fromBigInts(ys), out = new Uint32Array(a.length);
  for (let i = 0; i < xs.length; i++) fast.mul(out, i, a, i, b, i);
  for (let i = 0; i < xs.length; i++) assert.equal(fast.get(out, i), gl.mul(xs[i]!, ys[i]!));
});

test('outputs may alias inputs', () => {
  const x = fast.fromBigInts([gl.P - 3n, 12345678901234n]);
  fast.mul(x, 0, x, 0, x, 1);
  assert.equal(fast.get(x, 0), gl.mul(gl.P - 3n, 12345678901234n));
  fast.add(x, 1, x, 1, x, 1);
  assert.equal(fast.get(x, 1), 24691357802468n);
});

test('pow, inv, square', () => {
  fc.assert(
    fc.property(element, fc.bigInt({ min: 0n, max: (1n << 70n) }), (a, e) => {
      const x = fast.fromBigInts([a]);
      const out = new Uint32Array(2);
      fast.pow(out, 0, x, 0, e);
      assert.equal(fast.get(out, 0), gl.pow(a, e));
      fast.square(out, 0, x, 0);
      assert.equal(fast.get(out, 0), gl.mul(a, a));
      fast.inv(out, 0, x, 0);
      assert.equal(fast.get(out, 0), a === 0n ? 0n : gl.inv(a));
    }),
    { numRuns: 100 },
  );
});

test('canonical check, conversions and their argument checks', () => {
  const w = new Uint32Array([1, 0xffffffff, 0, 0xffffffff, 5, 0xfffffffe]);
  assert.deepEqual([0, 1, 2].map((i) => fast.isCanonicalAt(w, i)), [false, true, true]);
  assert.throws(() => fast.fromBigInts([gl.P]), /values\[0\]/);
  assert.deepEqual(fast.toBigInts(fast.fromBigInts([3n, gl.P - 1n])), [3n, gl.P - 1n]);
  const s = new Uint32Array(2);
  fast.setU32(s, 0, 0xdeadbeef);
  assert.equal(fast.get(s, 0), 0xdeadbeefn);
  assert.ok(fast.eq(s, 0, s, 0) && !fast.isZero(s, 0));
});

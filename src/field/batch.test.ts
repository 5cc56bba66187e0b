import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as gl from './reference.js';
import * as ext from './extension.js';
import * as fast from './fast.js';
import * as extFast from './extension-fast.js';
import {
  batchAdd, batchSub, batchMul, batchNeg, batchScalarMul, batchInverse, powers,
  extBatchMul, extBatchMulBase, extBatchScalarMul, extBatchInverse, extPowers, evaluateAtExt, prefixSum, extPrefixSum, batchDot,
} from './batch.js';
import { EDGE, element, randomElements } from './test-support/arbitraries.js';

/** Edge values against each other, then pseudo-random values: n elements. */
function inputs(n: number, seed: number): [bigint[], bigint[]] {
  const a: bigint[] = [], b: bigint[] = [];
  for (const x of EDGE) for (const y of EDGE) {
    a.push(x);
    b.push(y);
  }
  const ra = randomElements(n, seed), rb = randomElements(n, seed + 1);
  for (let i = 0; a.length < n; i++) {
    a.push(ra[i]!);
    b.push(rb[i]!);
  }
  return [a.slice(0, n), b.slice(0, n)];
}

function planar(rows: ext.Ext3[]): Uint32Array {
  const n = rows.length;
  const out = new Uint32Array(6 * n);
  rows.forEach((r, i) => extFast.scatter(out, n, i, extFast.of(r), 0));
  return out;
}

function rowsOf(p: Uint32Array): ext.Ext3[] {
  const n = p.length / 6;
  const out: ext.Ext3[] = [];
  const tmp = new Uint32Array(6);
  for (let i = 0; i < n; i++) {
    extFast.gather(tmp, 0, p, n, i);
    out.push(extFast.get(tmp, 0));
  }
  return out;
}

test('elementwise kernels equal the reference (edge pairs, random values, odd length)', () => {
  for (const n of [1, 2, 3, 301, 1001]) {
    const [xs, ys] = inputs(n, n);
    const a = fast.fromBigInts(xs), b = fast.fromBigInts(ys);
    const add = fast.toBigInts(batchAdd(a, b));
    const sub = fast.toBigInts(batchSub(a, b));
    const mul = fast.toBigInts(batchMul(a, b));
    const neg = fast.toBigInts(batchNeg(a));
    const sm = fast.toBigInts(batchScalarMul(a, b, n - 1));
    for (let i = 0; i < n; i++) {
      assert.equal(add[i], gl.add(xs[i]!, ys[i]!), `add at ${i}`);
      assert.equal(sub[i], gl.sub(xs[i]!, ys[i]!), `sub at ${i}`);
      assert.equal(mul[i], gl.mul(xs[i]!, ys[i]!), `mul at ${i}`);
      assert.equal(neg[i], gl.neg(xs[i]!), `neg at ${i}`);
      assert.equal(sm[i], gl.mul(xs[i]!, ys[n - 1]!), `scalarMul at ${i}`);
    }
  }
});

test('kernels cross chunk boundaries and may write over their input', () => {
  const n = (1 << 15) + 3;
  const a = new Uint32Array(2 * n), b = new Uint32Array(2 * n);
  const xs = randomElements(n, 3), ys = randomElements(n, 4);
  for (let i = 0; i < n; i++) {
    fast.set(a, i, xs[i]!);
    fast.set(b, i, ys[i]!);
  }
  batchMul(a, b, a);
  for (const i of [0, 1, 32767, 32768, 32769, n - 1]) assert.equal(fast.get(a, i), gl.mul(xs[i]!, ys[i]!));
  const inv = batchInverse(b);
  for (const i of [0, 5, 32767, 32768, n - 1]) assert.equal(gl.mul(fast.get(inv, i), ys[i]!), 1n);
});

test('batch inversion: property, zeros map to zero, all lengths mod 8', () => {
  fc.assert(
    fc.property(fc.array(element, { minLength: 0, maxLength: 40 }), (xs) => {
      const out = fast.toBigInts(batchInverse(fast.fromBigInts(xs)));
      xs.forEach((x, i) => assert.equal(out[i], x === 0n ? 0n : gl.inv(x)));
    }),
    { numRuns: 60 },
  );
  assert.throws(() => batchInverse(new Uint32Array(3)), /even length/);
  assert.throws(() => batchMul(new Uint32Array(4), new Uint32Array(2)), /b has 2 words/);
});

test('powers equal repeated multiplication, across chunks', () => {
  const step = 0x1234_5678_9abc_def0n % gl.P, start = gl.P - 5n;
  for (const n of [0, 1, 7, 8, 15, 16, 17, 100, (1 << 15) + 9]) {
    const out = powers(fast.fromBigInts([step]), n, fast.fromBigInts([start]));
    let x = start;
    for (let i = 0; i < n; i++) {
      if (i < 200 || i > n - 20 || i % 997 === 0) assert.equal(fast.get(out, i), x, `n=${n} i=${i}`);
      x = gl.mul(x, step);
    }
  }
  assert.equal(fast.get(powers(fast.fromBigInts([3n]), 3), 2), 9n);
});

test('extension kernels equal the reference (planar layout)', () => {
  for (const n of [1, 2, 5, 64, 257]) {
    const [x0, y0] = inputs(3 * n, 40 + n);
    const as: ext.Ext3[] = [], bs: ext.Ext3[] = [];
    for (let i = 0; i < n; i++) {
      as.push([x0[3 * i]!, x0[3 * i + 1]!, x0[3 * i + 2]!]);
      bs.push([y0[3 * i]!, y0[3 * i + 1]!, y0[3 * i + 2]!]);
    }
    const A = planar(as), B = planar(bs);
    const base = fast.fromBigInts(bs.map((b) => b[0]));
    const s = extFast.of(bs[n - 1]!);
    const mul = rowsOf(extBatchMul(A, B));
    const mb = rowsOf(extBatchMulBase(A, base));
    const sm = rowsOf(extBatchScalarMul(A, s));
    for (let i = 0; i < n; i++) {
      assert.deepEqual(mul[i], ext.mul(as[i]!, bs[i]!), `extMul ${i}`);
      assert.deepEqual(mb[i], ext.mulBase(as[i]!, bs[i]![0]), `extMulBase ${i}`);
      assert.deepEqual(sm[i], ext.mul(as[i]!, bs[n - 1]!), `extScalarMul ${i}`);
    }
  }
});

test('extension batch inversion: a·a^−1 = 1, zeros map to zero', () => {
  for (const n of [1, 3, 4, 9, 100]) {
    const xs = randomElements(3 * n, 90 + n);
    const as: ext.Ext3[] = [];
    for (let i = 0; i < n; i++) as.push(i % 7 === 3 ? ext.ZERO : [xs[3 * i]!, i % 5 === 1 ? 0n : xs[3 * i + 1]!, xs[3 * i + 2]!]);
    const inv = rowsOf(extBatchInverse(planar(as)));
    as.forEach((a, i) => assert.deepEqual(ext.isZero(a) ? inv[i] : ext.mul(a, inv[i]!), ext.isZero(a) ? ext.ZERO : ext.ONE, `row ${i}`));
  }
  // base-field embedded elements invert as base elements
  const inv = rowsOf(extBatchInverse(planar([[7n, 0n, 0n]])));
  assert.deepEqual(inv[0], [gl.inv(7n), 0n, 0n]);
});

test('extension powers', () => {
  const s: ext.Ext3 = [3n, gl.P - 1n, 1n << 40n];
  const start: ext.Ext3 = [1n, 2n, 3n];
  const n = (1 << 15) + 2;
  const rows = rowsOf(extPowers(extFast.of(s), n, extFast.of(start)));
  let x = start;
  for (let i = 0; i < n; i++) {
    if (i < 50 || i > n - 5 || i === 32767 || i === 32768) assert.deepEqual(rows[i], x, `i=${i}`);
    x = ext.mul(x, s);
  }
  assert.deepEqual(rowsOf(extPowers(extFast.of(s), 2))[1], s);
});

test('evaluateAtExt equals Horner in the reference extension, across chunks', () => {
  const z: ext.Ext3 = [123456789n, gl.P - 2n, 1n << 50n];
  for (const n of [0, 1, 2, 7, 300, (1 << 15) + 3]) {
    const cs = randomElements(n, 70 + n);
    let expected: ext.Ext3 = ext.ZERO;
    for (let i = n - 1; i >= 0; i--) expected = ext.add(ext.mul(expected, z), ext.fromBase(cs[i]!));
    assert.deepEqual(extFast.get(evaluateAtExt(fast.fromBigInts(cs), extFast.of(z)), 0), expected, `n=${n}`);
  }
});

test('prefix sums (base and planar extension), across chunks', () => {
  for (const n of [0, 1, 5, (1 << 15) + 7]) {
    const xs = randomElements(3 * n, 200 + n);
    const base = fast.toBigInts(prefixSum(fast.fromBigInts(xs.slice(0, n))));
    let acc = 0n;
    for (let i = 0; i < n; i++) {
      acc = gl.add(acc, xs[i]!);
      if (i < 100 || i > n - 10 || i % 1000 === 0) assert.equal(base[i], acc, `base n=${n} i=${i}`);
    }
    const rows: ext.Ext3[] = [];
    for (let i = 0; i < n; i++) rows.push([xs[3 * i]!, xs[3 * i + 1]!, xs[3 * i + 2]!]);
    const sums = rowsOf(extPrefixSum(planar(rows)));
    let e: ext.Ext3 = ext.ZERO;
    for (let i = 0; i < n; i++) {
      e = ext.add(e, rows[i]!);
      if (i < 100 || i > n - 10 || i % 1000 === 0) assert.deepEqual(sums[i], e, `ext n=${n} i=${i}`);
    }
  }
});

test('batchDot equals the reference sum of products, across chunks and odd tails', () => {
  for (const n of [0, 1, 7, 9, 1000, (1 << 15) + 5]) {
    const [xs, ys] = inputs(n, 300 + n);
    let expected = 0n;
    for (let i = 0; i < n; i++) expected = gl.add(expected, gl.mul(xs[i]!, ys[i]!));
    assert.equal(fast.get(batchDot(fast.fromBigInts(xs), fast.fromBigInts(ys)), 0), expected, `n=${n}`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as gl from '../field/reference.js';
import { Matrix } from '../matrix/index.js';
import { lde, interpolate, evaluate, referenceNtt, evaluatePoly, bitReverseIndex, bitReverse, evaluateAtPoint } from './index.js';
import * as ext from '../field/extension.js';
import * as extFast from '../field/extension-fast.js';
import { evaluateAtExt } from '../field/batch.js';
import { randomElements } from '../field/test-support/arbitraries.js';

function randomMatrix(width: number, height: number, seed: number): Matrix {
  const m = new Matrix(width, height);
  const xs = randomElements(width * height, seed);
  for (let c = 0; c < width; c++) for (let r = 0; r < height; r++) m.set(r, c, xs[c * height + r]!);
  return m;
}

function columnOf(m: Matrix, c: number): bigint[] {
  return Array.from({ length: m.height }, (_, r) => m.get(r, c));
}

/** Coefficients of the polynomial through the column's values on ⟨ω_n⟩, by the BigInt reference. */
function coefficients(values: bigint[]): bigint[] {
  const nInv = gl.inv(BigInt(values.length));
  return referenceNtt(values, true).map((v) => gl.mul(v, nInv));
}

test('LDE equals direct evaluation of the interpolating polynomial on the coset, both orders', () => {
  const shift = gl.GENERATOR;
  for (const [logN, logBlowup] of [[0, 0], [0, 2], [1, 1], [3, 0], [3, 3], [5, 1], [6, 2], [4, 4]] as const) {
    const n = 1 << logN;
    const m = randomMatrix(3, n, 10 * logN + logBlowup);
    const N = n << logBlowup;
    const wN = gl.rootOfUnity(logN + logBlowup);
    const nat = lde(m, logBlowup, shift);
    const rev = lde(m, logBlowup, shift, 'bit-reversed');
    assert.equal(nat.height, N);
    for (let c = 0; c < m.width; c++) {
      const coeffs = coefficients(columnOf(m, c));
      for (let i = 0; i < N; i++) {
        const xi = gl.mul(shift, gl.pow(wN, BigInt(i)));
        const xr = gl.mul(shift, gl.pow(wN, BigInt(bitReverseIndex(i, logN + logBlowup))));
        assert.equal(nat.get(i, c), evaluatePoly(coeffs, xi), `natural n=${n} B=${1 << logBlowup} col ${c} row ${i}`);
        assert.equal(rev.get(i, c), evaluatePoly(coeffs, xr), `bit-reversed n=${n} B=${1 << logBlowup} col ${c} row ${i}`);
      }
    }
  }
});

test('LDE at blowup 1 with shift 1 is the identity; the two orders are bit-reversals of each other', () => {
  const m = randomMatrix(2, 1 << 10, 3);
  assert.deepEqual(lde(m, 0, 1n).data, m.data);
  const nat = lde(m, 2, 7n);
  const rev = lde(m, 2, 7n, 'bit-reversed');
  for (let c = 0; c < 2; c++) {
    const col = rev.column(c).slice();
    bitReverse(col);
    assert.deepEqual(col, nat.column(c));
  }
});

test('interpolate and evaluate invert each other and match the reference', () => {
  const m = randomMatrix(2, 64, 5);
  const coeffs = interpolate(m);
  for (let c = 0; c < 2; c++) assert.deepEqual(columnOf(coeffs, c), coefficients(columnOf(m, c)));
  assert.deepEqual(evaluate(coeffs).data, m.data);
  const shift = 12345n;
  const ev = evaluate(coeffs, 1, shift);
  const evr = evaluate(coeffs, 1, shift, 'bit-reversed');
  const w = gl.rootOfUnity(7);
  for (let i = 0; i < 128; i += 9) {
    const cs = columnOf(coeffs, 1);
    assert.equal(ev.get(i, 1), evaluatePoly(cs, gl.mul(shift, gl.pow(w, BigInt(i)))));
    assert.equal(evr.get(i, 1), evaluatePoly(cs, gl.mul(shift, gl.pow(w, BigInt(bitReverseIndex(i, 7))))));
  }
  // the LDE is evaluate∘interpolate
  assert.deepEqual(lde(m, 1, shift).data, ev.data);
});

test('LDE of a 2^14 × 3 matrix agrees with evaluate∘interpolate (blocked stages, odd log)', () => {
  const m = randomMatrix(3, 1 << 13, 9);
  const direct = lde(m, 1, gl.GENERATOR, 'bit-reversed');
  const twoStep = evaluate(interpolate(m), 1, gl.GENERATOR, 'bit-reversed');
  assert.deepEqual(direct.data, twoStep.data);
});

test('argument checks', () => {
  assert.throws(() => lde(new Matrix(1, 3), 1, 7n), /m.height must be a power of two/);
  assert.throws(() => lde(new Matrix(1, 4), -1, 7n), /logBlowup/);
  assert.throws(() => lde(new Matrix(1, 4), 1, 0n), /shift/);
  assert.throws(() => lde(new Matrix(1, 4), 1, 7n, 'natural', new Matrix(1, 4)), /out must be 1×8/);
});

test('bit-reversed LDE: each run of 2^k rows is a coset x_t·⟨ω_{2^k}⟩ (FRI fold layout)', () => {
  const m = randomMatrix(1, 16, 77);
  const logN = 6; // 16 · 2^2 rows
  const rev = lde(m, 2, gl.GENERATOR, 'bit-reversed');
  const coeffs = coefficients(columnOf(m, 0));
  const k = 3, wN = gl.rootOfUnity(logN), w8 = gl.rootOfUnity(k);
  for (let t = 0; t < 1 << (logN - k); t++) {
    const xt = gl.mul(gl.GENERATOR, gl.pow(wN, BigInt(bitReverseIndex(t, logN - k))));
    for (let u = 0; u < 1 << k; u++) {
      const x = gl.mul(xt, gl.pow(w8, BigInt(bitReverseIndex(u, k))));
      assert.equal(rev.get((t << k) + u, 0), evaluatePoly(coeffs, x), `t=${t} u=${u}`);
    }
  }
});

test('interpolate on a coset, in both orders, inverts evaluate and matches the reference', () => {
  const coeffs = randomMatrix(2, 32, 31);
  for (const order of ['natural', 'bit-reversed'] as const) {
    for (const shift of [1n, gl.GENERATOR, gl.P - 5n]) {
      const evals = evaluate(coeffs, 0, shift, order);
      assert.deepEqual(interpolate(evals, shift, order).data, coeffs.data, `${order} shift ${shift}`);
    }
  }
  // A polynomial of degree < N given on the LDE coset comes back whole (the quotient's case).
  const m = randomMatrix(1, 16, 8);
  const big = lde(m, 2, gl.GENERATOR, 'bit-reversed');
  const back = interpolate(big, gl.GENERATOR, 'bit-reversed');
  const expected = coefficients(columnOf(m, 0));
  for (let i = 0; i < 64; i++) assert.equal(back.get(i, 0), i < 16 ? expected[i] : 0n, `coefficient ${i}`);
  assert.throws(() => interpolate(m, 0n), /shift/);
});

test('evaluateAtPoint (barycentric) equals Horner on the interpolated coefficients, on H and on a coset', () => {
  const zeta: ext.Ext3 = [987654321n, 5n, gl.P - 77n];
  for (const shift of [1n, gl.GENERATOR]) {
    const m = randomMatrix(3, 32, 11);
    const got = evaluateAtPoint(m, extFast.of(zeta), shift);
    const coeffs = interpolate(m, shift);
    for (let c = 0; c < 3; c++) {
      const cs = columnOf(coeffs, c);
      let expected: ext.Ext3 = ext.ZERO;
      for (let i = cs.length - 1; i >= 0; i--) expected = ext.add(ext.mul(expected, zeta), ext.fromBase(cs[i]!));
      assert.deepEqual(extFast.get(got, c), expected, `shift ${shift} column ${c}`);
    }
  }
  // a point of the domain returns its row
  const m = randomMatrix(2, 8, 3);
  const x5 = gl.mul(gl.GENERATOR, gl.pow(gl.rootOfUnity(3), 5n));
  const onDomain = evaluateAtPoint(m, extFast.of([x5, 0n, 0n]), gl.GENERATOR);
  assert.deepEqual(extFast.get(onDomain, 1), [m.get(5, 1), 0n, 0n]);
});

test('evaluateAtPoint across kernel chunks (2^16 rows) agrees with interpolate + evaluateAtExt', () => {
  const m = randomMatrix(2, 1 << 16, 21);
  const zeta = extFast.of([31337n, gl.P - 9n, 1n << 33n]);
  const got = evaluateAtPoint(m, zeta, gl.GENERATOR);
  const coeffs = interpolate(m, gl.GENERATOR);
  for (let c = 0; c < 2; c++) assert.deepEqual(extFast.get(got, c), extFast.get(evaluateAtExt(coeffs.column(c), zeta), 0), `column ${c}`);
});

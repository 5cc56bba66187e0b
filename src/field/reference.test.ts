import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as gl from './reference.js';
import { element, nonZeroElement } from './test-support/arbitraries.js';

const { P } = gl;

test('published constants: p, generator, two-adic root (plonky2 / Plonky3 values)', () => {
  assert.equal(P, 18446744069414584321n);
  assert.equal(gl.TWO_ADIC_ROOT, 1753635133440165772n);
  assert.equal(gl.pow(gl.GENERATOR, (P - 1n) >> 32n), gl.TWO_ADIC_ROOT);
  // p − 1 = 2^32 · 3 · 5 · 17 · 257 · 65537, and 7 generates F_p^*: no maximal proper subgroup holds it.
  assert.equal(2n ** 32n * 3n * 5n * 17n * 257n * 65537n, P - 1n);
  for (const q of [2n, 3n, 5n, 17n, 257n, 65537n]) assert.notEqual(gl.pow(7n, (P - 1n) / q), 1n, `7^((p−1)/${q})`);
});

test('rootOfUnity: exact orders, squares chain down, small roots are powers of two', () => {
  for (let k = 0; k <= 32; k++) {
    const w = gl.rootOfUnity(k);
    assert.equal(gl.pow(w, 1n << BigInt(k)), 1n);
    if (k > 0) assert.equal(gl.pow(w, 1n << BigInt(k - 1)), P - 1n, `ω_2^${k} has order exactly 2^${k}`);
    if (k > 0) assert.equal(gl.mul(w, w), gl.rootOfUnity(k - 1));
  }
  assert.equal(gl.rootOfUnity(2), 1n << 48n);
  assert.equal(gl.rootOfUnity(6), 1n << 39n);
  assert.throws(() => gl.rootOfUnity(33), /logN/);
});

test('field laws', () => {
  fc.assert(
    fc.property(element, element, element, (a, b, c) => {
      assert.equal(gl.add(a, b), gl.add(b, a));
      assert.equal(gl.mul(a, b), gl.mul(b, a));
      assert.equal(gl.add(gl.add(a, b), c), gl.add(a, gl.add(b, c)));
      assert.equal(gl.mul(gl.mul(a, b), c), gl.mul(a, gl.mul(b, c)));
      assert.equal(gl.mul(a, gl.add(b, c)), gl.add(gl.mul(a, b), gl.mul(a, c)));
      assert.equal(gl.add(a, gl.neg(a)), 0n);
      assert.equal(gl.sub(a, b), gl.add(a, gl.neg(b)));
      assert.ok(gl.isCanonical(gl.add(a, b)) && gl.isCanonical(gl.sub(a, b)) && gl.isCanonical(gl.mul(a, b)));
    }),
    { numRuns: 300 },
  );
});

test('inverse and Fermat', () => {
  fc.assert(
    fc.property(nonZeroElement, (a) => {
      assert.equal(gl.mul(a, gl.inv(a)), 1n);
      assert.equal(gl.pow(a, P - 1n), 1n);
    }),
    { numRuns: 100 },
  );
  assert.throws(() => gl.inv(0n), /zero/);
});

test('canonical checks', () => {
  assert.ok(gl.isCanonical(0n) && gl.isCanonical(P - 1n));
  assert.ok(!gl.isCanonical(P) && !gl.isCanonical(-1n) && !gl.isCanonical(1n << 64n));
  assert.equal(gl.mod(-1n), P - 1n);
  assert.equal(gl.mod(P + 5n), 5n);
});

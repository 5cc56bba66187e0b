import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as gl from './reference.js';
import * as ext from './extension.js';
import * as extFast from './extension-fast.js';
import { ext3, nonZeroExt3, element, EDGE } from './test-support/arbitraries.js';

const { P } = gl;

// Polynomials over F_p as coefficient arrays, lowest degree first, no trailing zeros.
type Poly = bigint[];
function trim(a: Poly): Poly {
  const r = a.slice();
  while (r.length > 0 && r[r.length - 1] === 0n) r.pop();
  return r;
}
function polyMod(a: Poly, m: Poly): Poly {
  let r = trim(a);
  const lead = gl.inv(m[m.length - 1]!);
  while (r.length >= m.length) {
    const c = gl.mul(r[r.length - 1]!, lead);
    const shift = r.length - m.length;
    for (let i = 0; i < m.length; i++) r[shift + i] = gl.sub(r[shift + i]!, gl.mul(c, m[i]!));
    r = trim(r);
  }
  return r;
}
function polyMulMod(a: Poly, b: Poly, m: Poly): Poly {
  const c: bigint[] = new Array(Math.max(a.length + b.length - 1, 0)).fill(0n);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) c[i + j] = gl.add(c[i + j]!, gl.mul(a[i]!, b[j]!));
  return polyMod(c, m);
}

test('X^3 − X − 1 is irreducible over F_p: no root, i.e. gcd(X^p − X, f) = 1', () => {
  const f: Poly = [P - 1n, P - 1n, 0n, 1n];
  // r = X^p mod f by square-and-multiply
  let r: Poly = [1n];
  let base: Poly = [0n, 1n];
  for (let e = P; e > 0n; e >>= 1n) {
    if (e & 1n) r = polyMulMod(r, base, f);
    base = polyMulMod(base, base, f);
  }
  // g = X^p − X mod f; Euclid on (f, g)
  let a: Poly = f;
  let b: Poly = trim([r[0] ?? 0n, gl.sub(r[1] ?? 0n, 1n), r[2] ?? 0n]);
  while (b.length > 0) {
    const t = polyMod(a, b);
    a = b;
    b = t;
  }
  assert.equal(a.length, 1, 'the gcd is a non-zero constant');
});

test('X satisfies X^3 = X + 1', () => {
  assert.deepEqual(ext.pow(ext.X, 3n), [1n, 1n, 0n]);
});

test('extension field laws (reference)', () => {
  fc.assert(
    fc.property(ext3, ext3, ext3, (a, b, c) => {
      assert.deepEqual(ext.mul(a, b), ext.mul(b, a));
      assert.deepEqual(ext.mul(ext.mul(a, b), c), ext.mul(a, ext.mul(b, c)));
      assert.deepEqual(ext.mul(a, ext.add(b, c)), ext.add(ext.mul(a, b), ext.mul(a, c)));
      assert.deepEqual(ext.add(a, ext.neg(a)), ext.ZERO);
      assert.deepEqual(ext.mul(a, ext.ONE), a);
      assert.ok(ext.isCanonical(ext.mul(a, b)));
    }),
    { numRuns: 200 },
  );
});

test('extension inverse (reference, a^(p^3−2)) and Frobenius order', () => {
  fc.assert(
    fc.property(nonZeroExt3, (a) => {
      assert.deepEqual(ext.mul(a, ext.inv(a)), ext.ONE);
    }),
    { numRuns: 20 },
  );
  assert.throws(() => ext.inv(ext.ZERO), /zero/);
  // The base field embeds: products of base elements agree.
  fc.assert(fc.property(element, element, (x, y) => {
    assert.deepEqual(ext.mul(ext.fromBase(x), ext.fromBase(y)), ext.fromBase(gl.mul(x, y)));
    assert.deepEqual(ext.mulBase(ext.fromBase(x), y), ext.fromBase(gl.mul(x, y)));
  }), { numRuns: 50 });
});

test('fast extension ops equal the reference', () => {
  fc.assert(
    fc.property(ext3, ext3, (a, b) => {
      const buf = new Uint32Array(18);
      extFast.set(buf, 0, a);
      extFast.set(buf, 1, b);
      extFast.add(buf, 2, buf, 0, buf, 1);
      assert.deepEqual(extFast.get(buf, 2), ext.add(a, b));
      extFast.sub(buf, 2, buf, 0, buf, 1);
      assert.deepEqual(extFast.get(buf, 2), ext.sub(a, b));
      extFast.mul(buf, 2, buf, 0, buf, 1);
      assert.deepEqual(extFast.get(buf, 2), ext.mul(a, b));
      extFast.square(buf, 2, buf, 0);
      assert.deepEqual(extFast.get(buf, 2), ext.mul(a, a));
      extFast.neg(buf, 2, buf, 0);
      assert.deepEqual(extFast.get(buf, 2), ext.neg(a));
      // aliasing: out = a
      extFast.mul(buf, 0, buf, 0, buf, 1);
      assert.deepEqual(extFast.get(buf, 0), ext.mul(a, b));
    }),
    { numRuns: 500 },
  );
});

test('fast extension inverse, mulBase, pow and the planar helpers', () => {
  fc.assert(
    fc.property(ext3, element, fc.bigInt({ min: 0n, max: 1n << 40n }), (a, s, e) => {
      const buf = new Uint32Array(12);
      extFast.set(buf, 0, a);
      extFast.inv(buf, 1, buf, 0);
      if (a[0] === 0n && a[1] === 0n && a[2] === 0n) assert.ok(extFast.isZero(buf, 1));
      else assert.deepEqual(ext.mul(a, extFast.get(buf, 1)), ext.ONE);
      const sb = new Uint32Array(2);
      sb[0] = Number(s & 0xffffffffn);
      sb[1] = Number(s >> 32n);
      extFast.mulBase(buf, 1, buf, 0, sb, 0);
      assert.deepEqual(extFast.get(buf, 1), ext.mulBase(a, s));
      extFast.pow(buf, 1, buf, 0, e);
      assert.deepEqual(extFast.get(buf, 1), ext.pow(a, e));
    }),
    { numRuns: 100 },
  );
  // Edge values in every coefficient position.
  for (const x of EDGE) {
    const a: ext.Ext3 = [x, EDGE[Number(x % 7n)]!, gl.sub(P - 1n, x)]; // never zero
    const buf = extFast.of(a);
    const out = new Uint32Array(6);
    extFast.inv(out, 0, buf, 0);
    assert.deepEqual(ext.mul(a, extFast.get(out, 0)), ext.ONE);
  }
  // planar gather/scatter on a 3-row column
  const planar = new Uint32Array(18);
  const one = extFast.of([5n, 6n, 7n]);
  extFast.scatter(planar, 3, 1, one, 0);
  const back = new Uint32Array(6);
  extFast.gather(back, 0, planar, 3, 1);
  assert.deepEqual(extFast.get(back, 0), [5n, 6n, 7n]);
  assert.deepEqual([planar[2], planar[8], planar[14]], [5, 6, 7]);
  extFast.fromBase(back, 0, one, 1);
  assert.deepEqual(extFast.get(back, 0), [6n, 0n, 0n]);
  assert.ok(extFast.eq(back, 0, back, 0));
});

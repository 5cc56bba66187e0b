// Free-call functions checked by the properties that define them (the guest verifies the same).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runFcall } from './index.js';

const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const words = (v: bigint) => [0, 1, 2, 3].map((i) => (v >> (64n * BigInt(i))) & 0xffffffffffffffffn);
const join = (w: bigint[]) => w.reduce((v, x, i) => v | (x << (64n * BigInt(i))), 0n);
const u256 = fc.bigInt({ min: 1n, max: (1n << 256n) - 1n });

test('fcall 1 and 2: inverses modulo the secp256k1 field and group orders', () => {
  fc.assert(fc.property(u256, (a) => {
    for (const [id, m] of [[1, P], [2, N]] as const) {
      if (a % m === 0n) continue;
      const r = runFcall(id, words(a));
      assert.equal(r.length, 8);
      const inv = join(r.slice(0, 4));
      assert.ok(inv < m);
      assert.equal((inv * a) % m, 1n);
    }
  }), { numRuns: 50 });
  assert.throws(() => runFcall(1, words(P)), { code: 'fcall', detail: /inverse of zero/ });
});

test('fcall 3: square roots modulo p with the requested parity, or none', () => {
  fc.assert(fc.property(u256, fc.boolean(), (x, odd) => {
    const square = (x * x) % P;
    const r = runFcall(3, [...words(square), odd ? 1n : 0n]);
    assert.equal(r[0], 1n);
    const root = join(r.slice(1, 5));
    assert.equal((root * root) % P, square);
    if (root !== 0n) assert.equal(root & 1n, odd ? 1n : 0n);
  }), { numRuns: 50 });
  // p ≡ 3 (mod 4), so −1 is not a square: no root.
  assert.equal(runFcall(3, [...words(P - 1n), 0n])[0], 0n);
});

test('fcall 4: the highest set bit of two numbers, as (word, bit)', () => {
  assert.deepEqual(runFcall(4, [...words(1n), ...words(0n)]), [0n, 0n]);
  assert.deepEqual(runFcall(4, [...words(1n << 200n), ...words(3n)]), [3n, 8n]);
  assert.deepEqual(runFcall(4, [...words(5n), ...words((1n << 70n) + 9n)]), [1n, 6n]);
  assert.throws(() => runFcall(4, [...words(0n), ...words(0n)]), { detail: /both numbers are zero/ });
  assert.throws(() => runFcall(9, []), { detail: /function 9 is not supported/ });
});

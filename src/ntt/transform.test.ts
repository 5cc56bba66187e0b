import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as gl from '../field/reference.js';
import * as fast from '../field/fast.js';
import {
  ntt, intt, nttToBitReversed, nttFromBitReversed, inttToBitReversed, inttFromBitReversed, bitReverse,
  naiveDft, referenceNtt, bitReverseIndex,
} from './index.js';
import { EDGE, element, randomElements, randomHalves } from '../field/test-support/arbitraries.js';

function sample(logN: number, seed: number): bigint[] {
  const n = 1 << logN;
  const r = randomElements(n, seed);
  // a few edge values at the front so that reductions at the boundaries get exercised
  for (let i = 0; i < Math.min(n, EDGE.length); i += 2) r[i] = EDGE[(i + seed) % EDGE.length]!;
  return r;
}

function permuted(a: readonly bigint[]): bigint[] {
  const bits = Math.log2(a.length);
  return a.map((_, i) => a[bitReverseIndex(i, bits)]!);
}

test('the two references agree: radix-2 BigInt NTT = O(n²) DFT', () => {
  for (let logN = 0; logN <= 6; logN++) {
    const x = sample(logN, logN + 1);
    assert.deepEqual(referenceNtt(x), naiveDft(x));
    assert.deepEqual(referenceNtt(x, true), naiveDft(x, true));
  }
});

test('every WebAssembly transform equals the naive DFT (sizes 1 … 256)', () => {
  for (let logN = 0; logN <= 8; logN++) {
    const x = sample(logN, 100 + logN);
    const n = BigInt(x.length);
    const fwd = naiveDft(x);
    const inv = naiveDft(x, true).map((v) => gl.mul(v, gl.inv(n)));
    const run = (f: (v: Uint32Array) => void, input: readonly bigint[]): bigint[] => {
      const v = fast.fromBigInts(input);
      f(v);
      return fast.toBigInts(v);
    };
    assert.deepEqual(run(ntt, x), fwd, `ntt 2^${logN}`);
    assert.deepEqual(run(intt, x), inv, `intt 2^${logN}`);
    assert.deepEqual(run(nttToBitReversed, x), permuted(fwd), `nttToBitReversed 2^${logN}`);
    assert.deepEqual(run(nttFromBitReversed, permuted(x)), fwd, `nttFromBitReversed 2^${logN}`);
    assert.deepEqual(run(inttToBitReversed, x), permuted(inv), `inttToBitReversed 2^${logN}`);
    assert.deepEqual(run(inttFromBitReversed, permuted(x)), inv, `inttFromBitReversed 2^${logN}`);
    assert.deepEqual(run(bitReverse, x), permuted(x), `bitReverse 2^${logN}`);
  }
});

test('WebAssembly NTT equals the radix-2 BigInt reference up to 2^13 (through the blocked stages)', () => {
  for (const logN of [9, 10, 11, 12, 13]) {
    const x = sample(logN, 7 * logN);
    const v = fast.fromBigInts(x);
    ntt(v);
    assert.deepEqual(fast.toBigInts(v), referenceNtt(x), `2^${logN}`);
  }
});

test('round trips (property): intt∘ntt, and the bit-reversed pairs, are the identity', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 11 }).chain((logN) => fc.array(element, { minLength: 1 << logN, maxLength: 1 << logN })), (xs) => {
      const v = fast.fromBigInts(xs);
      ntt(v);
      intt(v);
      assert.deepEqual(fast.toBigInts(v), xs);
      nttToBitReversed(v);
      inttFromBitReversed(v);
      assert.deepEqual(fast.toBigInts(v), xs);
      inttToBitReversed(v);
      nttFromBitReversed(v);
      assert.deepEqual(fast.toBigInts(v), xs);
    }),
    { numRuns: 40 },
  );
});

test('round trip at 2^16 and 2^17 (beyond one cache block, both parities of log n)', () => {
  for (const logN of [16, 17]) {
    const x = randomHalves(1 << logN, logN);
    const v = x.slice();
    ntt(v);
    assert.notDeepEqual(v, x);
    intt(v);
    assert.deepEqual(v, x);
  }
});

test('linearity and the convolution theorem on random vectors', () => {
  const logN = 6, n = 1 << logN;
  const a = randomElements(n, 1), b = randomElements(n, 2);
  // cyclic convolution by definition
  const conv: bigint[] = new Array(n).fill(0n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) conv[(i + j) % n] = gl.add(conv[(i + j) % n]!, gl.mul(a[i]!, b[j]!));
  const A = fast.fromBigInts(a), B = fast.fromBigInts(b), C = fast.fromBigInts(conv);
  ntt(A);
  ntt(B);
  ntt(C);
  for (let k = 0; k < n; k++) assert.equal(fast.get(C, k), gl.mul(fast.get(A, k), fast.get(B, k)));
});

test('argument checks name the parameter', () => {
  assert.throws(() => ntt(new Uint32Array(6)), /power-of-two/);
  assert.throws(() => ntt(new Uint32Array(3)), /even length/);
  assert.throws(() => ntt(new Uint32Array(0)), /power-of-two/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { P, POSEIDON2_GOLDILOCKS_4, Poseidon2Reference, digestFromBigints, elementsToWords, permuteReference } from '../hash/index.js';
import { Transcript } from './index.js';

const element = fc.bigInt({ min: 0n, max: P - 1n });

/** A protocol-like script: elements, digests and samples interleaved. */
function run(t: Transcript, xs: readonly bigint[]): bigint[] {
  const out: bigint[] = [];
  xs.forEach((x, i) => {
    t.observe(x);
    if (i % 5 === 4) out.push(t.sampleBase());
  });
  t.observeDigest(digestFromBigints([1n, 2n, 3n, P - 1n]));
  out.push(...t.sampleExt(), BigInt(t.sampleBits(20)), t.sampleBase());
  return out;
}

test('the documented duplex order, step by step, against the reference permutation', () => {
  const t = new Transcript();
  const xs = Array.from({ length: 12 }, (_, i) => BigInt(i) * 0x9e3779b97f4a7c15n % P);
  xs.forEach((x) => t.observe(x));
  // Twelve observations fill the rate: s = P(x0‥x11 ‖ 0,0,0,0), and samples read s[0], s[1], …
  let s = permuteReference([...xs, 0n, 0n, 0n, 0n]);
  for (let i = 0; i < 12; i++) assert.equal(t.sampleBase(), s[i]);
  // The thirteenth sample duplexes with nothing to absorb.
  s = permuteReference(s);
  assert.equal(t.sampleBase(), s[0]);
  // Three observations overwrite s[0‥3) and leave the rest; the sample duplexes first.
  t.observe(7n);
  t.observe(8n);
  t.observe(9n);
  s = permuteReference([7n, 8n, 9n, ...s.slice(3)]);
  assert.deepEqual(t.sampleExt(), [s[0], s[1], s[2]]);
  assert.equal(t.sampleBits(10), Number(s[3]! & 1023n));
});

test('same observations give the same challenges; a transcript on the reference permutation agrees', () => {
  fc.assert(
    fc.property(fc.array(element, { maxLength: 30 }), (xs) => {
      const a = run(new Transcript(), xs);
      assert.deepEqual(run(new Transcript(), xs), a);
      assert.deepEqual(run(new Transcript(new Poseidon2Reference()), xs), a);
    }),
    { numRuns: 25 },
  );
});

test('changing, dropping, adding or reordering one observation changes the challenges', () => {
  fc.assert(
    fc.property(fc.array(element, { minLength: 2, maxLength: 30 }), fc.nat(), element, (xs, at, y) => {
      const i = at % xs.length;
      const base = run(new Transcript(), xs);
      if (y !== xs[i]) {
        const changed = xs.slice();
        changed[i] = y;
        assert.notDeepEqual(run(new Transcript(), changed), base);
      }
      assert.notDeepEqual(run(new Transcript(), [...xs, y]), base);
      if (xs[i] !== xs[(i + 1) % xs.length]) {
        const swapped = xs.slice();
        [swapped[i], swapped[(i + 1) % xs.length]] = [swapped[(i + 1) % xs.length]!, swapped[i]!];
        assert.notDeepEqual(run(new Transcript(), swapped), base);
      }
    }),
    { numRuns: 40 },
  );
});

test('digests and element words are observed as their elements in order', () => {
  const a = new Transcript();
  const b = new Transcript();
  a.observeDigest(digestFromBigints([5n, 6n, 7n, 8n]));
  b.observeElements(elementsToWords([5n, 6n]));
  b.observe(7n);
  b.observe(8);
  assert.equal(a.sampleBase(), b.sampleBase());
});

test('clones are independent; forks differ from the parent and from each other', () => {
  const t = new Transcript();
  t.observe(42n);
  const c = t.clone();
  const f1 = t.fork(1);
  const f2 = t.fork(2n);
  const parentNext = t.clone().sampleBase();
  assert.equal(c.sampleBase(), parentNext);
  const a = f1.sampleBase();
  const b = f2.sampleBase();
  assert.notEqual(a, b);
  assert.notEqual(a, parentNext);
  // The fork is not the parent observing the tag alone.
  const plain = t.clone();
  plain.observe(1n);
  assert.notEqual(plain.sampleBase(), a);
  // Forking left the parent where it was.
  assert.equal(t.sampleBase(), parentNext);
  assert.equal(t.fork(1).sampleBase() === new Transcript().sampleBase(), false);
});

test('sampled bits and indices stay in range', () => {
  const t = new Transcript();
  t.observe(3n);
  for (const bits of [1, 5, 20, 31, 32]) {
    for (const i of t.sampleIndices(50, bits)) assert.ok(Number.isInteger(i) && i >= 0 && i < 2 ** bits, `${i} for ${bits} bits`);
  }
  assert.throws(() => t.sampleBits(0), /bits/);
  assert.throws(() => t.sampleBits(33), /bits/);
});

test('grinding finds the least valid nonce and the verifier side accepts it', () => {
  for (const pending of [0, 3, 11]) {
    const prover = new Transcript();
    for (let i = 0; i < 12 + pending; i++) prover.observe(BigInt(i + 100));
    const verifier = prover.clone();
    const reference = new Transcript(new Poseidon2Reference());
    for (let i = 0; i < 12 + pending; i++) reference.observe(BigInt(i + 100));
    const bits = 10;
    const before = prover.clone();
    const nonce = prover.grind(bits);
    for (let n = 0n; n < nonce; n++) assert.equal(before.clone().checkWitness(bits, n), false, `nonce ${n} is also valid`);
    // The check is exactly the documented one: three samples, then P4(c ‖ nonce)[0] < 2^(64 − bits).
    const c = [before.sampleBase(), before.sampleBase(), before.sampleBase()];
    assert.ok(permuteReference([...c, nonce], POSEIDON2_GOLDILOCKS_4)[0]! < 1n << BigInt(64 - bits));
    assert.equal(verifier.checkWitness(bits, nonce), true);
    assert.equal(reference.checkWitness(bits, nonce), true);
    assert.equal(verifier.sampleBase(), prover.sampleBase());
  }
});

test('16-bit grinding completes and a wrong nonce is a failed check, not an exception', () => {
  const t = new Transcript();
  t.observe(99n);
  const v = t.clone();
  const nonce = t.grind(16);
  assert.ok(v.clone().checkWitness(16, nonce));
  assert.equal(v.clone().checkWitness(16, P), false);
  assert.equal(v.clone().checkWitness(16, -1n), false);
  assert.equal(v.clone().checkWitness(0, 12345n), true);
  assert.equal(new Transcript().grind(0), 0n);
});

test('non-canonical observations are refused', () => {
  const t = new Transcript();
  assert.throws(() => t.observe(P), /canonical/);
  assert.throws(() => t.observe(-1n), /canonical/);
  assert.throws(() => t.observeElements(Uint32Array.from([1, 0xffffffff])), /canonical/);
  assert.throws(() => t.observeDigest(new Uint32Array(6)), /digest/);
});

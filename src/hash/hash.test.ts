import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Matrix } from '../matrix/index.js';
import {
  P,
  POSEIDON2_GOLDILOCKS_4,
  Poseidon2Reference,
  Poseidon2Wasm,
  compress,
  compressReference,
  digestFromBigints,
  digestToBigints,
  elementsToWords,
  hashElements,
  hashElementsReference,
  permuteReference,
  wordsToElements,
} from './index.js';
import { POSEIDON2_GOLDILOCKS_12 } from './test-support/goldilocks-12.js';

const iota = (n: number, from = 0) => Array.from({ length: n }, (_, i) => BigInt(i + from));

// Known answers published by pil2-proofman (ZisK's prover) for its width-16 Poseidon2 — the same
// constants as HorizenLabs' width-16 Goldilocks instance:
// pil2-stark/src/goldilocks/tests/test_helpers.hpp, PERMUTE_W16_GOLDEN (input 0‥15) and
// LINEAR_HASH_W16_GOLDEN (input 1‥20, the sponge of index.ts).
const PIL2_PERMUTE_W16 = [
  0x85c54702470d9756n, 0xaa53c7a7d52d9898n, 0x285128096efb0dd7n, 0xf3fde5edd3050ac8n,
  0xc7b65efd040df908n, 0x4be3f6c467f57ae9n, 0x274e9a67b41754fbn, 0x0f7d39cd5de94dacn,
  0xd0224b9794d0b78cn, 0x372f6139570042e1n, 0xce6e8a93dc4ec26cn, 0xace65e30a4daf7afn,
  0x016f2824cc1ba3dbn, 0x2e8f3af37c434decn, 0xc80831bb6e09da01n, 0x3a7d670bf1a86ee8n,
];
const PIL2_LINEAR_HASH_W16 = [0x3fd2692fa8954a7en, 0x3a53be1d99d262a6n, 0xa51078560d69a26en, 0xf6a0e953979b19d2n];

// HorizenLabs/poseidon2, plain_implementations/src/poseidon2/poseidon2.rs, test `kats` for
// POSEIDON2_GOLDILOCKS_12_PARAMS (input 0‥11): checks the generic reference on a second instance
// from a second publisher.
const HORIZEN_KAT_W12 = [
  0x01eaef96bdf1c0c1n, 0x1f0d2cc525b2540cn, 0x6282c1dfe1e0358dn, 0xe780d721f698e1e6n,
  0x280c0b6f753d833bn, 0x1b942dd5023156abn, 0x43f0df3fcccb8398n, 0xe8e8190585489025n,
  0x56bdbf72f77ada22n, 0x7911c32bf9dcd705n, 0xec467926508fbe67n, 0x6a50450ddf85a6edn,
];

const wasm = new Poseidon2Wasm();

const element = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, P - 1n, P - 2n, 0xffffffffn, 0x100000000n, 0xffffffff00000000n, 1n << 63n),
  fc.bigInt({ min: 0n, max: P - 1n }),
);

test('reference permutation matches the published width-16 vector (pil2-proofman)', () => {
  assert.deepEqual(permuteReference(iota(16)), PIL2_PERMUTE_W16);
});

test('reference permutation matches HorizenLabs width-12 known answer', () => {
  assert.deepEqual(permuteReference(iota(12), POSEIDON2_GOLDILOCKS_12), HORIZEN_KAT_W12);
});

test('reference sponge and compression match the published vectors (pil2-proofman)', () => {
  assert.deepEqual(hashElementsReference(iota(20, 1)), PIL2_LINEAR_HASH_W16);
  // COMPRESS_W16_GOLDEN: the four children 0‥3, 4‥7, 8‥11, 12‥15 give P(0‥15)[0‥4).
  const children = [0, 4, 8, 12].map((k) => iota(4, k));
  assert.deepEqual(compressReference(children), PIL2_PERMUTE_W16.slice(0, 4));
  assert.deepEqual(hashElementsReference([]), [0n, 0n, 0n, 0n]);
});

test('kernel matches the published vectors', () => {
  const s = elementsToWords(iota(16));
  wasm.permute(s);
  assert.deepEqual(wordsToElements(s), PIL2_PERMUTE_W16);
  assert.deepEqual(digestToBigints(hashElements(elementsToWords(iota(20, 1)), wasm)), PIL2_LINEAR_HASH_W16);
  assert.deepEqual(digestToBigints(compress(elementsToWords(iota(16)), 4, wasm)), PIL2_PERMUTE_W16.slice(0, 4));
});

test('kernel permutation equals the reference on random states, odd and even batch sizes', () => {
  fc.assert(
    fc.property(fc.array(fc.array(element, { minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 5 }), (states) => {
      const words = elementsToWords(states.flat());
      wasm.permuteMany(words, states.length);
      const want = states.flatMap((s) => permuteReference(s));
      assert.deepEqual(wordsToElements(words), want);
    }),
    { numRuns: 60 },
  );
});

test('reference and kernel share the Poseidon2 interface', () => {
  const input = elementsToWords(iota(32, 1000));
  const a = input.slice();
  const b = input.slice();
  new Poseidon2Reference().permuteMany(a, 2);
  wasm.permuteMany(b, 2);
  assert.deepEqual(a, b);
});

test('kernel sponge equals the reference for lengths 0‥40', () => {
  fc.assert(
    fc.property(fc.array(element, { maxLength: 40 }), (xs) => {
      assert.deepEqual(digestToBigints(hashElements(elementsToWords(xs), wasm)), hashElementsReference(xs));
    }),
    { numRuns: 60 },
  );
});

test('row hashing over several matrices and any row range equals the reference sponge', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 9 }),
      fc.nat(),
      fc.nat(),
      (widths, height, a, b) => {
        const ms = widths.map((w) => new Matrix(w, height));
        let seed = 1n;
        for (const m of ms) for (let c = 0; c < m.width; c++) for (let r = 0; r < height; r++) m.set(r, c, (seed = (seed * 6364136223846793005n + 1442695040888963407n) % P));
        const lo = a % (height + 1);
        const hi = lo + (b % (height - lo + 1));
        const out = new Uint32Array((hi - lo) * 8 + 3);
        wasm.hashRowRange(ms, lo, hi, out, 3);
        for (let r = lo; r < hi; r++) {
          const row = ms.flatMap((m) => Array.from({ length: m.width }, (_, c) => m.get(r, c)));
          assert.deepEqual(wordsToElements(out.subarray(3 + (r - lo) * 8, 3 + (r - lo + 1) * 8)), hashElementsReference(row));
        }
      },
    ),
    { numRuns: 40 },
  );
});

test('level compression pads missing children with zero digests, arity 2 and 4', () => {
  fc.assert(
    fc.property(fc.constantFrom(2, 4), fc.array(fc.array(element, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 9 }), (arity, children) => {
      const parents = Math.ceil(children.length / arity);
      const out = new Uint32Array(parents * 8);
      wasm.compressLevel(elementsToWords(children.flat()), children.length, arity, out);
      for (let k = 0; k < parents; k++) {
        const group = Array.from({ length: arity }, (_, c) => children[k * arity + c] ?? [0n, 0n, 0n, 0n]);
        assert.deepEqual(wordsToElements(out.subarray(8 * k, 8 * k + 8)), compressReference(group));
      }
    }),
    { numRuns: 40 },
  );
});

test('width-4 grinding permutation: reference and kernel match the published vector (pil2-proofman)', () => {
  // pil2-stark/src/goldilocks/tests/test_helpers.hpp, PERMUTE_W4_GOLDEN (input 0‥3).
  const golden = [0x758085b0af0a16aan, 0x85141acc29c479den, 0x50127371e2b77ae5n, 0xefee3a8033630029n];
  assert.deepEqual(permuteReference(iota(4), POSEIDON2_GOLDILOCKS_4), golden);
  const s = elementsToWords(iota(4));
  wasm.permuteWidth4(s, 1);
  assert.deepEqual(wordsToElements(s), golden);
  fc.assert(
    fc.property(fc.array(fc.array(element, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (states) => {
      const words = elementsToWords(states.flat());
      wasm.permuteWidth4(words, states.length);
      assert.deepEqual(wordsToElements(words), states.flatMap((st) => permuteReference(st, POSEIDON2_GOLDILOCKS_4)));
    }),
    { numRuns: 60 },
  );
});

test('proof-of-work search returns the first nonce whose width-4 permutation clears the bound', () => {
  const challenge = [11n, P - 5n, 1n << 50n];
  const words = elementsToWords(challenge);
  const bits = 9;
  const nonce = wasm.grind(words, bits, 0n, 1n << 20n);
  assert.ok(nonce !== undefined);
  const check = (n: bigint) => permuteReference([...challenge, n], POSEIDON2_GOLDILOCKS_4)[0]! < 1n << BigInt(64 - bits);
  assert.ok(check(nonce));
  for (let n = 0n; n < nonce; n++) assert.ok(!check(n), `nonce ${n} also clears the bound`);
  assert.equal(wasm.grind(words, bits, 0n, nonce), undefined);
  assert.equal(wasm.grind(words, bits, nonce, nonce + 1n), nonce);
  assert.equal(wasm.grind(words, bits, nonce - (nonce % 2n), nonce + 1n), nonce);
});

test('digest helpers round-trip', () => {
  const xs = [1n, P - 1n, 1n << 40n, 0n];
  assert.deepEqual(digestToBigints(digestFromBigints(xs)), xs);
});

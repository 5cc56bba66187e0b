import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { P } from './reference.js';
import * as fast from './fast.js';
import { elementsToBytes, elementsFromBytes, tryElementsFromBytes, FieldDecodeError } from './bytes.js';
import { element } from './test-support/arbitraries.js';

test('encoding is 8 little-endian bytes per element', () => {
  const bytes = elementsToBytes(fast.fromBigInts([0x0102030405060708n, P - 1n]));
  assert.deepEqual([...bytes], [8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
});

test('bytes round trip (property)', () => {
  fc.assert(
    fc.property(fc.array(element, { maxLength: 20 }), (xs) => {
      const a = fast.fromBigInts(xs);
      const r = tryElementsFromBytes(elementsToBytes(a));
      assert.ok(r.ok);
      assert.deepEqual(fast.toBigInts(r.value), xs);
    }),
  );
});

test('every non-canonical u64 (≥ p) is rejected, with its index', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: P, max: (1n << 64n) - 1n }), fc.nat(4), (v, at) => {
      const words = new Uint32Array(10);
      words[2 * at] = Number(v & 0xffffffffn);
      words[2 * at + 1] = Number(v >> 32n);
      const r = tryElementsFromBytes(elementsToBytes(words));
      assert.deepEqual(r, { ok: false, error: { kind: 'non-canonical', index: at, value: v } });
      assert.throws(() => elementsFromBytes(elementsToBytes(words)), FieldDecodeError);
    }),
  );
  // p − 1 is the largest accepted value, p the smallest rejected one.
  assert.ok(tryElementsFromBytes(elementsToBytes(fast.fromBigInts([P - 1n]))).ok);
});

test('lengths, offsets and counts: typed failures, never a throw', () => {
  const bytes = elementsToBytes(fast.fromBigInts([1n, 2n, 3n]));
  const r = tryElementsFromBytes(bytes, 2, 8);
  assert.ok(r.ok && fast.get(r.value, 0) === 2n && fast.get(r.value, 1) === 3n);
  assert.equal(tryElementsFromBytes(bytes.subarray(0, 23)).ok, false);
  assert.deepEqual(tryElementsFromBytes(bytes, 4), { ok: false, error: { kind: 'length', expected: 32, got: 24 } });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: -3, max: 50 }), fc.option(fc.integer({ min: -2, max: 8 })), fc.double(), (b, off, count, junk) => {
      tryElementsFromBytes(b, count ?? undefined, off);
      tryElementsFromBytes(b, junk, junk);
    }),
  );
  assert.throws(() => elementsFromBytes(new Uint8Array(5)), /expected 8 bytes of field elements, got 5/);
});

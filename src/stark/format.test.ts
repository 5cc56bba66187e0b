import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { P } from '../field/index.js';
import { decodeProof, encodeProof, verify, MAGIC, FORMAT_VERSION, instanceShape, decodeInstanceProof, encodeInstanceProof } from './index.js';
import { FIXTURE_FILE, FIXTURE_PARAMS, fixtureProof } from './fixtures/fixture.js';
import { fibResult, testSystem } from './test-support/examples.js';

const fixture = new Uint8Array(readFileSync(FIXTURE_FILE));
const why = (r: ReturnType<typeof verify>) => (r.ok ? 'accepted' : `${r.check}: ${r.message}`);

test('the golden fixture verifies, and proving the same instances gives the same bytes', async () => {
  const r = verify(testSystem, fixture, FIXTURE_PARAMS, { publics: [fibResult(4)] });
  assert.ok(r.ok, why(r));
  assert.deepEqual(await fixtureProof(), fixture, 'the prover or the format changed: if on purpose, bump the version and run src/stark/fixtures/regenerate.ts');
});

test('the header is laid out as docs/proof-format.md says', () => {
  const v = new DataView(fixture.buffer, fixture.byteOffset);
  assert.deepEqual(fixture.subarray(0, 8), MAGIC);
  assert.equal(String.fromCharCode(...fixture.subarray(0, 7)), 'ZKTSPRF');
  assert.equal(v.getUint32(8, true), FORMAT_VERSION);
  const p = FIXTURE_PARAMS;
  assert.deepEqual([...fixture.subarray(12, 18)], [p.logBlowup, p.logFoldingArity, p.logFinalPolyLen, p.powBits, p.merkleArity, 0]);
  assert.equal(v.getUint16(18, true), p.numQueries);
  assert.equal(v.getUint32(20, true), 1); // publicCount
  assert.equal(v.getBigUint64(24, true), fibResult(4));
  assert.equal(v.getUint32(32, true), 5); // instanceCount
  // First instance: the byte table, airIndex 0, 2^8 rows, then its stage-1 root (no program root).
  assert.equal(v.getUint32(36, true), 0);
  assert.equal(fixture[40], 8);
  const d = decodeProof(testSystem, fixture);
  assert.ok(d.ok);
  const first = d.value.instances[0]!;
  assert.deepEqual(new Uint32Array(fixture.slice(41, 41 + 32).buffer), first.commitment.stage1Root);
  // Then air values (none), the stage-2 root and the bus sum, the quotient root, the openings.
  const shape = instanceShape(testSystem.airs[0]!, 8, FIXTURE_PARAMS);
  const openingsAt = 41 + 32 + 32 + 24 + 32;
  assert.equal(v.getBigUint64(openingsAt, true), (BigInt(first.openings[1]!) << 32n) | BigInt(first.openings[0]!));
  assert.equal(first.openings.length, 6 * (shape.zetaOpenings + shape.nextOpenings));
});

test('decode and encode are inverse; instance sections decode on their own', () => {
  const d = decodeProof(testSystem, fixture);
  assert.ok(d.ok);
  assert.deepEqual(encodeProof(testSystem, d.value), fixture);
  for (const inst of d.value.instances) {
    const bytes = encodeInstanceProof(testSystem, inst);
    const back = decodeInstanceProof(testSystem, FIXTURE_PARAMS, bytes);
    assert.ok(back.ok);
    assert.deepEqual(encodeInstanceProof(testSystem, back.value), bytes);
  }
});

test('non-canonical elements, other versions, a set reserved byte and trailing bytes are format errors', () => {
  const withU64 = (at: number, value: bigint) => {
    const b = fixture.slice();
    new DataView(b.buffer).setBigUint64(at, value, true);
    return b;
  };
  // The public value p (≡ 0) and 2^64 − 1 are not canonical.
  for (const bad of [P, 2n ** 64n - 1n]) {
    const r = verify(testSystem, withU64(24, bad), FIXTURE_PARAMS);
    assert.match(why(r), /^format: .*not canonical/);
  }
  // A non-canonical element deep inside (in the first instance's openings).
  assert.match(why(verify(testSystem, withU64(41 + 32 + 32 + 24 + 32 + 8, P + 5n), FIXTURE_PARAMS)), /^format: instance 0: openings: .*not canonical/);
  const v2 = fixture.slice();
  v2[8] = 2;
  assert.match(why(verify(testSystem, v2, FIXTURE_PARAMS)), /^format: proof format version 2/);
  const reserved = fixture.slice();
  reserved[17] = 1;
  assert.match(why(verify(testSystem, reserved, FIXTURE_PARAMS)), /^format: params: the reserved byte/);
  const longer = new Uint8Array(fixture.length + 1);
  longer.set(fixture);
  assert.match(why(verify(testSystem, longer, FIXTURE_PARAMS)), /^format: 1 bytes after the last instance/);
  const magic = fixture.slice();
  magic[0] = 0;
  assert.match(why(verify(testSystem, magic, FIXTURE_PARAMS)), /^format: not a zisk-ts proof/);
  // A logRows above the verifier's bound is refused before any work.
  const tall = fixture.slice();
  tall[40] = 30;
  assert.match(why(verify(testSystem, tall, FIXTURE_PARAMS)), /^format: instance 0: ByteTable: 2\^30 rows is above the verifier's bound 2\^24/);
  tall[40] = 32;
  assert.match(why(verify(testSystem, tall, FIXTURE_PARAMS, {}, { maxLogRows: 40 })), /^format: instance 0: ByteTable: 2\^32 rows with blowup 2\^1 exceed the largest domain 2\^32/);
  tall[40] = 7;
  assert.match(why(verify(testSystem, tall, FIXTURE_PARAMS)), /^format: instance 0: ByteTable is a table of 2\^8 rows, the proof says 2\^7/);
});

// The long version of the random-mutation test: 20 000 mutations of the golden fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { verify, type VerifyResult } from './index.js';
import { FIXTURE_FILE, FIXTURE_PARAMS } from './fixtures/fixture.js';
import { testSystem } from './test-support/examples.js';
import { mutate, prng } from './test-support/mutate.js';

test('20 000 random mutations of the golden proof: all rejected with a reason, none throws', () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE_FILE));
  assert.ok(verify(testSystem, bytes, FIXTURE_PARAMS).ok);
  const rand = prng(77);
  const counts: Record<string, number> = {};
  for (let i = 0; i < 20_000; i++) {
    const m = mutate(bytes, rand);
    let r: VerifyResult | undefined;
    assert.doesNotThrow(() => {
      r = verify(testSystem, m.bytes, FIXTURE_PARAMS);
    });
    assert.equal(r!.ok, false, `${m.kind} #${i} was accepted`);
    if (!r!.ok) {
      assert.notEqual(r!.check, 'internal', `${m.kind} #${i}: ${r!.message}`);
      counts[r!.check] = (counts[r!.check] ?? 0) + 1;
    }
  }
  console.log(`# rejections by check: ${JSON.stringify(counts)}`);
});

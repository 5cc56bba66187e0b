import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestToBigints } from '../hash/index.js';
import { clearSetupCache, fixedSetup } from '../stark/index.js';
import { FIXED_KEYS } from './fixed-keys.js';
import { fixedKeyTargets } from './fixed-keys-gen.js';
import { zkvmSystem } from './system.js';

const system = zkvmSystem();
const { airs, shapes } = fixedKeyTargets(system);

test('every table with fixed columns has a shipped key for every profile', () => {
  for (const air of airs) {
    for (const s of shapes) {
      const k = FIXED_KEYS.find((k) => k.air === air.name && k.logBlowup === s.logBlowup && k.merkleArity === s.merkleArity);
      assert.ok(k, `no key for ${air.name} at blowup 2^${s.logBlowup}, arity ${s.merkleArity}: run npx tsx scripts/generate-fixed-keys.ts`);
      assert.equal(k.logRows, air.logRows);
    }
  }
  assert.equal(FIXED_KEYS.length, airs.length * shapes.length, 'no stale keys');
});

// The small tables are recomputed here; BinaryTable (2^17 rows × 71 columns) in the slow suite.
test('the shipped keys of the small tables are their recomputed roots', async () => {
  for (const air of airs.filter((a) => a.logRows! <= 16)) {
    for (const k of FIXED_KEYS.filter((k) => k.air === air.name)) {
      const params = shapes.find((s) => s.logBlowup === k.logBlowup && s.merkleArity === k.merkleArity)!;
      clearSetupCache(air);
      const setup = (await fixedSetup(air, k.logRows, params))!;
      assert.deepEqual(digestToBigints(setup.root), [...k.root], `${air.name}: regenerate with npx tsx scripts/generate-fixed-keys.ts`);
    }
  }
});

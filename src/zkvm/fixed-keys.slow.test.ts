import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../parallel/index.js';
import { FIXED_KEYS } from './fixed-keys.js';
import { computeFixedKeys } from './fixed-keys-gen.js';
import { zkvmSystem } from './system.js';

test('every shipped key is its table\'s recomputed root', async () => {
  const pool = new WorkerPool();
  try {
    const keys = await computeFixedKeys(zkvmSystem(), pool);
    assert.deepEqual(keys.map((k) => ({ ...k, root: [...k.root] })), FIXED_KEYS.map((k) => ({ ...k, root: [...k.root] })));
  } finally {
    await pool.close();
  }
});

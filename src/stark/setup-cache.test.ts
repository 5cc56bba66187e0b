import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILES, SHIFT } from '../fri/index.js';
import { digestEquals } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import { commit } from '../merkle/index.js';
import { lde } from '../ntt/index.js';
import { loadCachedLevels, setupCacheDir, storeCachedLevels, type SetupCacheKey } from './setup-cache.js';
import { clearSetupCache, fixedSetup } from './setup.js';
import { byteTableAir } from './test-support/examples.js';

const params = PROFILES.test.params;
let dir = '';
const saved = { dir: process.env['ZISK_TS_CACHE_DIR'], on: process.env['ZISK_TS_CACHE'] };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'zisk-ts-setup-cache-'));
  process.env['ZISK_TS_CACHE_DIR'] = dir;
  delete process.env['ZISK_TS_CACHE'];
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of [['ZISK_TS_CACHE_DIR', saved.dir], ['ZISK_TS_CACHE', saved.on]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A 2-column fixed matrix of 2^logRows rows, its LDE and the plain tree over the LDE. */
function example(logRows: number, seed: number) {
  const values = new Matrix(2, 2 ** logRows);
  for (let i = 0; i < values.data.length; i++) values.data[i] = i & 1 ? (i * seed) & 0x7fffffff : (i * 2654435761 + seed) >>> 0;
  const ext = lde(values, params.logBlowup, SHIFT, 'bit-reversed');
  const tree = commit(ext, { arity: params.merkleArity });
  const key: SetupCacheKey = { air: `Example/${seed}`, logRows, logBlowup: params.logBlowup, arity: params.merkleArity, values };
  return { values, ext, tree, key };
}

function onlyFile(prefix: string): string {
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix));
  assert.equal(files.length, 1, `one cache file for ${prefix}: ${files.join(', ')}`);
  return join(dir, files[0]!);
}

test('the cache directory: ZISK_TS_CACHE_DIR, and ZISK_TS_CACHE=0 turns it off', () => {
  assert.equal(setupCacheDir(), dir);
  process.env['ZISK_TS_CACHE'] = '0';
  try {
    assert.equal(setupCacheDir(), undefined);
    const { ext, tree, key } = example(5, 11);
    storeCachedLevels(key, ext.height, tree.levels);
    assert.equal(loadCachedLevels(key, ext), undefined);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('Example_11')), []);
  } finally {
    delete process.env['ZISK_TS_CACHE'];
  }
});

test('miss, then hit with the very levels stored; other content or parameters miss', () => {
  const { values, ext, tree, key } = example(6, 3);
  assert.equal(loadCachedLevels(key, ext), undefined);
  storeCachedLevels(key, ext.height, tree.levels);
  const got = loadCachedLevels(key, ext);
  assert.ok(got);
  assert.deepEqual(got, tree.levels.map((l) => l.slice()));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  // One changed fixed value, another blowup or another name: another key.
  const changed = new Matrix(values.width, values.height, values.data.slice());
  changed.data[10] = (changed.data[10]! + 1) >>> 0;
  assert.equal(loadCachedLevels({ ...key, values: changed }, ext), undefined);
  assert.equal(loadCachedLevels({ ...key, logBlowup: key.logBlowup + 1 }, ext), undefined);
  assert.equal(loadCachedLevels({ ...key, air: 'Other' }, ext), undefined);
});

test('a corrupted or truncated file is rejected and removed', () => {
  const { ext, tree, key } = example(6, 5);
  storeCachedLevels(key, ext.height, tree.levels);
  const file = onlyFile('Example_5');
  const good = readFileSync(file);
  for (const at of [0, 20, 100, good.length >> 1, good.length - 1]) {
    const bad = Buffer.from(good);
    bad[at]! ^= 0x10;
    writeFileSync(file, bad);
    assert.equal(loadCachedLevels(key, ext), undefined, `byte ${at} flipped`);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('Example_5')), [], 'the bad file is deleted');
  }
  writeFileSync(file, good.subarray(0, good.length - 40));
  assert.equal(loadCachedLevels(key, ext), undefined, 'truncated');
});

test('a well-formed file whose tree does not match the LDE (another hash, say) is rejected', () => {
  const { ext, tree, key } = example(6, 7);
  // The same shape with every digest changed, stored with a valid checksum.
  const other = tree.levels.map((l) => l.map((w) => w ^ 1));
  storeCachedLevels(key, ext.height, other);
  const file = onlyFile('Example_7');
  const bytes = readFileSync(file);
  const body = bytes.subarray(0, bytes.length - 32);
  assert.ok(createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.length - 32)), 'the checksum itself is valid');
  assert.equal(loadCachedLevels(key, ext), undefined);
});

test('fixedSetup: the tree from the disk cache equals the computed one, in every level', async () => {
  clearSetupCache(byteTableAir);
  const first = (await fixedSetup(byteTableAir, 8, params))!;
  const file = onlyFile('ByteTable');
  clearSetupCache(byteTableAir);
  const again = (await fixedSetup(byteTableAir, 8, params))!;
  assert.ok(digestEquals(first.root, again.root));
  assert.deepEqual(again.tree.levels, first.tree.levels);
  assert.deepEqual(readFileSync(file), readFileSync(onlyFile('ByteTable')));
  // A corrupted file: recomputed, the same tree, and the file rewritten good.
  const bytes = readFileSync(file);
  bytes[bytes.length >> 1]! ^= 1;
  writeFileSync(file, bytes);
  clearSetupCache(byteTableAir);
  const third = (await fixedSetup(byteTableAir, 8, params))!;
  assert.deepEqual(third.tree.levels, first.tree.levels);
  assert.ok(!readFileSync(onlyFile('ByteTable')).equals(bytes));
  clearSetupCache(byteTableAir);
});

// Faults: workers killed (SIGKILL) in the middle of a stage-1 job and of a stage-2 job, and a worker
// returning a corrupted instance proof; the proof still completes and verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { verifyProof } from '../zkvm/index.js';
import { proveDistributed } from './index.js';
import { startRedis, type TestRedis } from './test-support/redis.js';
import { guest, guestInput, SMALL, spawnWorkers, stopAll, type Spawned } from './test-support/processes.js';

const elf = guest('sort');
const input = guestInput('sort', 'small');
let redis: TestRedis;
let workers: Spawned[] = [];
before(async () => {
  redis = await startRedis();
});
after(async () => {
  await stopAll(workers);
  await redis.stop();
});

test('workers killed mid stage 1 and mid stage 2, and a corrupted instance proof: the proof completes and verifies', async () => {
  // The test hooks (worker.ts): die in the first job of a stage, after its work, before its result
  // is stored; flip a byte of the first instance proof. The fourth worker is sound.
  workers = await spawnWorkers(redis.url, 'faults', [{ ZISK_TEST_DIE_AT: 's1' }, { ZISK_TEST_DIE_AT: 's2' }, { ZISK_TEST_CORRUPT: 's2' }, {}], 3000);
  const logs: string[] = [];
  const d = await proveDistributed(elf, { ...SMALL, input, redis: { url: redis.url }, queue: 'faults', jobId: 'faulty', log: (l) => logs.push(l) });
  const v = verifyProof(d.proof, { elf, security: 'test' });
  assert.equal(v.ok, true, v.ok ? '' : `${v.check}: ${v.message}`);

  assert.equal(await workers[0]!.exited, 'SIGKILL', 'the first worker died in stage 1');
  assert.equal(await workers[1]!.exited, 'SIGKILL', 'the second worker died in stage 2');
  const c = new Redis(redis.url);
  const runs = await c.hgetall('zisk:faults:faulty:runs');
  c.disconnect();
  const rerun = (stage: string) => Object.entries(runs).filter(([k, n]) => k.startsWith(`${stage}:`) && Number(n) > 1).length;
  assert.ok(rerun('s1') >= 1, `a stage-1 job was run again: ${JSON.stringify(runs)}`);
  assert.ok(rerun('s2') >= 1, `a stage-2 job was run again: ${JSON.stringify(runs)}`);

  assert.equal(d.rejected.length, 1, `one instance proof rejected: ${logs.join('\n')}`);
  assert.match(logs.join('\n'), /rejected the proof of instance \d+/);
});

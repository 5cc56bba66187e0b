// A proof made by a coordinator and three worker processes, compared with the single-machine proof
// of the same job; then a coordinator killed mid-proof and resumed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { proveElf, verifyProof } from '../zkvm/index.js';
import { proveDistributed, jobStatus } from './index.js';
import { startRedis, type TestRedis } from './test-support/redis.js';
import { guest, guestInput, SMALL, SMALL_ARGS, spawnCli, spawnWorkers, stopAll, type Spawned } from './test-support/processes.js';

const elf = guest('sort');
const input = guestInput('sort', 'small');
let redis: TestRedis;
let workers: Spawned[] = [];
before(async () => {
  redis = await startRedis();
  workers = await spawnWorkers(redis.url, 'proofs', [{}, {}, {}]);
});
after(async () => {
  await stopAll(workers);
  await redis.stop();
});

test('a coordinator and three worker processes make a proof that verifies, byte for byte the single-machine proof', async () => {
  const phases = new Set<string>();
  let maxWorkers = 0;
  const d = await proveDistributed(elf, {
    ...SMALL,
    input,
    redis: { url: redis.url },
    jobId: 'three',
    onProgress: (p) => {
      phases.add(p.phase);
      maxWorkers = Math.max(maxWorkers, p.workers);
    },
  });
  const v = verifyProof(d.proof, { elf, security: 'test' });
  assert.equal(v.ok, true, v.ok ? '' : `${v.check}: ${v.message}`);
  assert.deepEqual([...phases], ['execute', 'count', 'stage1', 'stage2']);
  assert.equal(maxWorkers, 3);
  assert.equal(d.rejected.length, 0);
  assert.ok(d.bytes.workersRead > 0 && d.bytes.coordinatorWritten > 0);

  const single = await proveElf(elf, { ...SMALL, input, workers: 1 });
  assert.equal(verifyProof(single.proof, { elf, security: 'test' }).ok, true);
  assert.ok(Buffer.from(single.proof).equals(Buffer.from(d.proof)), 'the distributed proof equals the single-machine proof');

  const c = new Redis(redis.url);
  const s = await jobStatus(c, 'proofs', 'three');
  c.disconnect();
  assert.equal(s.phase, 'done');
  assert.equal(Object.values(s.stage2).reduce((n, e) => n + e.done, 0), d.instances.length);
  assert.ok(s.workers.length >= 3);
});

test('a coordinator killed during stage 2 and restarted with --resume completes without redoing finished instances', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zisk-dist-'));
  const elfPath = join(dir, 'sort.elf');
  const inputPath = join(dir, 'input.bin');
  writeFileSync(elfPath, elf);
  writeFileSync(inputPath, input);
  const args = ['prove', '-e', elfPath, '-i', inputPath, '-o', join(dir, 'proof.bin'), ...SMALL_ARGS, '--redis', redis.url, '--job-id', 'resumed'];
  const coordinator = spawnCli(args);
  const c = new Redis(redis.url);
  const s2 = 'zisk:proofs:resumed:s2';
  const deadline = Date.now() + 120_000;
  while ((await c.hlen(s2)) < 4) {
    assert.ok(Date.now() < deadline, `stage 2 did not start: ${coordinator.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  coordinator.child.kill('SIGKILL');
  assert.equal(await coordinator.exited, 'SIGKILL');
  const doneS1 = await c.hkeys('zisk:proofs:resumed:s1');
  const doneS2 = await c.hkeys(s2);
  const runsBefore = await c.hgetall('zisk:proofs:resumed:runs');

  const r = await proveDistributed(elf, { ...SMALL, input, redis: { url: redis.url }, jobId: 'resumed', resume: true });
  assert.equal(r.resumed, true);
  assert.equal(verifyProof(r.proof, { elf, security: 'test' }).ok, true);
  const runsAfter = await c.hgetall('zisk:proofs:resumed:runs');
  c.disconnect();
  assert.equal(doneS1.length, r.instances.length, 'stage 1 was complete when the coordinator died');
  for (const id of doneS1) assert.equal(runsAfter[`s1:${id}`], runsBefore[`s1:${id}`], `stage 1 of instance ${id} was not redone`);
  for (const id of doneS2) assert.equal(runsAfter[`s2:${id}`], runsBefore[`s2:${id}`], `stage 2 of instance ${id} was not redone`);
  assert.equal(r.seconds.execute + r.seconds.count < 1, true, 'the fast run and the plan came from Redis');
});

// Distributed proving without proofs: message checks, Redis unreachable or refusing the password,
// and workers refusing jobs they were not made for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { checkJobData, MessageError, parseRedisUrl, proveDistributed, RedisUnavailableError, startWorker } from './index.js';
import { checkCounts, checkMultiplicities, toSparse } from './messages.js';
import { decodeBlob, encodeBlob } from './store.js';
import { startRedis, type TestRedis } from './test-support/redis.js';
import { guest, guestInput, SMALL } from './test-support/processes.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test('job data is checked field by field', () => {
  const ok = { v: 1, job: 'j1', nonce: 'abcd', kind: 's1', index: 3 };
  assert.deepEqual(checkJobData('s1', ok), ok);
  const bad: [string, unknown, RegExp][] = [
    ['s1', { ...ok, v: 2 }, /version 2/],
    ['s1', { ...ok, job: '../x' }, /job data.job/],
    ['s1', { ...ok, kind: 'eval' }, /kind must be one of/],
    ['s2', ok, /named 's2' carries a 's1'/],
    ['s1', { ...ok, index: -1 }, /index/],
    ['s1', { ...ok, extra: 1 }, /unknown field 'extra'/],
    ['s1', null, /must be an object/],
  ];
  for (const [name, data, re] of bad) assert.throws(() => checkJobData(name, data), (e: Error) => e instanceof MessageError && re.test(e.message));
});

test('multiplicities travel sparse and are checked: table names, whole counts, rows in order, one length per table', () => {
  const dense = new Float64Array(16);
  dense[3] = 2;
  dense[9] = 1;
  const sparse = toSparse(new Map([['BinaryTable', dense]]));
  assert.equal(sparse.get('BinaryTable')!.rows.length, 2);
  const back = checkMultiplicities(decodeBlob(encodeBlob(sparse), 'm'), new Set(['BinaryTable']), new Map(), 'm');
  assert.deepEqual(back.get('BinaryTable'), dense);
  const lengths = new Map([['BinaryTable', 8]]);
  assert.throws(() => checkMultiplicities(sparse, new Set(['BinaryTable']), lengths, 'm'), /16 rows, other instances 8/);
  assert.throws(() => checkMultiplicities(sparse, new Set(['RangeTable']), new Map(), 'm'), /not a table of the plan/);
  const frac = new Map([['BinaryTable', { length: 4, rows: Uint32Array.of(1), counts: Float64Array.of(0.5) }]]);
  assert.throws(() => checkMultiplicities(frac, new Set(['BinaryTable']), new Map(), 'm'), /is not a count/);
  const unordered = new Map([['BinaryTable', { length: 4, rows: Uint32Array.of(2, 1), counts: Float64Array.of(1, 1) }]]);
  assert.throws(() => checkMultiplicities(unordered, new Set(['BinaryTable']), new Map(), 'm'), /must increase/);
  assert.throws(() => checkCounts([[{ chunk: 5, data: 0 }]], 1, [0, 4]), /not a chunk of 0‥3/);
});

test('a blob of another format version is refused', () => {
  const b = encodeBlob({ a: 1 });
  b[3] = 99;
  assert.throws(() => decodeBlob(b, 'x'), /not a value of this format version/);
});

test('Redis URLs: loopback by default, the password from the URL', () => {
  assert.deepEqual(parseRedisUrl('redis://127.0.0.1:7000/2'), { host: '127.0.0.1', port: 7000, db: 2 });
  assert.equal(parseRedisUrl('redis://:s3cret@10.0.0.5').password, 's3cret');
  assert.throws(() => parseRedisUrl('http://x'), /redis:\/\//);
});

test('an unreachable Redis is a one-line error, not a hang', async () => {
  const port = await unusedPort();
  const t0 = performance.now();
  await assert.rejects(
    proveDistributed(guest('sort'), { ...SMALL, redis: { url: `redis://127.0.0.1:${port}`, giveUpMs: 1000 } }),
    (e: Error) => e instanceof RedisUnavailableError && e.message.includes(`cannot reach Redis at redis://127.0.0.1:${port}`),
  );
  await assert.rejects(startWorker({ redis: { url: `redis://127.0.0.1:${port}`, giveUpMs: 1000 } }), RedisUnavailableError);
  assert.ok(performance.now() - t0 < 10_000);
});

test('a Redis with a password refuses clients without it, with a message that says so', async () => {
  const secured = await startRedis(['--requirepass', 'p4ss']);
  try {
    await assert.rejects(startWorker({ redis: { url: secured.url, giveUpMs: 1000 } }), /refused the password|NOAUTH/);
    const w = await startWorker({ redis: { url: secured.url, password: 'p4ss' } });
    await w.close();
  } finally {
    await secured.stop();
  }
});

test('a worker fails malformed jobs at once, without retrying them', async () => {
  const w = await startWorker({ redis: { url: redis.url }, queue: 'strict' });
  const { port } = parseRedisUrl(redis.url);
  const queue = new Queue('zisk-strict', { connection: { port } });
  const events = new QueueEvents('zisk-strict', { connection: { port } });
  try {
    await events.waitUntilReady();
    const job = await queue.add('s1', { v: 1, job: 'nope', nonce: 'n', kind: 's1', index: 0, code: 'x' }, { attempts: 3 });
    await job.waitUntilFinished(events).then(
      () => assert.fail('the job should fail'),
      (e: Error) => assert.match(e.message, /unknown field 'code'/),
    );
    const failed = await queue.getJob(job.id!);
    assert.equal(failed!.attemptsMade, 1);
    // Data of a job id the store does not hold: fails as well (no meta in Redis), without retry.
    const job2 = await queue.add('s1', { v: 1, job: 'missing', nonce: 'n', kind: 's1', index: 0 }, { attempts: 3 });
    await job2.waitUntilFinished(events).then(
      () => assert.fail('the job should fail'),
      (e: Error) => assert.match(e.message, /format version missing/),
    );
  } finally {
    await events.close();
    await queue.close();
    await w.close();
  }
});

test('Redis going away during a proof ends the coordinator and the workers with an error naming it', async () => {
  const doomed = await startRedis();
  const w = await startWorker({ redis: { url: doomed.url, giveUpMs: 1000 }, queue: 'idle' });
  // No worker on the coordinator's queue: it waits for its count jobs until Redis goes away.
  let counting!: () => void;
  const waiting = new Promise<void>((r) => (counting = r));
  const proving = proveDistributed(guest('sort'), {
    ...SMALL,
    input: guestInput('sort', 'small'),
    redis: { url: doomed.url, giveUpMs: 1000 },
    queue: 'nobody',
    onProgress: (p) => p.phase === 'count' && counting(),
  });
  proving.catch(() => {});
  await waiting;
  await doomed.stop();
  const t0 = performance.now();
  await assert.rejects(proving, (e: Error) => e instanceof RedisUnavailableError && e.message.includes(doomed.url));
  await assert.rejects(w.done, (e: Error) => e instanceof RedisUnavailableError && e.message.includes(doomed.url));
  assert.ok(performance.now() - t0 < 15_000);
});

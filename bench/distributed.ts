// Distributed proving on this machine: the same proof with 1, 2 and 4 worker processes, and the
// coordinator's own overhead (its CPU time, and the bytes moved through Redis per step).
//   npm run bench -- distributed
//   DIST_PROGRAM=sha256 DIST_INPUT=small DIST_WORKERS=1,2,4 DIST_SECURITY=test npm run bench -- distributed
//   DIST_BASELINE=0: without the single-machine proof (one thread, in this process) it is compared with
// Each worker count gets fresh worker processes; a first proof warms them up (every process
// computes the tables' fixed columns once), the second is measured.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { proveDistributed } from '../src/distributed/index.js';
import { proveElf, verifyProof } from '../src/zkvm/index.js';
import { emit } from './_util.js';

const program = process.env.DIST_PROGRAM ?? 'sha256';
const inputName = process.env.DIST_INPUT ?? 'small';
const counts = (process.env.DIST_WORKERS ?? '1,2,4').split(',').filter(Boolean).map(Number);
const baseline = process.env.DIST_BASELINE !== '0';
const security = (process.env.DIST_SECURITY ?? 'test') as 'test' | 'standard';
const elf = new Uint8Array(readFileSync(new URL(`../guest/elf/${program}.elf`, import.meta.url)));
const input = new Uint8Array(readFileSync(new URL(`../guest/inputs/${program}/${inputName}.bin`, import.meta.url)));
const options = { security, chunkSize: 1 << 12, logRows: { Main: 12, Mem: 12, Binary: 12, BinaryAdd: 12 } };

if (spawnSync('redis-server', ['--version']).error) {
  console.error('redis-server is not installed: apt-get install -y redis-server');
  process.exit(1);
}
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const url = `redis://127.0.0.1:${port}`;
const redis = new Redis(url, { retryStrategy: (n) => (n > 50 ? null : 100) });
redis.on('error', () => {}); // until the server listens
await redis.ping();

async function workers(n: number, queue: string): Promise<ChildProcess[]> {
  const ps = Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', 'bench/_cli.ts', 'worker', '--redis', url, '--queue', queue, '--quiet'], { stdio: 'inherit' }),
  );
  while ((await redis.hlen(`zisk:${queue}:workers`)) < n) await new Promise((r) => setTimeout(r, 100));
  return ps;
}

try {
  if (baseline) {
    for (const round of ['warm-up', 'measured']) {
      const t0 = performance.now();
      const r = await proveElf(elf, { ...options, input, workers: 1 });
      const seconds = (performance.now() - t0) / 1000;
      console.error(`single machine, one thread, ${round}: ${seconds.toFixed(1)} s`);
      if (round === 'measured') {
        emit({ name: `distributed/single-machine/${program}`, value: Math.round(seconds * 100) / 100, unit: 's', n: 1, program, input: inputName, steps: r.steps, instances: r.instances.length, workers: 0, security, stepsPerSecond: Math.round(r.steps / seconds), phases: r.seconds });
      }
    }
  }
  for (const n of counts) {
    const queue = `bench${n}`;
    const ps = await workers(n, queue);
    try {
      for (const round of ['warm-up', 'measured']) {
        const t0 = performance.now();
        const r = await proveDistributed(elf, { ...options, input, redis: { url }, queue, jobId: `${queue}-${round}` });
        const seconds = (performance.now() - t0) / 1000;
        if (!verifyProof(r.proof, { elf, security }).ok) throw new Error('the proof does not verify');
        console.error(`${n} workers, ${round}: ${seconds.toFixed(1)} s, ${r.instances.length} instances, phases ${JSON.stringify(r.seconds)}`);
        if (round === 'warm-up') continue;
        const bytes = r.bytes.coordinatorRead + r.bytes.coordinatorWritten + r.bytes.workersRead + r.bytes.workersWritten;
        const base = { program, input: inputName, steps: r.steps, instances: r.instances.length, chunks: r.chunks, workers: n, security };
        emit({
          name: `distributed/prove/${program}`,
          value: Math.round(seconds * 100) / 100,
          unit: 's',
          n: 1,
          ...base,
          stepsPerSecond: Math.round(r.steps / seconds),
          phases: r.seconds,
          coordinatorCpuSeconds: Math.round(r.coordinatorCpuSeconds * 100) / 100,
          checkMsPerInstance: Math.round((r.checkSeconds * 1000) / r.instances.length),
        });
        emit({ name: `distributed/redis-bytes/${program}`, value: bytes, unit: 'bytes', n: 1, ...base, bytesPerStep: Math.round(bytes / r.steps), bytesPerInstance: Math.round(bytes / r.instances.length), ...r.bytes });
      }
    } finally {
      for (const p of ps) p.kill('SIGTERM');
      await Promise.all(ps.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    }
  }
} finally {
  redis.disconnect();
  server.kill('SIGTERM');
}

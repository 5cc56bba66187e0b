/** Worker and coordinator processes for the distributed tests, run from the TypeScript sources. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { ProveOptions } from '../../zkvm/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cliEntry = fileURLToPath(new URL('./cli.ts', import.meta.url));

export interface Spawned {
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** `zisk-ts <args>` in a child process, with extra environment variables (test hooks). */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stderr: () => err, exited };
}

/** Starts `count` workers on `queue` and waits until each has registered. */
export async function spawnWorkers(url: string, queue: string, envs: readonly Record<string, string>[], lockMs = 6000): Promise<Spawned[]> {
  const redis = new Redis(url);
  const before = Object.keys(await redis.hgetall(`zisk:${queue}:workers`)).length;
  const workers = envs.map((env) => spawnCli(['worker', '--redis', url, '--queue', queue, '--lock-ms', String(lockMs)], env));
  const deadline = Date.now() + 60_000;
  while (Object.keys(await redis.hgetall(`zisk:${queue}:workers`)).length < before + envs.length) {
    if (Date.now() > deadline) throw new Error(`workers did not start: ${workers.map((w) => w.stderr()).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  redis.disconnect();
  return workers;
}

export async function stopAll(processes: readonly Spawned[]): Promise<void> {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => p.exited));
}

export { guestElf as guest, guestInput } from '../../zkvm/test-support/examples.js';

/** Small instances (as the zkvm tests use), so that a proof has several instances per AIR. */
export const SMALL = {
  security: 'test',
  chunkSize: 256,
  logRows: { Main: 9, Mem: 8, MemAlign: 6, Binary: 8, BinaryAdd: 8, BinaryExtension: 6, Arith: 5, InputData: 5, RomData: 5, MemAlignStraddle: 4 },
} as const satisfies ProveOptions;

/** The same options as CLI arguments. */
export const SMALL_ARGS: readonly string[] = ['--security', 'test', '--chunk-size', '256', ...Object.entries(SMALL.logRows).flatMap(([k, v]) => ['--rows', `${k}=${v}`])];

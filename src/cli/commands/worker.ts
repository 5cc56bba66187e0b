import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseArgs } from '../args.js';
import { describeRedis, startWorker } from '../../distributed/index.js';

const help = `usage: zisk-ts worker --redis URL [--queue NAME] [--concurrency N] [--threads N]
                      [--lock-ms MS] [--job-timeout S] [--cache-mb MB] [--redis-password PW] [--quiet]

Takes proving jobs from a queue on Redis and runs them until stopped (Ctrl-C): counting chunks, and
building, committing and proving instances of the proofs that \`zisk-ts prove --redis\` coordinates.
Start any number, on any machines that reach the Redis server.

      --redis URL          redis://HOST:PORT (loopback by default; a password can be in the URL)
      --queue NAME         the job queue (default proofs); jobs of other queues are never seen
      --concurrency N      jobs at once (default 1)
      --threads N          threads of this worker's pool (default 1; start one worker per core)
      --lock-ms MS         how long a job's lock lasts without renewal; a worker that dies has its
                           job retried elsewhere after this (default 60000)
      --job-timeout S      a job running longer is abandoned and retried (default 1800)
      --cache-mb MB        stage-1 results kept for this worker's own stage-2 jobs (default 1024;
                           0: stage-2 jobs rebuild their instance, as on another worker)
      --redis-password PW  or ZISK_REDIS_PASSWORD
      --quiet              no line per job on stderr`;

export const worker: Command = {
  name: 'worker',
  summary: 'take proving jobs from a Redis queue (distributed proving)',
  help,
  async run(argv) {
    const a = parseArgs(argv, [
      { names: ['--redis'], kind: 'string' },
      { names: ['--queue'], kind: 'string' },
      { names: ['--concurrency'], kind: 'count' },
      { names: ['--threads'], kind: 'count' },
      { names: ['--lock-ms'], kind: 'count' },
      { names: ['--cache-mb'], kind: 'string' },
      { names: ['--job-timeout'], kind: 'count' },
      { names: ['--redis-password'], kind: 'string' },
      { names: ['--quiet'], kind: 'flag' },
    ]);
    const url = a.strings.get('--redis');
    if (!url) throw new UsageError('missing --redis URL');
    const quiet = a.flags.has('--quiet');
    const timeout = a.counts.get('--job-timeout');
    const redis = { url, password: a.strings.get('--redis-password') };
    const cacheMb = a.strings.get('--cache-mb');
    if (cacheMb !== undefined && !/^\d+$/.test(cacheMb)) throw new UsageError(`--cache-mb must be a whole number of MiB, got '${cacheMb}'`);
    const w = await startWorker({
      redis,
      queue: a.strings.get('--queue'),
      concurrency: a.counts.get('--concurrency'),
      threads: a.counts.get('--threads'),
      lockMs: a.counts.get('--lock-ms'),
      cacheBytes: cacheMb === undefined ? undefined : Number(cacheMb) * 1048576,
      jobTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
      log: quiet ? undefined : (line) => console.error(line),
    });
    console.error(`worker ${w.id} on ${describeRedis(redis)}, queue ${a.strings.get('--queue') ?? 'proofs'}`);
    const stop = () => void w.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await w.done;
    return 0;
  },
};

import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseArgs } from '../args.js';
import { connectRedis, jobStatus, listJobs } from '../../distributed/index.js';
import { describeAirs } from './prove-distributed.js';

const help = `usage: zisk-ts status --redis URL [--job-id ID] [--queue NAME] [--redis-password PW] [--json]

The state of a distributed proof job: its phase, per AIR the instances done in stage 1 and stage 2
(and running), instance proofs rejected, bytes moved through Redis, and the workers seen. Without
--job-id, lists the queue's jobs.`;

export const status: Command = {
  name: 'status',
  summary: 'the state of a distributed proof job on Redis',
  help,
  async run(argv) {
    const a = parseArgs(argv, [
      { names: ['--redis'], kind: 'string' },
      { names: ['--job-id'], kind: 'string' },
      { names: ['--queue'], kind: 'string' },
      { names: ['--redis-password'], kind: 'string' },
      { names: ['--json'], kind: 'flag' },
    ]);
    const url = a.strings.get('--redis');
    if (!url) throw new UsageError('missing --redis URL');
    const queue = a.strings.get('--queue') ?? 'proofs';
    const redis = await connectRedis({ url, password: a.strings.get('--redis-password') });
    try {
      const id = a.strings.get('--job-id');
      if (id === undefined) {
        const jobs = await listJobs(redis, queue);
        if (a.flags.has('--json')) console.log(JSON.stringify({ queue, jobs }));
        else console.log(jobs.length ? jobs.join('\n') : `no jobs on queue ${queue}`);
        return 0;
      }
      const s = await jobStatus(redis, queue, id);
      if (a.flags.has('--json')) {
        console.log(JSON.stringify(s, null, 2));
        return s.phase === undefined ? 1 : 0;
      }
      if (s.phase === undefined) {
        console.error(`no job ${id} on queue ${queue}`);
        return 1;
      }
      const lines = [
        `job ${id}: ${s.phase}${s.steps !== undefined ? `, ${s.steps.toLocaleString('en-US')} steps` : ''}${s.chunks !== undefined ? `, ${s.chunks} chunks` : ''}${s.instances !== undefined ? `, ${s.instances} instances` : ''}`,
        `stage 1: ${describeAirs(s.stage1) || '-'}`,
        `stage 2: ${describeAirs(s.stage2) || '-'}`,
        `instance proofs rejected: ${s.rejected}`,
        `through Redis: ${Object.entries(s.bytes).map(([k, v]) => `${k} ${(v / 1e6).toFixed(2)} MB`).join(', ') || '-'}`,
        `workers: ${s.workers.length ? s.workers.map((w) => `${w.id} (${w.jobs} jobs, seen ${(w.ago / 1000).toFixed(0)} s ago)`).join(', ') : 'none seen'}`,
      ];
      console.log(lines.join('\n'));
      return 0;
    } finally {
      redis.disconnect();
    }
  },
};

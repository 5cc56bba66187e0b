/** `zisk-ts prove --redis URL`: this process coordinates a proof made by `zisk-ts worker` processes. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { describeRedis, proveDistributed, type DistributedOptions, type DistributedProgress } from '../../distributed/index.js';
import { ProgressReporter } from '../progress.js';

/** One line per AIR: queued/running/done. */
export function describeAirs(perAir: DistributedProgress['perAir']): string {
  return Object.entries(perAir)
    .map(([air, e]) => `${air} ${e.done}/${e.queued + e.running + e.done}${e.running ? ` (${e.running} running)` : ''}`)
    .join(', ');
}

export async function proveOnWorkers(elf: Uint8Array, out: string, json: boolean, options: DistributedOptions): Promise<number> {
  const progress = new ProgressReporter(process.stderr);
  let lastLine = 0;
  const tty = Boolean(process.stderr.isTTY);
  // The job id is chosen here when not given, so that it is printed before any work (for --resume).
  options = { ...options, jobId: options.jobId ?? randomBytes(6).toString('hex') };
  console.error(`coordinating job ${options.jobId} on ${describeRedis(options.redis)}, queue ${options.queue ?? 'proofs'}`);
  const t0 = performance.now();
  const r = await proveDistributed(elf, {
    ...options,
    log: (line) => {
      if (tty) process.stderr.write('\r\x1b[K');
      console.error(line);
    },
    onProgress: (p) => {
      progress.update(p.phase, p.done, p.total);
      // Off a terminal, a status line every 5 s: instances per AIR and the workers seen.
      const now = performance.now();
      if (!tty && p.phase.startsWith('stage') && now - lastLine > 5000) {
        lastLine = now;
        console.error(`${p.phase}: ${p.done}/${p.total} instances; ${describeAirs(p.perAir)}; ${p.workers} workers`);
      }
    },
  });
  progress.end();
  writeFileSync(out, r.proof);
  const seconds = (performance.now() - t0) / 1000;
  const bytes = r.bytes.coordinatorRead + r.bytes.coordinatorWritten + r.bytes.workersRead + r.bytes.workersWritten;
  const summary = {
    proof: out,
    jobId: r.jobId,
    resumed: r.resumed,
    proofBytes: r.proof.length,
    steps: r.steps,
    chunks: r.chunks,
    instances: r.instances.length,
    programId: r.programId,
    outputs: Array.from(r.outputs, (w) => w.toString(16).padStart(8, '0')),
    seconds: { ...r.seconds, total: seconds },
    coordinatorCpuSeconds: r.coordinatorCpuSeconds,
    checkSeconds: r.checkSeconds,
    redisBytes: r.bytes,
    rejected: r.rejected,
    securityBits: r.securityBits,
    params: r.params,
  };
  if (json) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  console.log(
    [
      `proved ${r.steps.toLocaleString('en-US')} steps on the workers of job ${r.jobId}${r.resumed ? ' (resumed)' : ''}`,
      `proof: ${out} (${(r.proof.length / 1024).toFixed(1)} KiB), ${r.params}`,
      `program id: ${r.programId}`,
      `instances: ${r.instances.length}; instance proofs rejected: ${r.rejected.length}`,
      `time: ${Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}; total ${seconds.toFixed(2)} s`,
      `coordinator CPU: ${r.coordinatorCpuSeconds.toFixed(2)} s; through Redis: ${(bytes / 1e6).toFixed(2)} MB`,
    ].join('\n'),
  );
  return 0;
}

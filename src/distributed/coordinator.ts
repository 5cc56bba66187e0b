/**
 * The coordinator of a distributed proof. It runs the fast pass, stores the ELF, the run and every
 * chunk's minimal trace in Redis, queues count jobs and plans from their counts, queues a stage-1
 * job per instance (state machines first; tables once their merged multiplicities are known),
 * draws the global challenges from all commitments, queues a stage-2 job per instance, checks every
 * instance proof as it arrives, and assembles and verifies the proof.
 *
 * Resumable: every step's results live in Redis under the job id, and each step queues only the
 * jobs whose results are missing, so a coordinator restarted with `resume` carries on from there.
 * Queued job ids carry a run nonce: a fresh start of the same job id makes the old jobs void.
 *
 * Trust: workers' results are checked for shape as they are read; an instance proof is decoded,
 * its commitment compared with the one the challenges were drawn from, and verified against the
 * global challenges before it is accepted (a rejected one is queued again, to any worker); the
 * assembled proof is verified in full before it is returned.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describePlan, minimalTraces, planExecution, programHash, TableMultiplicities, type ChunkCount, type ExecutorOptions } from '../executor/index.js';
import { encodeTrace } from '../emulator/index.js';
import { PROFILES, describeParams, securityBits } from '../fri/index.js';
import { splitRange } from '../parallel/index.js';
import { stateMachines } from '../sm/registry.js';
import { assembleProof, decodeInstanceProof, drawGlobalChallenges, verifyInstanceProof, type GlobalChallenges, type InstanceProof, type Stage1Commitment } from '../stark/index.js';
import { transpile } from '../transpiler/index.js';
import { defaultSystem, outputsToPublics } from '../zkvm/system.js';
import { programRoots, rootHex } from '../zkvm/program.js';
import { verifyProof, type SecurityProfile } from '../zkvm/verify.js';
import { connectRedis, redisOptions, unavailable, type RedisConfig } from './connection.js';
import { checkCommitment, checkCounts, checkMultiplicities, checkPlanDescriptors, checkRunInfo, commitmentsEqual, toSparse, type JobKind, type RunInfo } from './messages.js';
import { bullQueueName, checkName, DIST_VERSION, JobStore, jobsKey } from './store.js';
import { DEFAULT_QUEUE } from './worker.js';
import { Tracker, type DistributedProgress } from './progress.js';

export interface DistributedOptions {
  readonly redis: RedisConfig;
  readonly queue?: string | undefined;
  /** The job's id in Redis (default: a fresh random one). */
  readonly jobId?: string | undefined;
  /** Carry on with what Redis holds for `jobId` instead of starting over. */
  readonly resume?: boolean | undefined;
  readonly input?: Uint8Array | undefined;
  readonly security?: SecurityProfile | undefined;
  readonly chunkSize?: number | undefined;
  readonly logRows?: Readonly<Record<string, number>> | undefined;
  readonly maxSteps?: number | undefined;
  /** Chunks per count job (default 4). */
  readonly chunksPerCountJob?: number | undefined;
  /** Attempts per job before the proof fails (default 3). */
  readonly attempts?: number | undefined;
  /** Instance proofs of one instance rejected before the proof fails (default 3). */
  readonly maxRejections?: number | undefined;
  readonly pollMs?: number | undefined;
  readonly onProgress?: ((p: DistributedProgress) => void) | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export type DistributedPhase = 'execute' | 'count' | 'stage1' | 'stage2' | 'assemble';

export interface DistributedSummary {
  readonly jobId: string;
  readonly resumed: boolean;
  readonly proof: Uint8Array;
  readonly outputs: Uint32Array;
  readonly steps: number;
  readonly chunks: number;
  readonly programId: string;
  readonly instances: readonly { readonly air: string; readonly segment: number; readonly logRows: number }[];
  /** Wall-clock seconds per phase. */
  readonly seconds: Readonly<Record<DistributedPhase, number>>;
  /** CPU seconds the coordinator itself spent (its overhead; workers' time is not in it). */
  readonly coordinatorCpuSeconds: number;
  /** Seconds the coordinator spent checking instance proofs (decode, commitment, verification). */
  readonly checkSeconds: number;
  /** Bytes through Redis: read and written by the coordinator and by the workers, this run. */
  readonly bytes: { readonly coordinatorRead: number; readonly coordinatorWritten: number; readonly workersRead: number; readonly workersWritten: number };
  /** Instance proofs rejected before assembly. */
  readonly rejected: readonly { readonly globalId: number; readonly air: string; readonly reason: string }[];
  readonly securityBits: number;
  readonly params: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Uint8Array | undefined) => createHash('sha256').update(b ?? new Uint8Array()).digest('hex');
/** The largest instance proof read from a worker. */
const MAX_INSTANCE_PROOF = 64 * 1024 * 1024;

/** Proves `elf` on `options.input` with the workers of `options.queue`. */
export async function proveDistributed(elf: Uint8Array, options: DistributedOptions): Promise<DistributedSummary> {
  const queueName = checkName(options.queue ?? DEFAULT_QUEUE, 'queue');
  const jobId = checkName(options.jobId ?? randomBytes(6).toString('hex'), 'job id');
  const security = options.security ?? 'standard';
  const profile = PROFILES[security];
  if (!profile) throw new RangeError(`security must be one of ${Object.keys(PROFILES).join(', ')}`);
  const params = profile.params;
  const redis = await connectRedis(options.redis);
  const { lazyConnect: _lazy, ...bullOptions } = redisOptions(options.redis);
  const queue = new Queue(bullQueueName(queueName), { connection: bullOptions });
  queue.on('error', () => {});
  try {
    return await coordinate(elf, options, { redis, queue, queueName, jobId, security, params });
  } catch (e) {
    if (redis.status === 'end' || /Connection is closed|max retries|ECONNREFUSED/i.test((e as Error).message)) throw unavailable(options.redis, e);
    throw e;
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

interface Env {
  readonly redis: Redis;
  readonly queue: Queue;
  readonly queueName: string;
  readonly jobId: string;
  readonly security: SecurityProfile;
  readonly params: (typeof PROFILES)[SecurityProfile]['params'];
}

async function coordinate(elf: Uint8Array, options: DistributedOptions, env: Env): Promise<DistributedSummary> {
  const { redis, queue, jobId, security, params } = env;
  const cpu0 = process.cpuUsage();
  const store = new JobStore(redis, env.queueName, jobId);
  const system = defaultSystem();
  const rom = transpile(elf);
  const program = programHash(elf);
  const execOptions: ExecutorOptions = {
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
    ...(options.logRows !== undefined ? { logRows: options.logRows } : {}),
  };
  const fingerprint = { program, security, input: sha(options.input), options: JSON.stringify([options.chunkSize ?? null, options.logRows ?? null, options.maxSteps ?? null]) };
  const log = options.log ?? (() => {});
  const seconds: Record<DistributedPhase, number> = { execute: 0, count: 0, stage1: 0, stage2: 0, assemble: 0 };
  let t = performance.now();
  const lap = (p: DistributedPhase) => {
    const now = performance.now();
    seconds[p] += (now - t) / 1000;
    t = now;
  };

  // Fresh start or resume.
  const meta = await store.meta();
  let nonce: string;
  const resumed = Boolean(options.resume && meta['version']);
  if (resumed) {
    if (Number(meta['version']) !== DIST_VERSION) throw new Error(`job ${jobId} was made by format version ${meta['version']}; start it afresh (without --resume)`);
    for (const [k, v] of Object.entries(fingerprint)) {
      if (meta[k] !== v) throw new Error(`job ${jobId} in Redis is a proof of another ${k === 'options' ? 'set of options' : k}; resume it with the same ELF, input, security and options, or start afresh`);
    }
    nonce = meta['nonce']!;
    log(`resuming job ${jobId} from phase ${meta['phase']}`);
  } else {
    if (options.resume) log(`job ${jobId}: nothing in Redis to resume, starting afresh`);
    nonce = randomBytes(4).toString('hex');
    await store.clear();
    await store.setMeta({ version: DIST_VERSION, ...fingerprint, nonce, phase: 'execute', started: Date.now() });
    await store.putBytes('elf', elf);
    await redis.sadd(jobsKey(env.queueName), jobId);
  }
  const tracker = new Tracker(redis, store, env.queueName, options.onProgress);
  const jobs = new JobRunner(store, queue, nonce, tracker, options);

  // Execute, count, plan (skipped when the plan is already in Redis).
  let descriptors = await store.getValue('plan').then((v) => (v === undefined ? undefined : checkPlanDescriptors(v)));
  let run: RunInfo;
  if (descriptors) {
    run = checkRunInfo(await store.getValue('run'));
    lap('execute');
    lap('count');
  } else {
    tracker.phase('execute', 0, 1);
    const minimal = minimalTraces(rom, options.input, execOptions);
    const pipe = redis.pipeline();
    for (const tr of minimal.traces) {
      const b = encodeTrace(tr);
      store.bytesWritten += b.length;
      pipe.set(store.key(`trace:${tr.chunk}`), Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    }
    await pipe.exec();
    const chunks = minimal.traces.map((tr) => ({ chunk: tr.chunk, startStep: tr.startStep, steps: tr.steps, end: tr.end }));
    const ranges = splitRange(chunks.length, Math.ceil(chunks.length / (options.chunksPerCountJob ?? 4)));
    run = { steps: minimal.steps, outputs: minimal.outputs, chunkSize: minimal.chunkSize, chunks, ranges };
    await store.putValue('run', run);
    await store.setMeta({ phase: 'count', steps: run.steps, chunks: chunks.length });
    tracker.phase('execute', 1, 1);
    lap('execute');

    await jobs.run('count', ranges.map((_, i) => i), 'counts');
    const perRange = await Promise.all(ranges.map(async (r, i) => checkCounts(await store.fieldValue('counts', i), stateMachines.length, r)));
    const counts: ChunkCount<unknown>[][] = stateMachines.map((_, k) => perRange.flatMap((c) => c[k]!));
    const plan = planExecution(rom, minimal, counts, stateMachines, execOptions);
    descriptors = plan.instances.map(describePlan);
    await store.putValue('plan', descriptors);
    lap('count');
  }
  const plan = descriptors;
  tracker.setPlan(plan);
  await store.setMeta({ phase: 'stage1', instances: plan.length });

  // Stage 1: state machines' instances, then the tables from their merged multiplicities.
  const regular = plan.filter((d) => d.instanceType !== 'table').map((d) => d.globalId);
  const tableIds = plan.filter((d) => d.instanceType === 'table').map((d) => d.globalId);
  await jobs.run('s1', regular, 's1');
  const tableNames = new Set(plan.filter((d) => d.instanceType === 'table').map((d) => d.air));
  const lengths = new Map<string, number>();
  const merged = new TableMultiplicities();
  for (const id of regular) {
    merged.merge(checkMultiplicities(await store.fieldValue('mult', id), tableNames, lengths, `multiplicities of instance ${id}`));
  }
  await store.putValue('tables', toSparse(merged.toMap()));
  await jobs.run('s1', tableIds, 's1');
  const airIndex = (name: string) => system.airs.findIndex((a) => a.name === name);
  const commitments: Stage1Commitment[] = [];
  for (const [i, d] of plan.entries()) {
    const k = airIndex(d.air);
    commitments.push(checkCommitment(await store.fieldValue('s1', d.globalId), k, d.logRows, system.airs[k]?.airValueCount ?? 0, `stage-1 commitment of instance ${d.globalId} (plan[${i}])`));
  }
  await store.putValue('commitments', commitments);
  const publics = outputsToPublics(run.outputs);
  const global: GlobalChallenges = drawGlobalChallenges(system, params, publics, commitments);
  await store.setMeta({ phase: 'stage2' });
  lap('stage1');

  // Stage 2: every instance proof checked as it arrives.
  const indexOf = new Map(plan.map((d, i) => [d.globalId, i]));
  const accepted = new Map<number, InstanceProof>();
  const rejected: { globalId: number; air: string; reason: string }[] = [];
  let checkSeconds = 0;
  await jobs.run('s2', plan.map((d) => d.globalId), 's2', async (id) => {
    if (accepted.has(id)) return true;
    const i = indexOf.get(id)!;
    const bytes = await store.getField('s2', id, MAX_INSTANCE_PROOF);
    const tc = performance.now();
    const reason = ((): string | undefined => {
      if (!bytes) return 'missing';
      const dec = decodeInstanceProof(system, params, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (!dec.ok) return `malformed: ${dec.message}`;
      if (!commitmentsEqual(dec.value.commitment, commitments[i]!)) return 'its stage-1 commitment is not the recorded one';
      const v = verifyInstanceProof(system, params, global, i, dec.value);
      if (!v.ok) return `${v.check}: ${v.message}`;
      accepted.set(id, dec.value);
      return undefined;
    })();
    checkSeconds += (performance.now() - tc) / 1000;
    if (reason === undefined) return true;
    const d = plan[i]!;
    rejected.push({ globalId: id, air: d.air, reason });
    log(`rejected the proof of instance ${id} (${d.air} #${d.segment}): ${reason}`);
    await redis.hdel(store.key('s2'), String(id));
    const n = await redis.hincrby(store.key('rejected'), String(id), 1);
    if (n > (options.maxRejections ?? 3)) throw new Error(`instance ${id} (${d.air} #${d.segment}): ${n} proofs rejected, the last: ${reason}`);
    return false;
  });
  lap('stage2');

  const proof = assembleProof(system, params, publics, plan.map((d) => accepted.get(d.globalId)!));
  const verdict = verifyProof(proof, { elf, security });
  if (!verdict.ok) throw new Error(`the assembled proof does not verify (${verdict.check}: ${verdict.message})`);
  await store.setMeta({ phase: 'done', proofBytes: proof.length, finished: Date.now() });
  lap('assemble');
  const mine = { coordinatorRead: store.bytesRead, coordinatorWritten: store.bytesWritten };
  await store.flushStats('coordinator');
  tracker.end();
  const stats = await store.stats();
  const cpu = process.cpuUsage(cpu0);
  return {
    jobId,
    resumed,
    proof,
    outputs: run.outputs,
    steps: run.steps,
    chunks: run.chunks.length,
    programId: rootHex(programRoots(rom, params)['Rom']!),
    instances: plan.map((d) => ({ air: d.air, segment: d.segment, logRows: d.logRows })),
    seconds,
    coordinatorCpuSeconds: (cpu.user + cpu.system) / 1e6,
    checkSeconds,
    bytes: { ...mine, workersRead: stats['workersRead'] ?? 0, workersWritten: stats['workersWritten'] ?? 0 },
    rejected,
    securityBits: securityBits(params),
    params: describeParams(params),
  };
}

/**
 * Queues the jobs of one step whose results are missing and waits for all results. Results are
 * fields of `hash` keyed by index; `accept` (optional) checks a new one and may refuse it, which
 * queues that job again under a new attempt number.
 */
class JobRunner {
  private readonly attempt = new Map<string, number>();

  constructor(
    private readonly store: JobStore,
    private readonly queue: Queue,
    private readonly nonce: string,
    private readonly tracker: Tracker,
    private readonly options: DistributedOptions,
  ) {}

  private bullId(kind: JobKind, index: number): string {
    return `${this.store.job}.${this.nonce}.${kind}.${index}.${this.attempt.get(`${kind}:${index}`) ?? 0}`;
  }

  private async enqueue(kind: JobKind, indices: readonly number[]): Promise<void> {
    const jobs = [];
    for (const index of indices) {
      const id = this.bullId(kind, index);
      // A job that failed in an earlier run of this coordinator is given its attempts again.
      if ((await this.queue.getJobState(id)) === 'failed') await this.queue.remove(id);
      jobs.push({
        name: kind,
        data: { v: DIST_VERSION, job: this.store.job, nonce: this.nonce, kind, index },
        opts: { jobId: id, attempts: this.options.attempts ?? 3, removeOnComplete: true, removeOnFail: false },
      });
    }
    for (let i = 0; i < jobs.length; i += 500) await this.queue.addBulk(jobs.slice(i, i + 500));
  }

  async run(kind: JobKind, indices: readonly number[], hash: string, accept?: (index: number) => Promise<boolean>): Promise<void> {
    const done = new Set<number>();
    const wanted = new Set(indices);
    const check = async (present: Set<number>) => {
      for (const i of present) {
        if (done.has(i) || !wanted.has(i)) continue;
        if (!accept || (await accept(i))) done.add(i);
        else {
          this.attempt.set(`${kind}:${i}`, (this.attempt.get(`${kind}:${i}`) ?? 0) + 1);
          await this.enqueue(kind, [i]);
        }
      }
    };
    await check(await this.store.ids(hash));
    await this.enqueue(kind, indices.filter((i) => !done.has(i)));
    let lastStateCheck = performance.now();
    while (done.size < wanted.size) {
      await this.tracker.update(kind, indices, done);
      await sleep(this.options.pollMs ?? 100);
      await check(await this.store.ids(hash));
      if (performance.now() - lastStateCheck > 1000 && done.size < wanted.size) {
        lastStateCheck = performance.now();
        await this.checkFailures(kind, indices.filter((i) => !done.has(i)), hash);
      }
    }
    await this.tracker.update(kind, indices, done);
  }

  private checked = 0;

  /**
   * Fails the proof when a job used up its attempts; queues again a job that vanished. At most 64
   * jobs per call, in turn, so a step with thousands of instances costs Redis little per second.
   */
  private async checkFailures(kind: JobKind, missing: readonly number[], hash: string): Promise<void> {
    const start = this.checked % missing.length;
    const batch = [...missing.slice(start), ...missing.slice(0, start)].slice(0, 64);
    this.checked += batch.length;
    for (const index of batch) {
      const id = this.bullId(kind, index);
      const state = await this.queue.getJobState(id);
      if (state === 'failed') {
        const job = await this.queue.getJob(id);
        throw new Error(`${kind} job ${index} failed ${job?.attemptsMade ?? '?'} times, the last: ${job?.failedReason ?? 'unknown reason'}`);
      }
      if (state === 'unknown' && !(await this.store.redis.hexists(this.store.key(hash), String(index)))) await this.enqueue(kind, [index]);
    }
  }
}

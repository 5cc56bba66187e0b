/**
 * What a worker does with one job, from what Redis holds: a count job (one range of chunks), a
 * stage-1 job (one instance's witness and stage-1 commitment) or a stage-2 job (the same instance
 * rebuilt, its commitment checked against the recorded one, then its proof under the global
 * challenges). Workers are stateless between jobs: a stage-2 job may land on any worker, so it
 * recomputes the witness (deterministic) rather than trusting a cache.
 *
 * A worker loads only what its job needs: the ELF (checked against the program hash in meta), the
 * plan, and the minimal traces of the instance's chunks. Everything is validated as it is read.
 */
import type { AirInstance } from '../air/index.js';
import {
  checkDescriptor,
  restoreBuilt,
  restoreInstance,
  romOf,
  runCountJob,
  runWitnessJob,
  TableMultiplicities,
  type PlanDescriptor,
  type PlannedInstance,
} from '../executor/index.js';
import { PROFILES, type FriParams } from '../fri/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { checkPointChunks } from '../planner/index.js';
import { stateMachines } from '../sm/registry.js';
import {
  commitStage1,
  drawGlobalChallenges,
  encodeInstanceProof,
  proveInstance,
  starkInstance,
  type GlobalChallenges,
  type Stage1,
  type Stage1Commitment,
  type StarkSystem,
} from '../stark/index.js';
import type { ZiskRom } from '../zisk/index.js';
import { defaultSystem, outputsToPublics } from '../zkvm/system.js';
import { checkCommitment, checkMultiplicities, checkPlanDescriptors, toSparse, checkRunInfo, commitmentsEqual, MessageError, type JobData, type RunInfo } from './messages.js';
import { DIST_VERSION, encodeBlob, type JobStore } from './store.js';

/** The largest minimal trace a worker reads (a chunk of 2^22 steps reading ~3 words each). */
export const MAX_TRACE_BYTES = 128 * 1024 * 1024;
/** The largest ELF a worker reads. */
export const MAX_ELF_BYTES = 64 * 1024 * 1024;

/** What every job of one proof job needs, loaded once per worker and run nonce. */
export interface JobContext {
  /** The run of the proof job this context belongs to. */
  readonly nonce: string;
  readonly rom: ZiskRom;
  readonly program: string;
  readonly params: FriParams;
  readonly security: string;
  readonly system: StarkSystem;
  readonly run: RunInfo;
  plan?: { readonly descriptors: readonly PlanDescriptor[]; readonly indexOf: ReadonlyMap<number, number> };
  tables?: TableMultiplicities;
  commitments?: readonly Stage1Commitment[];
  global?: GlobalChallenges;
}

/** Reads and checks the proof job's meta, ELF and run. */
export async function loadContext(store: JobStore, nonce: string): Promise<JobContext> {
  const meta = await store.meta();
  if (Number(meta['version']) !== DIST_VERSION) throw new MessageError(`job ${store.job}: format version ${meta['version'] ?? 'missing'}, this worker speaks ${DIST_VERSION}`);
  if (meta['nonce'] !== nonce) throw new MessageError(`job ${store.job}: the job belongs to an earlier run (${nonce}) that was replaced`);
  const security = meta['security'] ?? '';
  const profile = (PROFILES as Record<string, { params: FriParams } | undefined>)[security];
  if (!profile) throw new MessageError(`job ${store.job}: unknown security profile '${security}'`);
  const program = meta['program'] ?? '';
  const elf = await store.getBytes('elf', MAX_ELF_BYTES);
  if (!elf) throw new MessageError(`job ${store.job}: no ELF in Redis`);
  const rom = romOf(new Uint8Array(elf.buffer, elf.byteOffset, elf.byteLength), program);
  const run = checkRunInfo(await store.getValue('run'));
  return { nonce, rom, program, params: profile.params, security, system: defaultSystem(), run };
}

async function planOf(store: JobStore, ctx: JobContext): Promise<NonNullable<JobContext['plan']>> {
  if (!ctx.plan) {
    const descriptors = checkPlanDescriptors(await store.getValue('plan'));
    ctx.plan = { descriptors, indexOf: new Map(descriptors.map((d, i) => [d.globalId, i])) };
  }
  return ctx.plan;
}

async function traces(store: JobStore, ctx: JobContext, chunks: Iterable<number>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const c of [...chunks].sort((a, b) => a - b)) {
    if (c >= ctx.run.chunks.length) throw new MessageError(`chunk ${c} is not part of the run (${ctx.run.chunks.length} chunks)`);
    const b = await store.getBytes(`trace:${c}`, MAX_TRACE_BYTES);
    if (!b) throw new MessageError(`no minimal trace of chunk ${c} in Redis`);
    out.push(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }
  return out;
}

/** Count job: counts the chunks of range `index` with every state machine. */
export async function runCount(store: JobStore, ctx: JobContext, index: number): Promise<void> {
  const range = ctx.run.ranges[index];
  if (!range) throw new MessageError(`count range ${index} does not exist`);
  const chunks = Array.from({ length: range[1] - range[0] }, (_, i) => range[0] + i);
  const job = { program: ctx.program, components: stateMachines.map((b) => b.name), traces: await traces(store, ctx, chunks) };
  const { counts } = runCountJob(job, ctx.rom, stateMachines);
  await store.putField('counts', index, encodeBlob(counts));
}

/** The witness of one instance: from its chunks for a state machine's instance, from the merged multiplicities for a table. */
async function witnessOf(store: JobStore, ctx: JobContext, d: PlanDescriptor): Promise<{ inst: AirInstance; multiplicities?: ReadonlyMap<string, Float64Array> }> {
  const label = `${d.air} #${d.segment}`;
  if (d.instanceType === 'table') {
    if (!ctx.tables) {
      const merged = await store.getValue('tables');
      if (merged === undefined) throw new MessageError('the merged table multiplicities are not in Redis yet');
      const plan = await planOf(store, ctx);
      const names = new Set(plan.descriptors.filter((x) => x.instanceType === 'table').map((x) => x.air));
      ctx.tables = new TableMultiplicities();
      ctx.tables.merge(checkMultiplicities(merged, names, new Map(), 'merged multiplicities'));
    }
    const p: PlannedInstance = restoreInstance(d, stateMachines);
    const inst = p.instance.computeWitness({ rom: ctx.rom, collectors: [], traces: [], tables: ctx.tables });
    return { inst: { ...inst, label } };
  }
  const p = restoreInstance(d, stateMachines);
  const job = { program: ctx.program, instances: [d], traces: await traces(store, ctx, checkPointChunks(p.instance.checkPoint())) };
  const result = runWitnessJob(job, ctx.rom, stateMachines);
  const built = result.instances[0];
  if (!built || built.globalId !== d.globalId) throw new Error(`instance ${d.globalId} was not built`);
  return { inst: { ...restoreBuilt(built, stateMachines), label }, multiplicities: result.tables };
}

/**
 * Stage-1 results this worker made, kept for its own stage-2 job of the same instance (the job may
 * land elsewhere: then this is never used). Bounded in bytes, oldest dropped first; an entry is
 * used once. Only an optimisation: a stage-2 job without it rebuilds the same data.
 */
export class Stage1Cache {
  private readonly entries = new Map<string, { s1: Stage1; bytes: number }>();
  private bytes = 0;
  hits = 0;

  constructor(readonly budget: number) {}

  static sizeOf(s1: Stage1): number {
    const main = s1.data.main;
    if (!main) return 0;
    return main.lde.data.byteLength + main.tree.levels.reduce((n, l) => n + l.byteLength, 0) + s1.data.instance.trace.data.byteLength;
  }

  put(key: string, s1: Stage1): void {
    const bytes = Stage1Cache.sizeOf(s1);
    if (bytes === 0 || bytes > this.budget) return;
    this.take(key);
    while (this.bytes + bytes > this.budget) {
      const [oldest, e] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= e.bytes;
    }
    this.entries.set(key, { s1, bytes });
    this.bytes += bytes;
  }

  take(key: string): Stage1 | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.bytes -= e.bytes;
    this.hits++;
    return e.s1;
  }
}

export interface StageOptions {
  /** Where stage-1 jobs leave their results for stage-2 jobs on this worker. */
  readonly cache?: Stage1Cache | undefined;
  readonly pool?: WorkerPool | undefined;
  /** Called between building the witness and storing the result (a test hook kills the process there). */
  readonly midway?: (() => void) | undefined;
  /** Changes the encoded instance proof before it is stored (a test hook corrupts it). */
  readonly tamper?: ((bytes: Uint8Array) => Uint8Array) | undefined;
}

async function descriptorOf(store: JobStore, ctx: JobContext, globalId: number): Promise<{ d: PlanDescriptor; index: number }> {
  const plan = await planOf(store, ctx);
  const index = plan.indexOf.get(globalId);
  if (index === undefined) throw new MessageError(`instance ${globalId} is not in the plan`);
  return { d: checkDescriptor(plan.descriptors[index], `plan[${index}]`), index };
}

async function stage1Of(ctx: JobContext, inst: AirInstance, pool: WorkerPool | undefined): Promise<Stage1> {
  return commitStage1(ctx.system, ctx.params, starkInstance(ctx.system, inst), { pool, keepStage1Lde: true });
}

/** Stage-1 job: builds instance `globalId` and commits it; stores its multiplicities, then its commitment. */
export async function runStage1(store: JobStore, ctx: JobContext, globalId: number, options: StageOptions = {}): Promise<void> {
  const { d } = await descriptorOf(store, ctx, globalId);
  const { inst, multiplicities } = await witnessOf(store, ctx, d);
  const s1 = await stage1Of(ctx, inst, options.pool);
  options.midway?.();
  options.cache?.put(`${store.job}/${ctx.nonce}/${globalId}`, s1);
  if (multiplicities) await store.putField('mult', globalId, encodeBlob(toSparse(multiplicities)));
  await store.putField('s1', globalId, encodeBlob(s1.commitment));
}

/** Every instance's recorded commitment (in proof order) and the global challenges drawn from them. */
async function globalOf(store: JobStore, ctx: JobContext): Promise<{ commitments: readonly Stage1Commitment[]; global: GlobalChallenges }> {
  if (!ctx.global || !ctx.commitments) {
    const plan = await planOf(store, ctx);
    const all = await store.getValue('commitments');
    if (!Array.isArray(all) || all.length !== plan.descriptors.length) throw new MessageError('the stage-1 commitments are not in Redis yet');
    ctx.commitments = all.map((c, i) => {
      const air = ctx.system.airs.findIndex((a) => a.name === plan.descriptors[i]!.air);
      return checkCommitment(c, air, plan.descriptors[i]!.logRows, ctx.system.airs[air]?.airValueCount ?? 0, `commitments[${i}]`);
    });
    ctx.global = drawGlobalChallenges(ctx.system, ctx.params, outputsToPublics(ctx.run.outputs), ctx.commitments);
  }
  return { commitments: ctx.commitments, global: ctx.global };
}

/** Stage-2 job: rebuilds instance `globalId`, checks its commitment is the recorded one, proves it. */
export async function runStage2(store: JobStore, ctx: JobContext, globalId: number, options: StageOptions = {}): Promise<void> {
  const { d, index } = await descriptorOf(store, ctx, globalId);
  const { commitments, global } = await globalOf(store, ctx);
  let s1 = options.cache?.take(`${store.job}/${ctx.nonce}/${globalId}`);
  if (s1 && !commitmentsEqual(s1.commitment, commitments[index]!)) s1 = undefined;
  if (!s1) s1 = await stage1Of(ctx, (await witnessOf(store, ctx, d)).inst, options.pool);
  if (!commitmentsEqual(s1.commitment, commitments[index]!)) {
    throw new MessageError(`instance ${globalId} (${d.air} #${d.segment}): the rebuilt stage-1 commitment differs from the recorded one`);
  }
  const proof = await proveInstance(ctx.system, ctx.params, index, s1, global, { pool: options.pool });
  options.midway?.();
  let bytes = encodeInstanceProof(ctx.system, proof);
  if (options.tamper) bytes = options.tamper(bytes);
  await store.putField('s2', globalId, bytes);
}

/** Runs one job. */
export async function runJob(store: JobStore, ctx: JobContext, data: JobData, options: StageOptions = {}): Promise<void> {
  if (data.kind === 'count') return runCount(store, ctx, data.index);
  if (data.kind === 's1') return runStage1(store, ctx, data.index, options);
  return runStage2(store, ctx, data.index, options);
}

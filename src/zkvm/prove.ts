/**
 * Proving an execution: run the program, plan its state machines' instances, build their
 * witnesses, commit stage 1 of every instance, draw the global challenges, finish every instance's
 * STARK and assemble the proof.
 *
 * Phases, as progress reports name them: execute (the fast run with minimal traces), plan
 * (counting and planning), witness, commit (stage-1 LDEs and Merkle roots), prove (stage 2,
 * quotient, DEEP-FRI per instance).
 */
import type { AirInstance } from '../air/index.js';
import { checkBusBalance } from '../constraints/index.js';
import { describeImbalance } from '../air/index.js';
import { computeWitnesses, computeWitnessesParallel, execute, executeParallel, type ExecutionPlan, type ExecutorOptions } from '../executor/index.js';
import { PROFILES, describeParams, securityBits } from '../fri/index.js';
import { WorkerPool } from '../parallel/index.js';
import { stateMachines, STATE_MACHINES_REF } from '../sm/registry.js';
import {
  assembleProof,
  commitStage1,
  drawGlobalChallenges,
  instanceCounts,
  phase3Order,
  proveInstance,
  starkInstance,
  type InstanceProof,
  type Stage1,
} from '../stark/index.js';
import { transpile } from '../transpiler/index.js';
import { defaultSystem, outputsToPublics } from './system.js';
import { programRoots, rootHex } from './program.js';
import type { SecurityProfile } from './verify.js';

export type ProvePhase = 'execute' | 'plan' | 'witness' | 'commit' | 'prove';

export interface ProveOptions {
  /** The input file's bytes (records `[u64 len][bytes][pad to 8]`). */
  readonly input?: Uint8Array | undefined;
  /** 'standard' (default, ≥ 100 conjectured bits) or 'test' (fast and insecure). */
  readonly security?: SecurityProfile | undefined;
  /** Worker threads (default: the available cores); the proof does not depend on the number. */
  readonly workers?: number | undefined;
  /** A pool to use instead of starting one (it is left open). */
  readonly pool?: WorkerPool | undefined;
  /** Steps per chunk of the minimal traces (default 2^18). */
  readonly chunkSize?: number | undefined;
  /** Rows (log2) per instance, by AIR name. */
  readonly logRows?: Readonly<Record<string, number>> | undefined;
  readonly maxSteps?: number | undefined;
  /** Check every constraint and the bus balance before proving, and throw naming the first failure. */
  readonly debugCheck?: boolean | undefined;
  readonly onProgress?: ((phase: ProvePhase, done: number, total: number) => void) | undefined;
}

export interface ProveSummary {
  readonly proof: Uint8Array;
  readonly outputs: Uint32Array;
  readonly steps: number;
  /** The Rom table's root: the program's identity (64 hex digits). */
  readonly programId: string;
  /** Instances per AIR, in proof order. */
  readonly instances: readonly { readonly air: string; readonly segment: number; readonly logRows: number }[];
  /** Seconds per phase. */
  readonly seconds: Readonly<Record<ProvePhase, number>>;
  /** Chunks of the minimal traces. */
  readonly chunks: number;
  readonly securityBits: number;
  readonly params: string;
}

function paramsOf(security: SecurityProfile | undefined) {
  const p = PROFILES[security ?? 'standard'];
  if (!p) throw new RangeError(`security must be one of ${Object.keys(PROFILES).join(', ')}, got '${String(security)}'`);
  return p.params;
}

/** Proves that the program `elf` run on `options.input` produced its outputs. */
export async function proveElf(elf: Uint8Array, options: ProveOptions = {}): Promise<ProveSummary> {
  const params = paramsOf(options.security);
  const rom = transpile(elf);
  const system = defaultSystem();
  const ownPool = options.pool ? undefined : new WorkerPool(options.workers !== undefined ? { workers: options.workers } : {});
  const pool = options.pool ?? ownPool!;
  const seconds: Record<ProvePhase, number> = { execute: 0, plan: 0, witness: 0, commit: 0, prove: 0 };
  const report = options.onProgress;
  let t = performance.now();
  const lap = (phase: ProvePhase) => {
    const now = performance.now();
    seconds[phase] += (now - t) / 1000;
    t = now;
  };
  try {
    // With more than one worker, counting and witness generation run on the pool: workers replay
    // their chunks from the minimal traces and rebuild the ROM from the ELF (same witnesses).
    const source = { elf, registry: STATE_MACHINES_REF };
    const executorOptions: ExecutorOptions = {
      ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
      ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
      ...(options.logRows !== undefined ? { logRows: options.logRows } : {}),
      onProgress: (p) => {
        if (p.phase === 'execute') {
          if (p.done === p.total) lap('execute');
          report?.('execute', p.done, p.total);
        } else if (p.phase === 'count') {
          report?.('plan', p.done, p.total + 1);
        } else if (p.phase === 'plan' && p.done === p.total) {
          report?.('plan', 1, 1);
        }
      },
    };
    const plan: ExecutionPlan = pool.workers > 1
      ? await executeParallel(rom, options.input, stateMachines, { ...executorOptions, pool, source })
      : execute(rom, options.input, stateMachines, executorOptions);
    lap('plan');

    const total = plan.instances.length;
    const onWitness = { onProgress: (p: { done: number; total: number }) => report?.('witness', p.done, p.total) };
    const { instances: built } = pool.workers > 1
      ? await computeWitnessesParallel(plan, { ...onWitness, pool, source })
      : computeWitnesses(plan, onWitness);
    const ordered: AirInstance[] = plan.instances.map((p) => ({ ...built.get(p.globalId)!, label: `${p.plan.air.name} #${p.plan.segment}` }));
    lap('witness');

    const publics = outputsToPublics(plan.outputs);
    const starkInstances = ordered.map((inst) => starkInstance(system, inst));
    if (options.debugCheck) {
      const counts = instanceCounts(system, starkInstances.map((s) => s.airIndex));
      const r = await checkBusBalance(ordered, system.globalBusTerms(publics, counts), { pool });
      if (!r.ok) throw new Error(`debug check: ${describeImbalance(r)}`);
    }

    const stage1: (Stage1 | undefined)[] = [];
    for (let i = 0; i < total; i++) {
      stage1.push(await commitStage1(system, params, starkInstances[i]!, { pool, debugCheck: options.debugCheck }));
      report?.('commit', i + 1, total);
    }
    lap('commit');

    const global = drawGlobalChallenges(system, params, publics, stage1.map((s) => s!.commitment));
    const proofs: InstanceProof[] = new Array(total);
    let proved = 0;
    for (const i of phase3Order(stage1 as Stage1[], params)) {
      proofs[i] = await proveInstance(system, params, i, stage1[i]!, global, { pool });
      stage1[i] = undefined; // its LDEs can go
      report?.('prove', ++proved, total);
    }
    const proof = assembleProof(system, params, publics, proofs);
    lap('prove');

    return {
      proof,
      outputs: plan.outputs,
      steps: plan.steps,
      chunks: plan.traces.length,
      programId: rootHex(programRoots(rom, params)['Rom']!),
      instances: plan.instances.map((p) => ({ air: p.plan.air.name, segment: p.plan.segment, logRows: p.plan.logRows })),
      seconds,
      securityBits: securityBits(params),
      params: describeParams(params),
    };
  } finally {
    await ownPool?.close();
  }
}

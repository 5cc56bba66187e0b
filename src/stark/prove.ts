/** Phase 4 and the one-call prover. */
import { assertFriParams, type FriParams } from '../fri/index.js';
import * as gl from '../field/reference.js';
import { drawGlobalChallenges } from './challenges.js';
import { encodeProof } from './format.js';
import type { ProgressEvent, ProverOptions } from './options.js';
import type { InstanceProof } from './proof.js';
import { proveInstance } from './prove-instance.js';
import { checkInstance, commitStage1, phase3Order, type Stage1 } from './stage1.js';
import { fixedSetup } from './setup.js';
import { describeImbalance } from '../air/index.js';
import { checkBusBalance } from '../constraints/index.js';
import { instanceCounts, type StarkInstance, type StarkSystem } from './system.js';

function checkPublics(system: StarkSystem, publics: readonly bigint[]): void {
  if (publics.length !== system.publicCount) throw new RangeError(`publics: the system has ${system.publicCount} public values, got ${publics.length}`);
  publics.forEach((v, i) => {
    if (typeof v !== 'bigint' || !gl.isCanonical(v)) throw new RangeError(`publics[${i}] = ${String(v)} is not a canonical field element`);
  });
}

/** Phase 4: the proof's bytes from the instance proofs (in the order their challenges were drawn). */
export function assembleProof(system: StarkSystem, params: FriParams, publics: readonly bigint[], instances: readonly InstanceProof[]): Uint8Array {
  checkPublics(system, publics);
  return encodeProof(system, { params, publics, instances });
}

/**
 * Proves `instances` of `system` together: commit stage 1 of every instance, draw the global
 * challenges, finish every instance, assemble. Instances are processed one after another; each
 * phase uses the pool's workers inside.
 */
export async function prove(
  system: StarkSystem,
  instances: readonly StarkInstance[],
  publics: readonly bigint[],
  params: FriParams,
  options: ProverOptions = {},
): Promise<Uint8Array> {
  assertFriParams(params);
  checkPublics(system, publics);
  if (instances.length === 0) throw new RangeError('prove: at least one instance is needed');
  const total = instances.length;
  const done = new Map<string, number>();
  const progress = options.progress
    ? (e: ProgressEvent) => {
        const d = (done.get(e.phase) ?? 0) + 1;
        done.set(e.phase, d);
        options.progress!({ ...e, done: d, total });
      }
    : undefined;
  if (options.debugCheck) {
    const airInstances = await Promise.all(
      instances.map(async (inst) => {
        const { air, logRows } = checkInstance(system, params, inst);
        const fixed = await fixedSetup(air, logRows, params, options.pool);
        return { air, trace: inst.trace, fixed: fixed?.values, program: inst.program, airValues: inst.airValues, label: inst.label };
      }),
    );
    const counts = instanceCounts(system, instances.map((inst) => inst.airIndex));
    const r = await checkBusBalance(airInstances, system.globalBusTerms(publics, counts), { pool: options.pool });
    if (!r.ok) throw new Error(`debug check: ${describeImbalance(r)}`);
  }
  const stage1: Array<Stage1 | undefined> = [];
  for (let i = 0; i < instances.length; i++) {
    stage1.push(await commitStage1(system, params, instances[i]!, options));
    progress?.({ phase: 'stage1', instance: i, done: 0, total });
  }
  const global = drawGlobalChallenges(system, params, publics, stage1.map((s) => s!.commitment));
  const proofs: InstanceProof[] = new Array(instances.length);
  for (const i of phase3Order(stage1 as Stage1[], params)) {
    proofs[i] = await proveInstance(system, params, i, stage1[i]!, global, { ...options, progress });
    stage1[i] = undefined; // let the instance's LDEs go
  }
  return assembleProof(system, params, publics, proofs);
}

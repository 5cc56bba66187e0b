/**
 * The debug check of an execution's witnesses, without proving (`zisk-ts verify-constraints`):
 * every constraint of every instance on every row, then every bus over all instances, their direct
 * (once-per-instance) terms and the verifier's global terms for the execution's outputs. It reports
 * the first failure — the lowest global id with a broken constraint (its lowest row), else the first
 * imbalanced message — as the fast checkers of src/constraints name them.
 */
import type { AirInstance, BusImbalance, ConstraintFailure } from '../air/index.js';
import { checkBusBalance, checkConstraints } from '../constraints/index.js';
import type { ExecutionPlan } from '../executor/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { instanceCounts } from '../stark/index.js';
import { defaultSystem, outputsToPublics, zkvmSystem } from './system.js';
import { stateMachines } from '../sm/registry.js';

export type ExecutionFailure =
  | ({ readonly kind: 'constraint'; readonly globalId: number } & ConstraintFailure)
  | ({ readonly kind: 'bus' } & BusImbalance);

export type ExecutionCheck =
  | { readonly ok: true; readonly instances: number; /** Sends with a non-zero multiplicity. */ readonly messages: number }
  | ({ readonly ok: false } & ExecutionFailure);

export interface CheckOptions {
  readonly pool?: WorkerPool | undefined;
  /** 'constraints' per instance checked, then 'buses' (0 then 1). */
  readonly onProgress?: ((phase: 'constraints' | 'buses', done: number, total: number) => void) | undefined;
}

/**
 * Checks the witnesses `built` (by global id) of `plan`. Instances are named `AIR #segment` in the
 * report. The global terms come from the system of `plan.registry`.
 */
export async function checkExecution(plan: ExecutionPlan, built: ReadonlyMap<number, AirInstance>, options: CheckOptions = {}): Promise<ExecutionCheck> {
  const all: AirInstance[] = plan.instances.map((p) => {
    const inst = built.get(p.globalId);
    if (!inst) throw new Error(`checkExecution: the witness of ${p.plan.air.name} #${p.plan.segment} (global id ${p.globalId}) is missing`);
    return { ...inst, label: `${p.plan.air.name} #${p.plan.segment}` };
  });
  const { pool, onProgress } = options;
  for (let i = 0; i < all.length; i++) {
    const r = await checkConstraints(all[i]!, { ...(pool ? { pool } : {}) });
    onProgress?.('constraints', i + 1, all.length);
    if (!r.ok) return { ...r, kind: 'constraint', globalId: plan.instances[i]!.globalId };
  }
  onProgress?.('buses', 0, 1);
  const system = plan.registry === stateMachines ? defaultSystem() : zkvmSystem(plan.registry);
  const counts = instanceCounts(system, all.map((inst) => {
    const k = system.airs.indexOf(inst.air);
    if (k < 0) throw new Error(`checkExecution: ${inst.label} is an instance of ${inst.air.name}, which no state machine of the plan has`);
    return k;
  }));
  const b = await checkBusBalance(all, system.globalBusTerms(outputsToPublics(plan.outputs), counts), { pool });
  onProgress?.('buses', 1, 1);
  if (!b.ok) return { ok: false, kind: 'bus', bus: b.bus, values: b.values, net: b.net, senders: b.senders };
  return { ok: true, instances: all.length, messages: b.messages };
}

/**
 * Shared by the memory family's tests: run a guest program through the executor with small
 * instances, and check the family against the stand-in for Main.
 */
import { readFileSync } from 'node:fs';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, type AirInstance, type GlobalBusTerm } from '../../../air/index.js';
import { computeWitnesses, execute, type ComponentBuilder, type ExecutionPlan } from '../../../executor/index.js';
import { Matrix } from '../../../matrix/index.js';
import { transpile } from '../../../transpiler/index.js';
import type { ZiskRom } from '../../../zisk/index.js';
import { rangeComponent } from '../../range/index.js';
import { memoryStandIn } from '../../test-support/stand-ins.js';
import { memComponent, memGlobalTerms } from '../index.js';

export const GUEST = new URL('../../../../guest/', import.meta.url);

/** Small instances: every AIR gets several. */
export const SMALL_LOG_ROWS = { Mem: 5, RomData: 3, InputData: 1, MemAlign: 4, MemAlignStraddle: 2 };

export interface Run {
  readonly rom: ZiskRom;
  readonly input: Uint8Array | undefined;
  readonly plan: ExecutionPlan;
  /** Built instances in global-id order (the range table last). */
  readonly instances: AirInstance[];
  readonly standIn: AirInstance;
  readonly terms: GlobalBusTerm[];
}

export const REGISTRY: readonly ComponentBuilder[] = [memComponent as ComponentBuilder, rangeComponent];

/** Runs `elf` (a path under guest/) on `input` (a path under guest/, or none). */
export function runGuest(elf: string, input?: string, options: { chunkSize?: number; logRows?: Record<string, number> } = {}): Run {
  const rom = transpile(readFileSync(new URL(elf, GUEST)));
  const bytes = input ? new Uint8Array(readFileSync(new URL(input, GUEST))) : undefined;
  const plan = execute(rom, bytes, REGISTRY, { chunkSize: options.chunkSize ?? 512, logRows: options.logRows ?? SMALL_LOG_ROWS });
  const built = computeWitnesses(plan).instances;
  const instances = plan.instances.map((p) => built.get(p.globalId)!);
  return { rom, input: bytes, plan, instances, standIn: memoryStandIn(rom, bytes), terms: memGlobalTerms({ outputs: plan.outputs, instanceCounts: instanceCounts(plan) }) };
}

export function instanceCounts(plan: ExecutionPlan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of plan.instances) counts[p.plan.air.name] = (counts[p.plan.air.name] ?? 0) + 1;
  return counts;
}

/** The first constraint failure among the instances, as text, or undefined. */
export function firstFailure(instances: readonly AirInstance[]): string | undefined {
  for (const inst of instances) {
    const r = checkConstraintsReference(inst);
    if (!r.ok) return describeFailure(r);
  }
  return undefined;
}

/** The bus imbalance of the run (instances, stand-in, global terms), as text, or undefined. */
export function imbalance(run: Pick<Run, 'instances' | 'standIn' | 'terms'>, instances = run.instances): string | undefined {
  const r = checkBusBalanceReference([...instances, run.standIn], run.terms);
  return r.ok ? undefined : describeImbalance(r);
}

/** A copy of an instance whose trace can be changed without touching the original. */
export function copyInstance(inst: AirInstance): AirInstance & { trace: Matrix; airValues: bigint[] } {
  return {
    ...inst,
    trace: new Matrix(inst.trace.width, inst.trace.height, Uint32Array.from(inst.trace.data)),
    airValues: [...(inst.airValues ?? [])],
  };
}

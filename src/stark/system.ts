import type { Air, AirInstance, GlobalBusTerm } from '../air/index.js';
import type { Matrix } from '../matrix/index.js';

/**
 * What a proof is about: an ordered list of AIRs (an instance names its AIR by index), the number
 * of public values, and the bus messages the verifier adds itself from the public values (the
 * boot and end states, the published outputs). Prover and verifier must hold the same system.
 */
export interface StarkSystem {
  readonly airs: readonly Air[];
  readonly publicCount: number;
  /**
   * The global bus terms for these public values and instance counts (`instanceCounts[i]`:
   * instances of `airs[i]` in the proof, so a family can add terms only for AIRs present); must not
   * throw for any canonical values.
   */
  globalBusTerms(publics: readonly bigint[], instanceCounts: readonly number[]): readonly GlobalBusTerm[];
}

export function defineSystem(spec: {
  airs: readonly Air[];
  publicCount?: number;
  globalBusTerms?: (publics: readonly bigint[], instanceCounts: readonly number[]) => readonly GlobalBusTerm[];
}): StarkSystem {
  const names = new Set<string>();
  for (const air of spec.airs) {
    if (names.has(air.name)) throw new Error(`defineSystem: two AIRs are named '${air.name}'; AIR names must be unique`);
    names.add(air.name);
  }
  const publicCount = spec.publicCount ?? 0;
  if (!Number.isInteger(publicCount) || publicCount < 0 || publicCount > MAX_PUBLICS) {
    throw new RangeError(`defineSystem: publicCount must be an integer in [0, ${MAX_PUBLICS}], got ${publicCount}`);
  }
  return { airs: spec.airs, publicCount, globalBusTerms: spec.globalBusTerms ?? (() => []) };
}

/** Bound on the number of public values of a system (the proof header is checked against it). */
export const MAX_PUBLICS = 1 << 16;

/**
 * One instance to prove: the stage-1 witness of AIR `airIndex` of the system. Fixed columns come
 * from the setup (they depend only on the AIR and the height); program columns are given here.
 */
export interface StarkInstance {
  readonly airIndex: number;
  /** Stage-1 witness, air.width columns, 2^logRows rows. Prefer Matrix.shared with a worker pool. */
  readonly trace: Matrix;
  readonly program?: Matrix | undefined;
  readonly airValues?: readonly bigint[] | undefined;
  /** How errors name this instance; defaults to `<AIR name> #<position>`. */
  readonly label?: string | undefined;
}

/** A src/air instance as an instance of `system` (its AIR found by identity). */
export function starkInstance(system: StarkSystem, inst: AirInstance): StarkInstance {
  const airIndex = system.airs.indexOf(inst.air);
  if (airIndex < 0) throw new Error(`starkInstance: AIR '${inst.air.name}' is not part of the system`);
  return { airIndex, trace: inst.trace, program: inst.program, airValues: inst.airValues, label: inst.label };
}

/** How many instances of each AIR of `system` a list of AIR indices holds. */
export function instanceCounts(system: StarkSystem, airIndices: readonly number[]): number[] {
  const counts = system.airs.map(() => 0);
  for (const i of airIndices) counts[i]!++;
  return counts;
}

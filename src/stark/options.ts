import type { WorkerPool } from '../parallel/index.js';

/** The prover's phases, as progress events name them. */
export type ProvePhase = 'stage1' | 'stage2' | 'quotient' | 'openings' | 'fri' | 'queries';

export interface ProgressEvent {
  readonly phase: ProvePhase;
  /** The instance the event is about (its position in the proof). */
  readonly instance: number;
  /** Instances that have finished this phase, of `total`. */
  readonly done: number;
  readonly total: number;
}

export interface ProverOptions {
  /** Workers for the LDEs, Merkle leaves and the quotient; the proof does not depend on their number. */
  pool?: WorkerPool | undefined;
  /** Called when an instance finishes a phase (for progress bars). */
  progress?: ((e: ProgressEvent) => void) | undefined;
  /**
   * Milliseconds spent per step are added here: 'lde', 'merkle', 'stage2', 'quotient',
   * 'quotient.split' (interpolating Q into chunks and their LDE), 'openings', 'deep', 'fri.commit', 'fri.fold', 'fri.pow', 'fri.open', 'queries'.
   */
  timings?: Record<string, number> | undefined;
  /**
   * What each instance keeps of its stage-1 commitment from phase 1 to phase 3:
   * - true: the LDE (2^logBlowup times the trace) and the Merkle tree;
   * - 'tree' (the default): the tree's levels only (32 bytes a digest, 4/3 digests per LDE row at
   *   arity 4); phase 3 recomputes the LDE (an NTT, no hashing) and checks a few leaves against it;
   * - false: nothing but the trace; phase 3 recomputes the LDE and rehashes the tree (checking the
   *   root).
   * Between the phases every instance holds this at once, so it sets the peak memory of large
   * proofs: 'tree' saves 2^logBlowup·8 bytes per stage-1 cell for one more LDE per instance.
   */
  keepStage1Lde?: boolean | 'tree' | undefined;
  /**
   * Run the debug checkers of src/constraints first (every instance's constraints and, in
   * prove(), the bus balance with the global terms) and throw naming the first failure.
   */
  debugCheck?: boolean | undefined;
}

export function addTime(t: Record<string, number> | undefined, key: string, start: number): void {
  if (t) t[key] = (t[key] ?? 0) + (performance.now() - start);
}

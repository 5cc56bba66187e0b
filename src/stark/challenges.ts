/**
 * The transcript of a proof up to the global challenges (docs/stark.md, Transcript, steps 1–4),
 * shared by the prover's phase 2 and the verifier.
 */
import { CHALLENGE_COUNT } from '../air/index.js';
import type { FriParams } from '../fri/index.js';
import { Transcript } from '../transcript/index.js';
import type { Stage1Commitment } from './proof.js';
import { fixedRoot } from './setup.js';
import type { StarkSystem } from './system.js';

/** "zkts-stark" folded into one element: the protocol tag observed first. */
export const PROTOCOL_TAG = 0x7a6b7473_7374726bn;
/** Version of the protocol (transcript order) and of the proof format. */
export const PROTOCOL_VERSION = 1;

export interface GlobalChallenges {
  /** α0 α1 α2 γ0 γ1 γ2: the LogUp challenges α_bus and γ as base coefficients. */
  readonly challenges: readonly bigint[];
  /** The transcript after drawing them; each instance forks it with its index. */
  readonly transcript: Transcript;
}

export function observeParams(t: Transcript, p: FriParams): void {
  t.observe(PROTOCOL_TAG);
  t.observe(PROTOCOL_VERSION);
  for (const v of [p.logBlowup, p.logFoldingArity, p.logFinalPolyLen, p.numQueries, p.powBits, p.merkleArity]) t.observe(v);
}

/**
 * Steps 1–4: parameters, public values, every instance's stage-1 commitment, then the global
 * challenges. Commitments must be well-formed (the verifier checks them when decoding).
 */
export function drawGlobalChallenges(
  system: StarkSystem,
  params: FriParams,
  publics: readonly bigint[],
  commitments: readonly Stage1Commitment[],
): GlobalChallenges {
  const t = new Transcript();
  observeParams(t, params);
  t.observe(publics.length);
  for (const v of publics) t.observe(v);
  t.observe(commitments.length);
  for (const c of commitments) {
    const air = system.airs[c.airIndex]!;
    t.observe(c.airIndex);
    t.observe(c.logRows);
    const fixed = fixedRoot(air, c.logRows, params);
    if (fixed) t.observeDigest(fixed);
    if (c.programRoot) t.observeDigest(c.programRoot);
    t.observeDigest(c.stage1Root);
    for (const v of c.airValues) t.observe(v);
  }
  const challenges: bigint[] = [];
  for (let i = 0; i < CHALLENGE_COUNT; i++) challenges.push(t.sampleBase());
  return { challenges, transcript: t };
}

/** The verifier of a whole proof: every instance, then the bus sums with the global terms. */
import { ALPHA, GAMMA, directBusTerms } from '../air/index.js';
import * as ext from '../field/extension.js';
import type { Ext3 } from '../field/index.js';
import { PROFILES, describeParams, extToString, paramsEqual, securityBits, type FriParams } from '../fri/index.js';
import { digestToBigints } from '../hash/index.js';
import { drawGlobalChallenges } from './challenges.js';
import { decodeProof, type DecodeLimits } from './format.js';
import { instanceCounts, type StarkSystem } from './system.js';
import { extInv, verifyInstanceProof, type InstanceCheck } from './verify-instance.js';

export type VerifyCheck = 'format' | 'params' | 'publics' | 'program-root' | 'bus-sum' | 'internal' | InstanceCheck;

export interface VerifiedInstance {
  readonly air: string;
  readonly logRows: number;
  /** The program root (the program's identity), for AIRs with program columns. */
  readonly programRoot?: readonly bigint[] | undefined;
}

export type VerifyResult =
  | {
      readonly ok: true;
      readonly publics: readonly bigint[];
      readonly instances: readonly VerifiedInstance[];
      readonly securityBits: number;
      readonly params: string;
    }
  | {
      readonly ok: false;
      /** The instance (position in the proof) whose check failed, when the failure is an instance's. */
      readonly instance?: number | undefined;
      readonly check: VerifyCheck;
      readonly expected?: string | undefined;
      readonly got?: string | undefined;
      readonly message: string;
    };

/** What the caller expects the proof to state; anything given is checked. */
export interface Expected {
  readonly publics?: readonly bigint[] | undefined;
  /** Program roots by AIR name (4 elements each). */
  readonly programRoots?: Readonly<Record<string, readonly bigint[]>> | undefined;
}

function busFingerprint(challenges: readonly bigint[], bus: number, values: readonly bigint[]): Ext3 {
  const alpha: Ext3 = [challenges[ALPHA]!, challenges[ALPHA + 1]!, challenges[ALPHA + 2]!];
  const gamma: Ext3 = [challenges[GAMMA]!, challenges[GAMMA + 1]!, challenges[GAMMA + 2]!];
  let d = ext.add(alpha, ext.fromBase(BigInt(bus)));
  let g = gamma;
  for (const v of values) {
    d = ext.add(d, ext.mulBase(g, v));
    g = ext.mul(g, gamma);
  }
  return d;
}

function mod(v: bigint): bigint {
  const p = 0xffffffff00000001n;
  return ((v % p) + p) % p;
}

/**
 * Verifies proof bytes for `system`. `params` are the parameters the caller requires (default:
 * the standard profile); a proof made with other parameters is rejected. Never throws and never
 * hangs: malformed bytes are a 'format' rejection, every count is bounded before use.
 */
export function verify(system: StarkSystem, bytes: Uint8Array, params: FriParams = PROFILES.standard.params, expected: Expected = {}, limits: DecodeLimits = {}): VerifyResult {
  try {
    return verifyUnguarded(system, bytes, params, expected, limits);
  } catch (e) {
    return { ok: false, check: 'internal', message: `verifier error: ${(e as Error)?.message ?? String(e)}` };
  }
}

function verifyUnguarded(system: StarkSystem, bytes: Uint8Array, params: FriParams, expected: Expected, limits: DecodeLimits): VerifyResult {
  const decoded = decodeProof(system, bytes, limits);
  if (!decoded.ok) return { ok: false, check: 'format', message: `${decoded.message} (byte ${decoded.offset})` };
  const proof = decoded.value;
  if (!paramsEqual(proof.params, params)) {
    return { ok: false, check: 'params', expected: describeParams(params), got: describeParams(proof.params), message: 'the proof was made with other parameters' };
  }
  if (expected.publics) {
    const want = expected.publics;
    if (want.length !== proof.publics.length || want.some((v, i) => mod(v) !== proof.publics[i])) {
      return { ok: false, check: 'publics', expected: `[${want.join(', ')}]`, got: `[${proof.publics.join(', ')}]`, message: 'the public values differ from the expected ones' };
    }
  }
  const commitments = proof.instances.map((p) => p.commitment);
  if (expected.programRoots) {
    for (let i = 0; i < commitments.length; i++) {
      const c = commitments[i]!;
      const name = system.airs[c.airIndex]!.name;
      const want = expected.programRoots[name];
      if (!want || !c.programRoot) continue;
      const got = digestToBigints(c.programRoot);
      if (want.length !== 4 || want.some((v, k) => mod(v) !== got[k])) {
        return { ok: false, instance: i, check: 'program-root', expected: `[${want.join(', ')}]`, got: `[${got.join(', ')}]`, message: `${name}: the program root is not the expected program's` };
      }
    }
  }
  const global = drawGlobalChallenges(system, params, proof.publics, commitments);
  for (let i = 0; i < proof.instances.length; i++) {
    const r = verifyInstanceProof(system, params, global, i, proof.instances[i]!);
    if (!r.ok) return { ok: false, instance: i, check: r.check, expected: r.expected, got: r.got, message: `instance ${i} (${system.airs[commitments[i]!.airIndex]!.name}): ${r.message}` };
  }
  // Σ instance bus sums + Σ global terms m / (α + bus + Σ γ^(j+1)·v_j) must be zero.
  let total: Ext3 = ext.ZERO;
  for (const p of proof.instances) total = ext.add(total, p.busSum);
  // The global terms, then every instance's direct (once per instance) terms from its air values,
  // which the transcript bound before the bus challenges were drawn.
  const counts = instanceCounts(system, commitments.map((c) => c.airIndex));
  const terms = [...system.globalBusTerms(proof.publics, counts)];
  for (const c of commitments) terms.push(...directBusTerms(system.airs[c.airIndex]!, c.airValues));
  for (const term of terms) {
    const d = busFingerprint(global.challenges, term.bus, term.values.map(mod));
    if (ext.isZero(d)) return { ok: false, check: 'bus-sum', message: `bus term '${term.label}' has a zero fingerprint` };
    total = ext.add(total, ext.mulBase(extInv(d), mod(term.multiplicity)));
  }
  if (!ext.isZero(total)) {
    return { ok: false, check: 'bus-sum', expected: '[0, 0, 0]', got: extToString(total), message: 'the bus sums of the instances and the global terms do not add to zero' };
  }
  return {
    ok: true,
    publics: proof.publics,
    instances: commitments.map((c) => ({ air: system.airs[c.airIndex]!.name, logRows: c.logRows, programRoot: c.programRoot ? digestToBigints(c.programRoot) : undefined })),
    securityBits: securityBits(params),
    params: describeParams(params),
  };
}

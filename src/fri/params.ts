/**
 * FRI parameters, their conjectured security, and the two named profiles.
 *
 * Conjectured security follows the ethSTARK conjecture (StarkWare, "ethSTARK Documentation",
 * eprint 2021/582, Conjecture 2.3 and §5.10.1): with blowup 2^logBlowup, each FRI query of a
 * word that is far from every low-degree polynomial passes with probability about 2^−logBlowup,
 * and a proof of work of powBits bits multiplies a cheating prover's cost by 2^powBits, so
 *
 *   bits = min(numQueries · logBlowup + powBits,  fieldBits − logMaxDomain − 1)
 *
 * where fieldBits = ⌊log2 |F_p³|⌋ = 191 bounds what any random challenge drawn from the cubic
 * extension can give (the out-of-domain point, the DEEP and FRI combiners, the LogUp challenges
 * each fail with probability at most (degree · domain size) / |F|), and logMaxDomain is the log2 of
 * the largest evaluation domain (≤ 32 in Goldilocks: the default bound). This is the same
 * conjectured count Plonky3 and Winterfell report; it is not a proven bound.
 */
import type { Arity } from '../merkle/index.js';

export interface FriParams {
  /** log2 of the blowup factor: the extended domain has 2^logBlowup points per trace row. */
  readonly logBlowup: number;
  /** log2 of the folding arity: each FRI layer folds 2^logFoldingArity points into one. */
  readonly logFoldingArity: number;
  /** FRI stops folding when the degree bound is 2^logFinalPolyLen and sends that many coefficients. */
  readonly logFinalPolyLen: number;
  /** Number of query indices. */
  readonly numQueries: number;
  /** Proof-of-work bits ground before the query indices are drawn. */
  readonly powBits: number;
  /** Arity of every Merkle tree of the proof (2 or 4). */
  readonly merkleArity: Arity;
}

/** ⌊log2 p³⌋ for Goldilocks p = 2^64 − 2^32 + 1: p³ is just below 2^192. */
export const EXTENSION_FIELD_BITS = 191;

/** Bounds on every parameter; a proof's header is checked against them before anything is allocated. */
export const PARAM_LIMITS = {
  logBlowup: [1, 6],
  logFoldingArity: [1, 4],
  logFinalPolyLen: [0, 10],
  numQueries: [1, 1024],
  powBits: [0, 40],
} as const;

export type ParamsCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Whether every field is an integer within PARAM_LIMITS and the arity is 2 or 4. Never throws. */
export function checkFriParams(p: FriParams): ParamsCheck {
  if (typeof p !== 'object' || p === null) return { ok: false, message: 'params must be an object' };
  for (const [name, [lo, hi]] of Object.entries(PARAM_LIMITS)) {
    const v = (p as unknown as Record<string, unknown>)[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      return { ok: false, message: `params.${name} must be an integer in [${lo}, ${hi}], got ${String(v)}` };
    }
  }
  if (p.merkleArity !== 2 && p.merkleArity !== 4) return { ok: false, message: `params.merkleArity must be 2 or 4, got ${String(p.merkleArity)}` };
  return { ok: true };
}

/** As checkFriParams, throwing a RangeError naming the parameter (for the prover's API boundary). */
export function assertFriParams(p: FriParams): void {
  const c = checkFriParams(p);
  if (!c.ok) throw new RangeError(c.message);
}

/**
 * Conjectured security in bits (formula at the top of this file). `logMaxDomain` is the log2 of
 * the largest extended domain the parameters are used with; the default 32 is the largest
 * power-of-two domain Goldilocks has, so the cap holds for every proof.
 */
export function securityBits(p: FriParams, logMaxDomain = 32): number {
  const queryBits = p.numQueries * p.logBlowup + p.powBits;
  return Math.min(queryBits, EXTENSION_FIELD_BITS - logMaxDomain - 1);
}

/** The security level below which a parameter set is reported as insecure. */
export const MIN_SECURE_BITS = 100;

export interface FriProfile {
  readonly name: string;
  readonly params: FriParams;
  /** True when securityBits(params) < MIN_SECURE_BITS: never use it for real proofs. */
  readonly insecure: boolean;
}

function profile(name: string, params: FriParams): FriProfile {
  return Object.freeze({ name, params: Object.freeze(params), insecure: securityBits(params) < MIN_SECURE_BITS });
}

/**
 * `standard`: blowup 2 (constraint degree ≤ 3), fold by 8 (as ZisK) down to 32 coefficients,
 * 84 queries and 16 bits of grinding: 84·1 + 16 = 100 conjectured bits. Blowup 2 rather than 4
 * because the prover's time is dominated by the LDE and Merkle hashing, which scale with the
 * extended domain, while blowup 4 would only halve the queries (proof size, verifier time).
 * 16 bits of grinding cost ~65 k width-4 permutations per instance (milliseconds).
 *
 * `test`: INSECURE (14 bits). Small and fast, for tests only; every report of it says so.
 */
export const PROFILES = {
  standard: profile('standard', { logBlowup: 1, logFoldingArity: 3, logFinalPolyLen: 5, numQueries: 84, powBits: 16, merkleArity: 4 }),
  test: profile('test', { logBlowup: 1, logFoldingArity: 2, logFinalPolyLen: 2, numQueries: 12, powBits: 2, merkleArity: 4 }),
} as const;

/** One line for logs and the CLI: the parameters, the conjectured bits, and INSECURE when below 100. */
export function describeParams(p: FriParams): string {
  const bits = securityBits(p);
  const warn = bits < MIN_SECURE_BITS ? ` — INSECURE (below ${MIN_SECURE_BITS} bits): for tests only` : '';
  return (
    `FRI blowup 2^${p.logBlowup}, fold 2^${p.logFoldingArity}, final 2^${p.logFinalPolyLen}, ` +
    `${p.numQueries} queries, ${p.powBits} PoW bits, Merkle arity ${p.merkleArity}: ${bits} conjectured bits${warn}`
  );
}

export function paramsEqual(a: FriParams, b: FriParams): boolean {
  return (
    a.logBlowup === b.logBlowup &&
    a.logFoldingArity === b.logFoldingArity &&
    a.logFinalPolyLen === b.logFinalPolyLen &&
    a.numQueries === b.numQueries &&
    a.powBits === b.powBits &&
    a.merkleArity === b.merkleArity
  );
}

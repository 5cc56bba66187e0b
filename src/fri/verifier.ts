/**
 * The FRI verifier, in two steps so that the caller can open its own trees in between:
 * `friReplay` runs the transcript (layer roots → β's, final polynomial, proof of work, query
 * indices), `friCheckQueries` checks the layer openings and folds every query down to the final
 * polynomial, starting from the values the caller computed at the queried points.
 *
 * Neither throws on a malformed proof: every shape is checked before use, every failure is a
 * typed rejection.
 */
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import type { Ext3 } from '../field/index.js';
import { verify as merkleVerify } from '../merkle/index.js';
import type { Transcript } from '../transcript/index.js';
import { SHIFT, pointAt } from './domain.js';
import { foldLeaf } from './fold.js';
import type { FriParams } from './params.js';
import type { FriProof } from './prover.js';
import { distinctSorted, friShape, type FriShape } from './shape.js';

export type FriCheck = 'fri-shape' | 'fri-pow' | 'fri-merkle' | 'fri-fold' | 'fri-final';

export type FriRejection = {
  readonly ok: false;
  readonly check: FriCheck;
  readonly layer?: number;
  readonly query?: number;
  readonly expected?: string;
  readonly got?: string;
  readonly message: string;
};

export type FriReplay = { readonly ok: true; readonly shape: FriShape; readonly betas: readonly Ext3[]; readonly queries: readonly number[] } | FriRejection;

function reject(check: FriCheck, message: string, extra: Partial<Omit<FriRejection, 'ok' | 'check' | 'message'>> = {}): FriRejection {
  return { ok: false, check, message, ...extra };
}

function isWords(x: unknown, words: number): x is Uint32Array {
  return x instanceof Uint32Array && x.length === words;
}

export function extToString(v: Ext3): string {
  return `[${v[0]}, ${v[1]}, ${v[2]}]`;
}

/** The transcript side of FRI. `proof` comes from untrusted bytes; its shape is checked here. */
export function friReplay(params: FriParams, logDegree: number, proof: FriProof, transcript: Transcript): FriReplay {
  const shape = friShape(params, logDegree);
  const layers = shape.arities.length;
  if (!Array.isArray(proof.roots) || proof.roots.length !== layers || !proof.roots.every((r) => isWords(r, 8) && canonical(r))) {
    return reject('fri-shape', `expected ${layers} canonical layer roots`);
  }
  if (!isWords(proof.finalPoly, 6 * 2 ** shape.logFinal) || !canonical(proof.finalPoly)) {
    return reject('fri-shape', `expected ${2 ** shape.logFinal} canonical final coefficients`);
  }
  const betas: Ext3[] = [];
  for (const root of proof.roots) {
    transcript.observeDigest(root);
    betas.push(transcript.sampleExt());
  }
  transcript.observeElements(proof.finalPoly);
  if (!transcript.checkWitness(params.powBits, proof.nonce)) {
    return reject('fri-pow', `the nonce does not give ${params.powBits} bits of proof of work`, { got: String(proof.nonce) });
  }
  return { ok: true, shape, betas, queries: transcript.sampleIndices(params.numQueries, shape.logN) };
}

function canonical(words: Uint32Array): boolean {
  for (let i = 1; i < words.length; i += 2) if (words[i] === 0xffffffff && words[i - 1] !== 0) return false;
  return true;
}

function extAt(words: Uint32Array, k: number): Ext3 {
  const e = (i: number) => (BigInt(words[2 * i + 1]!) << 32n) | BigInt(words[2 * i]!);
  return [e(3 * k), e(3 * k + 1), e(3 * k + 2)];
}

/**
 * Checks the query phase: `initial[i]` is the value of layer 0 at queries[i] that the caller
 * computed (the DEEP composition from its opened trees).
 */
export function friCheckQueries(
  params: FriParams,
  replay: Extract<FriReplay, { ok: true }>,
  proof: FriProof,
  initial: readonly Ext3[],
): { readonly ok: true } | FriRejection {
  const { shape, betas, queries } = replay;
  if (!Array.isArray(proof.layers) || proof.layers.length !== shape.arities.length) {
    return reject('fri-shape', `expected openings of ${shape.arities.length} layers`);
  }
  // Merkle openings of every layer at the distinct folded indices.
  const leafIndex: Map<number, number>[] = [];
  let bits = 0;
  for (let l = 0; l < shape.arities.length; l++) {
    const a = shape.arities[l]!;
    bits += a;
    const indices = distinctSorted(queries.map((q) => q >>> bits));
    const opening = proof.layers[l]!;
    if (!Array.isArray(opening.leaves) || opening.leaves.length !== indices.length) {
      return reject('fri-shape', `layer ${l} opens ${Array.isArray(opening.leaves) ? opening.leaves.length : 'no'} leaves, the queries need ${indices.length}`, { layer: l });
    }
    const height = 2 ** (shape.layerLogSizes[l]! - a);
    const m = merkleVerify(proof.roots[l]!, height, 3 * 2 ** a, indices, opening.leaves, opening.proof, { arity: params.merkleArity });
    if (!m.ok) return reject('fri-merkle', `layer ${l} opening: ${m.reason} (${m.detail})`, { layer: l });
    leafIndex.push(new Map(indices.map((idx, k) => [idx, k])));
  }
  const finalPoly: Ext3[] = Array.from({ length: 2 ** shape.logFinal }, (_, i) => extAt(proof.finalPoly, i));
  for (let qi = 0; qi < queries.length; qi++) {
    let idx = queries[qi]!;
    let value = initial[qi]!;
    let shift = SHIFT;
    for (let l = 0; l < shape.arities.length; l++) {
      const a = shape.arities[l]!;
      const arity = 2 ** a;
      const leaf = proof.layers[l]!.leaves[leafIndex[l]!.get(idx >>> a)!]!;
      const entry = extAt(leaf, idx & (arity - 1));
      if (!ext.eq(entry, value)) {
        return reject('fri-fold', `query ${qi}: layer ${l} holds a value that is not the fold of the layer before`, {
          layer: l,
          query: qi,
          expected: extToString(value),
          got: extToString(entry),
        });
      }
      const values = Array.from({ length: arity }, (_, k) => extAt(leaf, k));
      value = foldLeaf(values, idx >>> a, shape.layerLogSizes[l]!, shift, betas[l]!);
      idx >>>= a;
      for (let i = 0; i < a; i++) shift = gl.mul(shift, shift);
    }
    const x = pointAt(shape.logFinalDomain, shift, idx);
    let acc: Ext3 = ext.ZERO;
    for (let i = finalPoly.length - 1; i >= 0; i--) acc = ext.add(ext.mulBase(acc, x), finalPoly[i]!);
    if (!ext.eq(acc, value)) {
      return reject('fri-final', `query ${qi}: the final polynomial disagrees with the folded value`, {
        query: qi,
        expected: extToString(value),
        got: extToString(acc),
      });
    }
  }
  return { ok: true };
}

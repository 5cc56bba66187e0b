/**
 * Poseidon2 over Goldilocks — the one hash of zisk-ts (Merkle commitments and Fiat–Shamir).
 *
 * Permutation: width 16, x^7, 8 full + 22 partial rounds, the parameter set of the Poseidon2
 * reference implementation (HorizenLabs/poseidon2) that ZisK uses (constants.ts names the files).
 * Proof-of-work grinding uses ZisK's width-4 instance (POSEIDON2_GOLDILOCKS_4), a third the cost.
 *
 * Conventions (every implementation, the Merkle tree and a verifier in another language follow
 * exactly these). Elements are canonical u64; a state is s[0‥16).
 *
 *   hashElements(x[0‥n)) — the sponge for a sequence whose length both sides know (a Merkle row):
 *     n = 0: digest = [0, 0, 0, 0]. Otherwise, with d = [0, 0, 0, 0] and for each chunk of up to
 *     RATE = 12 elements in order: s = chunk ‖ zeros up to 12 ‖ d (CAPACITY = 4 elements),
 *     s = P(s), d = s[0‥4). The digest is the last d (4 elements, 256 bits).
 *     Zero padding without a length marker makes inputs of different lengths that differ only in
 *     trailing zeros collide: the length is part of the statement (the matrix width), never data.
 *     This equals pil2-proofman's Poseidon2 linearHash and is checked against its published vector.
 *
 *   compress(c_0, …, c_{a−1}), a ∈ {2, 4} — a Merkle node from its children's digests:
 *     s = c_0 ‖ … ‖ c_{a−1} ‖ zeros up to 16, digest = P(s)[0‥4).
 *     For a = 4 this is pil2-proofman's node hash; a = 2 leaves eight zero elements.
 *
 * Digests and elements travel as u32 halves (element i = words 2i low, 2i + 1 high), the layout of
 * Matrix; Digest is 8 such words.
 */
import { DIGEST_ELEMS, DIGEST_WORDS } from './sizes.js';
import { sharedPoseidon2, type Poseidon2Wasm } from './wasm.js';

export { WIDTH, RATE, CAPACITY, DIGEST_ELEMS, DIGEST_WORDS } from './sizes.js';
export { POSEIDON2_GOLDILOCKS_16, POSEIDON2_GOLDILOCKS_4 } from './constants.js';
export type { Poseidon2Params } from './params.js';
export { P, permuteReference, hashElementsReference, compressReference } from './reference.js';
export { type Poseidon2, Poseidon2Reference, wordsToElements, elementsToWords } from './permutation.js';
export { Poseidon2Wasm, sharedPoseidon2 } from './wasm.js';

/** Four canonical elements as 8 u32 words (low, high, low, high, …). */
export type Digest = Uint32Array;

/** The sponge digest of elements given as u32 halves (2 words each). */
export function hashElements(elements: Uint32Array, hasher: Poseidon2Wasm = sharedPoseidon2()): Digest {
  if (elements.length % 2 !== 0) throw new RangeError('elements must be whole u32 pairs');
  // One row whose columns are the elements: a column-major block of height 1 is just the list.
  return hasher.hashColumnMajor(elements, elements.length / 2, 1);
}

/** The node digest of `arity` (2 or 4) child digests stored back to back (8 words each). */
export function compress(children: Uint32Array, arity: 2 | 4, hasher: Poseidon2Wasm = sharedPoseidon2()): Digest {
  if (children.length !== arity * DIGEST_WORDS) throw new RangeError(`compress takes ${arity} digests (${arity * DIGEST_WORDS} words)`);
  const out = new Uint32Array(DIGEST_WORDS);
  hasher.compressLevel(children, arity, arity, out);
  return out;
}

/** The digest's four elements as BigInts (API edges, tests). */
export function digestToBigints(d: Digest): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < DIGEST_ELEMS; i++) out.push((BigInt(d[2 * i + 1]!) << 32n) | BigInt(d[2 * i]!));
  return out;
}

export function digestFromBigints(xs: readonly bigint[]): Digest {
  if (xs.length !== DIGEST_ELEMS) throw new RangeError(`a digest has ${DIGEST_ELEMS} elements, got ${xs.length}`);
  const d = new Uint32Array(DIGEST_WORDS);
  xs.forEach((x, i) => {
    d[2 * i] = Number(x & 0xffffffffn);
    d[2 * i + 1] = Number(x >> 32n);
  });
  return d;
}

export function digestEquals(a: Digest, b: Digest): boolean {
  if (a.length !== DIGEST_WORDS || b.length !== DIGEST_WORDS) return false;
  for (let i = 0; i < DIGEST_WORDS; i++) if (a[i] !== b[i]) return false;
  return true;
}

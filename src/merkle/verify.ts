import { DIGEST_WORDS, sharedPoseidon2, type Digest, type Poseidon2Wasm } from '../hash/index.js';
import { DEFAULT_ARITY, distinctSorted, levelSizes, type Arity } from './tree.js';

/** Why a batch opening was rejected. */
export type MerkleRejection =
  | 'bad-arity'
  | 'bad-root'
  | 'bad-height'
  | 'bad-width'
  | 'no-indices'
  | 'bad-index'
  | 'row-count'
  | 'row-shape'
  | 'non-canonical'
  | 'inconsistent-duplicate'
  | 'proof-length'
  | 'root-mismatch';

export type MerkleVerification = { ok: true } | { ok: false; reason: MerkleRejection; detail: string };

export interface VerifyOptions {
  arity?: Arity;
  hasher?: Poseidon2Wasm;
}

/** Largest height accepted: row indices stay exact small integers. */
const MAX_HEIGHT = 2 ** 40;
const P_HI = 0xffffffff;

function reject(reason: MerkleRejection, detail: string): MerkleVerification {
  return { ok: false, reason, detail };
}

/** Every element (u32 pair) below p = 2^64 − 2^32 + 1: x ≥ p ⇔ high word 0xffffffff and low ≥ 1. */
function allCanonical(words: Uint32Array): boolean {
  for (let i = 0; i + 1 < words.length; i += 2) {
    if (words[i + 1] === P_HI && words[i] !== 0) return false;
  }
  return true;
}

/**
 * Checks that `rows` are rows `indices` of the height×width matrices committed to by `root`, with
 * `proof` from open(). Never throws: malformed or tampered input of any shape is a rejection with
 * a reason. The caller supplies height, width and arity from the statement, not from the prover.
 */
export function verify(
  root: Digest,
  height: number,
  width: number,
  indices: readonly number[],
  rows: readonly Uint32Array[],
  proof: Uint32Array,
  options: VerifyOptions = {},
): MerkleVerification {
  const arity = options.arity ?? DEFAULT_ARITY;
  if (arity !== 2 && arity !== 4) return reject('bad-arity', `arity ${String(arity)} is not 2 or 4`);
  if (!(root instanceof Uint32Array) || root.length !== DIGEST_WORDS || !allCanonical(root)) {
    return reject('bad-root', 'the root is not a canonical digest of 8 words');
  }
  if (!Number.isSafeInteger(height) || height < 1 || height > MAX_HEIGHT) return reject('bad-height', `height ${String(height)}`);
  if (!Number.isSafeInteger(width) || width < 0 || width > 1 << 24) return reject('bad-width', `width ${String(width)}`);
  if (!Array.isArray(indices) || indices.length === 0) return reject('no-indices', 'no row index to check');
  if (!Array.isArray(rows) || rows.length !== indices.length) {
    return reject('row-count', `${indices.length} indices but ${Array.isArray(rows) ? rows.length : 'no'} rows`);
  }
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= height) return reject('bad-index', `index ${String(i)} at position ${k}`);
    const row = rows[k];
    if (!(row instanceof Uint32Array) || row.length !== 2 * width) return reject('row-shape', `row ${k} is not ${2 * width} u32 words`);
    if (!allCanonical(row)) return reject('non-canonical', `row ${k} holds an element ≥ p`);
  }
  if (!(proof instanceof Uint32Array) || proof.length % DIGEST_WORDS !== 0) return reject('proof-length', 'the proof is not whole digests');
  if (!allCanonical(proof)) return reject('non-canonical', 'the proof holds an element ≥ p');

  // One row per distinct index; repeats must carry identical values.
  const known = distinctSorted(indices);
  const firstRow = new Map<number, Uint32Array>();
  for (let k = 0; k < indices.length; k++) {
    const seen = firstRow.get(indices[k]!);
    if (!seen) firstRow.set(indices[k]!, rows[k]!);
    else if (!seen.every((w, j) => w === rows[k]![j])) return reject('inconsistent-duplicate', `index ${indices[k]} opened with two different rows`);
  }
  // Leaf digests of the distinct rows, hashed in one kernel call from a column-major block.
  const hasher = options.hasher ?? sharedPoseidon2();
  const block = new Uint32Array(2 * width * known.length);
  known.forEach((idx, r) => {
    const row = firstRow.get(idx)!;
    for (let c = 0; c < width; c++) {
      block[2 * (c * known.length + r)] = row[2 * c]!;
      block[2 * (c * known.length + r) + 1] = row[2 * c + 1]!;
    }
  });
  let digests = hasher.hashColumnMajor(block, width, known.length);

  const sizes = levelSizes(height, arity);
  let nodes = known;
  let cursor = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const parents = distinctSorted(nodes.map((i) => Math.floor(i / arity)));
    const packed = new Uint32Array(parents.length * arity * DIGEST_WORDS);
    let next = 0; // position in `nodes`, which is ascending like the children we walk
    for (let g = 0; g < parents.length; g++) {
      for (let s = 0; s < arity; s++) {
        const c = parents[g]! * arity + s;
        const at = (g * arity + s) * DIGEST_WORDS;
        if (next < nodes.length && nodes[next] === c) {
          packed.set(digests.subarray(next * DIGEST_WORDS, (next + 1) * DIGEST_WORDS), at);
          next++;
        } else if (c < sizes[l]!) {
          if (cursor + DIGEST_WORDS > proof.length) return reject('proof-length', `the proof ends before level ${l}`);
          packed.set(proof.subarray(cursor, cursor + DIGEST_WORDS), at);
          cursor += DIGEST_WORDS;
        } // else: past the end of the level, a zero digest (packed is zeroed)
      }
    }
    const out = new Uint32Array(parents.length * DIGEST_WORDS);
    hasher.compressLevel(packed, parents.length * arity, arity, out);
    digests = out;
    nodes = parents;
  }
  if (cursor !== proof.length) return reject('proof-length', `${(proof.length - cursor) / DIGEST_WORDS} unused proof digests`);
  for (let w = 0; w < DIGEST_WORDS; w++) {
    if (digests[w] !== root[w]) return reject('root-mismatch', 'the recomputed root differs from the commitment');
  }
  return { ok: true };
}

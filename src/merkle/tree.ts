import { DIGEST_WORDS, sharedPoseidon2, type Digest, type Poseidon2Wasm } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';

export type Arity = 2 | 4;

/**
 * Arity 4 by default, as ZisK: a width-16 permutation takes four child digests at once, so a node
 * costs one permutation either way and arity 4 needs a third of the node hashes of arity 2
 * (n/3 against n) and half the levels, hence half the hashes a verifier spends per path. The price
 * is proof size: 3 sibling digests per level over log4(n) levels = 1.5× the siblings of arity 2,
 * less when many openings share upper nodes.
 */
export const DEFAULT_ARITY: Arity = 4;

/**
 * A commitment to one or more matrices of equal height: leaf r is the sponge digest (hash/index.ts)
 * of row r — the matrices' rows concatenated in order — and each level above compresses groups of
 * `arity` digests, a last incomplete group padded with zero digests, until one digest remains.
 * A single row's tree is just its leaf: root = leaf digest.
 *
 * Memory: every level as one typed array (8 u32 words a digest): 32·n·arity/(arity−1) bytes,
 * about 180 MB for 2^22 rows at arity 4.
 */
export interface MerkleTree {
  readonly arity: Arity;
  /** Number of rows = leaves. */
  readonly height: number;
  /** Elements per leaf row, over all matrices. */
  readonly width: number;
  readonly matrices: readonly Matrix[];
  /** levels[0]: leaf digests; levels[k + 1]: parents of levels[k]; the last holds the root alone. */
  readonly levels: readonly Uint32Array[];
  readonly root: Digest;
}

export interface CommitOptions {
  arity?: Arity;
  hasher?: Poseidon2Wasm;
  /**
   * Leaf digests computed beforehand (8·height words), e.g. by workers each running hashLeaves on
   * a row range of shared matrices; then commit only builds the levels above.
   */
  leaves?: Uint32Array;
  /**
   * The lowest levels computed beforehand: lowerLevels[0] the leaf digests, lowerLevels[k] the
   * complete level k (levelSizes(height, arity)[k] digests); commit builds the levels above the
   * last one given. Workers can hash a row range and the subtrees above it (commitParallel).
   */
  lowerLevels?: readonly Uint32Array[];
}

/** Number of digests at each level, leaves first, root (1) last. */
export function levelSizes(height: number, arity: Arity): number[] {
  const sizes = [height];
  for (let n = height; n > 1; ) {
    n = Math.ceil(n / arity);
    sizes.push(n);
  }
  return sizes;
}

function asList(matrices: Matrix | readonly Matrix[]): readonly Matrix[] {
  const list = matrices instanceof Matrix ? [matrices] : matrices;
  if (list.length === 0) throw new RangeError('commit needs at least one matrix');
  const height = list[0]!.height;
  for (const m of list) {
    if (m.height !== height) throw new RangeError(`matrices must share one height: ${height} and ${m.height}`);
  }
  return list;
}

/**
 * Leaf digests of rows [rowStart, rowEnd), written at words 8·rowStart‥ of `leaves` (8·height
 * words): the unit of work a worker pool splits a commitment into.
 */
export function hashLeaves(
  matrices: Matrix | readonly Matrix[],
  rowStart: number,
  rowEnd: number,
  leaves: Uint32Array,
  hasher: Poseidon2Wasm = sharedPoseidon2(),
): void {
  hasher.hashRowRange(asList(matrices), rowStart, rowEnd, leaves, rowStart * DIGEST_WORDS);
}

export function commit(matrices: Matrix | readonly Matrix[], options: CommitOptions = {}): MerkleTree {
  const list = asList(matrices);
  const arity = options.arity ?? DEFAULT_ARITY;
  if (arity !== 2 && arity !== 4) throw new RangeError(`arity must be 2 or 4, got ${arity}`);
  const hasher = options.hasher ?? sharedPoseidon2();
  const height = list[0]!.height;
  if (height < 1) throw new RangeError('cannot commit to a matrix with no rows');
  const width = list.reduce((a, m) => a + m.width, 0);

  const sizes = levelSizes(height, arity);
  const given = options.lowerLevels;
  if (given) {
    if (given.length < 1 || given.length > sizes.length) throw new RangeError(`lowerLevels must hold 1‥${sizes.length} levels, got ${given.length}`);
    given.forEach((lv, k) => {
      if (lv.length !== sizes[k]! * DIGEST_WORDS) throw new RangeError(`lowerLevels[${k}] must hold ${sizes[k]! * DIGEST_WORDS} words, got ${lv.length}`);
    });
  }
  let leaves = given?.[0] ?? options.leaves;
  if (leaves) {
    if (leaves.length !== height * DIGEST_WORDS) throw new RangeError(`leaves must hold ${height * DIGEST_WORDS} words, got ${leaves.length}`);
  } else {
    leaves = new Uint32Array(height * DIGEST_WORDS);
    hasher.hashRowRange(list, 0, height, leaves);
  }
  const levels = given ? [...given] : [leaves];
  for (let l = levels.length; l < sizes.length; l++) {
    const parents = new Uint32Array(sizes[l]! * DIGEST_WORDS);
    hasher.compressLevel(levels[l - 1]!, sizes[l - 1]!, arity, parents);
    levels.push(parents);
  }
  return { arity, height, width, matrices: list, levels, root: levels[levels.length - 1]!.slice() };
}

/** The opened rows and the authentication data of one batch opening. */
export interface MerkleOpening {
  /** Row values (2 words an element, `width` elements), one per requested index, in request order. */
  readonly rows: Uint32Array[];
  /** Sibling digests, 8 words each, in the order of proofLayout. */
  readonly proof: Uint32Array;
}

/** Ascending distinct indices. */
export function distinctSorted(indices: readonly number[]): number[] {
  return [...new Set(indices)].sort((a, b) => a - b);
}

/**
 * Opens rows `indices` (any order, repeats allowed). The proof shares nodes: level by level from
 * the leaves up, for each parent of the nodes known so far (ascending), the children that are
 * neither known nor past the end of the level, in ascending index order. Cost for q random indices
 * among n leaves: about q·(arity − 1)·log_arity(n/q) digests, against q·(arity − 1)·log_arity(n)
 * for independent paths — the top log_arity(q) levels are shared.
 */
export function open(tree: MerkleTree, indices: readonly number[]): MerkleOpening {
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= tree.height) throw new RangeError(`row index ${i} is outside 0‥${tree.height - 1}`);
  }
  const rows = indices.map((r) => readRow(tree.matrices, r, tree.width));
  const sizes = levelSizes(tree.height, tree.arity);
  const siblings: Uint32Array[] = [];
  let known = distinctSorted(indices);
  for (let l = 0; l + 1 < sizes.length; l++) {
    const level = tree.levels[l]!;
    const parents = distinctSorted(known.map((i) => Math.floor(i / tree.arity)));
    const knownSet = new Set(known);
    for (const p of parents) {
      for (let c = p * tree.arity; c < (p + 1) * tree.arity && c < sizes[l]!; c++) {
        if (!knownSet.has(c)) siblings.push(level.subarray(c * DIGEST_WORDS, (c + 1) * DIGEST_WORDS));
      }
    }
    known = parents;
  }
  const proof = new Uint32Array(siblings.length * DIGEST_WORDS);
  siblings.forEach((d, k) => proof.set(d, k * DIGEST_WORDS));
  return { rows, proof };
}

function readRow(matrices: readonly Matrix[], r: number, width: number): Uint32Array {
  const row = new Uint32Array(2 * width);
  let j = 0;
  for (const m of matrices) {
    for (let c = 0; c < m.width; c++, j++) {
      const i = 2 * (c * m.height + r);
      row[2 * j] = m.data[i]!;
      row[2 * j + 1] = m.data[i + 1]!;
    }
  }
  return row;
}

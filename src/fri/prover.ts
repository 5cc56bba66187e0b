/**
 * The FRI prover (commit phase, final polynomial, proof of work, query openings), on a
 * transcript that the caller has brought to the point where FRI starts (docs/stark.md, FRI).
 */
import * as fast from '../field/fast.js';
import * as ext from '../field/extension.js';
import type { Ext3 } from '../field/index.js';
import type { Digest } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import { commitParallel, open, type MerkleTree } from '../merkle/index.js';
import { interpolate } from '../ntt/index.js';
import type { WorkerPool } from '../parallel/index.js';
import type { Transcript } from '../transcript/index.js';
import { SHIFT, shiftAfter } from './domain.js';
import { foldLayerBy2 } from './fold.js';
import type { FriParams } from './params.js';
import { distinctSorted, friShape } from './shape.js';

/** The openings of one committed layer: its leaves at the distinct folded query indices, ascending. */
export interface FriLayerOpening {
  /** One leaf per distinct index: 2^arity extension values = 3·2^arity elements (6·2^arity words). */
  readonly leaves: readonly Uint32Array[];
  /** The batch Merkle proof of those leaves (src/merkle open). */
  readonly proof: Uint32Array;
}

export interface FriProof {
  /** Root of each committed layer. */
  readonly roots: readonly Digest[];
  /** 2^logFinal extension coefficients, lowest degree first, 6 words each (c0, c1, c2 as u32 halves). */
  readonly finalPoly: Uint32Array;
  /** The proof-of-work nonce. */
  readonly nonce: bigint;
  readonly layers: readonly FriLayerOpening[];
}

export interface FriProveOptions {
  pool?: WorkerPool | undefined;
  /** Milliseconds spent per step are added here ('fri.commit', 'fri.fold', 'fri.pow', 'fri.open'). */
  timings?: Record<string, number> | undefined;
}

function addTime(t: Record<string, number> | undefined, key: string, start: number): void {
  if (t) t[key] = (t[key] ?? 0) + (performance.now() - start);
}

/**
 * The leaf matrix of a layer: row j holds the 2^a consecutive values A·j … A·j + A − 1, value k's
 * coefficients c0, c1, c2 at columns 3k, 3k + 1, 3k + 2.
 */
function leafMatrix(values: Uint32Array, logM: number, a: number, shared: boolean): Matrix {
  const m = 2 ** logM;
  const arity = 2 ** a;
  const rows = m / arity;
  const out = shared ? Matrix.shared(3 * arity, rows) : new Matrix(3 * arity, rows);
  const d = out.data;
  for (let k = 0; k < arity; k++) {
    for (let c = 0; c < 3; c++) {
      const src = 2 * c * m + 2 * k;
      const dst = 2 * (3 * k + c) * rows;
      for (let j = 0; j < rows; j++) {
        d[dst + 2 * j] = values[src + 2 * arity * j]!;
        d[dst + 2 * j + 1] = values[src + 2 * arity * j + 1]!;
      }
    }
  }
  return out;
}

/**
 * Proves that `values` — a planar extension column of 2^(logDegree + logBlowup) values,
 * bit-reversed on SHIFT·⟨ω_N⟩ — are the evaluations of a polynomial of degree < 2^logDegree.
 * Returns the proof and the query indices (in [0, N)), at which the caller opens the trees the
 * values were computed from.
 */
export async function friProve(
  params: FriParams,
  logDegree: number,
  values: Uint32Array,
  transcript: Transcript,
  options: FriProveOptions = {},
): Promise<{ proof: FriProof; queries: number[] }> {
  const shape = friShape(params, logDegree);
  const { pool, timings } = options;
  if (values.length !== 6 * 2 ** shape.logN) {
    throw new RangeError(`FRI input must be ${6 * 2 ** shape.logN} words (2^${shape.logN} extension values), got ${values.length}`);
  }
  const trees: MerkleTree[] = [];
  const roots: Digest[] = [];
  let layer = values;
  let shift = SHIFT;
  let logM = shape.logN;
  for (const a of shape.arities) {
    let t = performance.now();
    const tree = await commitParallel(pool, leafMatrix(layer, logM, a, pool !== undefined && pool.workers > 1), {
      arity: params.merkleArity,
    });
    trees.push(tree);
    roots.push(tree.root);
    transcript.observeDigest(tree.root);
    addTime(timings, 'fri.commit', t);
    t = performance.now();
    let beta: Ext3 = transcript.sampleExt();
    for (let i = 0; i < a; i++) {
      layer = foldLayerBy2(layer, logM, shift, fast.fromBigInts(beta));
      logM -= 1;
      shift = shiftAfter(shift, 1);
      beta = ext.mul(beta, beta);
    }
    addTime(timings, 'fri.fold', t);
  }
  // The final layer's coefficients: all but the first 2^logFinal are zero for an honest prover.
  let t = performance.now();
  const coeffs = interpolate(new Matrix(3, 2 ** logM, layer), shift, 'bit-reversed');
  const count = 2 ** shape.logFinal;
  const finalPoly = new Uint32Array(6 * count);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < 3; c++) {
      finalPoly[6 * i + 2 * c] = coeffs.data[2 * (c * coeffs.height + i)]!;
      finalPoly[6 * i + 2 * c + 1] = coeffs.data[2 * (c * coeffs.height + i) + 1]!;
    }
  }
  transcript.observeElements(finalPoly);
  addTime(timings, 'fri.fold', t);
  t = performance.now();
  const nonce = transcript.grind(params.powBits);
  const queries = transcript.sampleIndices(params.numQueries, shape.logN);
  addTime(timings, 'fri.pow', t);
  t = performance.now();
  const layers: FriLayerOpening[] = [];
  let shiftBits = 0;
  shape.arities.forEach((a, l) => {
    shiftBits += a;
    const { rows, proof } = open(trees[l]!, distinctSorted(queries.map((q) => q >>> shiftBits)));
    layers.push({ leaves: rows, proof });
  });
  addTime(timings, 'fri.open', t);
  return { proof: { roots, finalPoly, nonce, layers }, queries };
}

/**
 * The plain, obviously-correct Poseidon2 and the sponge/compression built on it, in BigInt arithmetic.
 *
 * Written from the paper's definition (see params.ts), with the linear layers as explicit matrices
 * rather than the addition chains of the fast kernel, so that the two implementations share no
 * shortcut. Slow (about a thousand permutations a second): for tests, for tiny inputs and as the
 * ground truth of the WebAssembly kernel.
 */
import { POSEIDON2_GOLDILOCKS_16 } from './constants.js';
import type { Poseidon2Params } from './params.js';
import { CAPACITY, DIGEST_ELEMS, RATE, WIDTH } from './sizes.js';

export const P = 0xffffffff00000001n;

const M4: readonly (readonly bigint[])[] = [
  [5n, 7n, 1n, 3n],
  [4n, 6n, 1n, 1n],
  [1n, 3n, 5n, 7n],
  [1n, 1n, 4n, 6n],
];

/** M_E as a dense width×width matrix: M4 itself for t = 4, else circ(2·M4, M4, …, M4). */
function externalMatrix(width: number): bigint[][] {
  if (width === 4) return M4.map((row) => [...row]);
  const m: bigint[][] = [];
  for (let i = 0; i < width; i++) {
    const row: bigint[] = [];
    for (let j = 0; j < width; j++) {
      const block = Math.floor(i / 4) === Math.floor(j / 4) ? 2n : 1n;
      row.push(block * M4[i % 4]![j % 4]!);
    }
    m.push(row);
  }
  return m;
}

const externalCache = new Map<number, bigint[][]>();

function mulMatrix(m: readonly (readonly bigint[])[], x: readonly bigint[]): bigint[] {
  return m.map((row) => row.reduce((acc, mij, j) => acc + mij * x[j]!, 0n) % P);
}

function pow7(x: bigint): bigint {
  const x2 = (x * x) % P;
  const x4 = (x2 * x2) % P;
  return (((x4 * x2) % P) * x) % P;
}

/** M_I·x with M_I = J + diag(d): every output is Σx plus d_i·x_i. */
function internalLayer(d: readonly bigint[], x: readonly bigint[]): bigint[] {
  const sum = x.reduce((a, b) => a + b, 0n);
  return x.map((xi, i) => (sum + d[i]! * xi) % P);
}

/** The Poseidon2 permutation of `params` (default: the width-16 instance) on canonical elements. */
export function permuteReference(input: readonly bigint[], params: Poseidon2Params = POSEIDON2_GOLDILOCKS_16): bigint[] {
  const t = params.width;
  if (input.length !== t) throw new RangeError(`state must have ${t} elements, got ${input.length}`);
  for (const x of input) if (x < 0n || x >= P) throw new RangeError(`state element ${x} is not canonical`);
  let me = externalCache.get(t);
  if (!me) externalCache.set(t, (me = externalMatrix(t)));

  let x = mulMatrix(me, input);
  for (const rc of params.externalInitial) x = mulMatrix(me, x.map((xi, i) => pow7((xi + rc[i]!) % P)));
  for (const c of params.internal) {
    x[0] = pow7((x[0]! + c) % P);
    x = internalLayer(params.internalDiag, x);
  }
  for (const rc of params.externalFinal) x = mulMatrix(me, x.map((xi, i) => pow7((xi + rc[i]!) % P)));
  return x;
}

/**
 * The sponge hash of a sequence of elements (see index.ts for the convention): absorbs 12 elements
 * per permutation into positions 0‥11, carrying the previous digest in positions 12‥15.
 */
export function hashElementsReference(xs: readonly bigint[]): bigint[] {
  if (xs.length === 0) return new Array<bigint>(DIGEST_ELEMS).fill(0n);
  let digest = new Array<bigint>(CAPACITY).fill(0n);
  for (let off = 0; off < xs.length; off += RATE) {
    const chunk = xs.slice(off, off + RATE);
    const state = [...chunk, ...new Array<bigint>(RATE - chunk.length).fill(0n), ...digest];
    digest = permuteReference(state).slice(0, DIGEST_ELEMS);
  }
  return digest;
}

/** Compression of `children.length` (2 or 4) digests into one: P(c_0 ‖ … ‖ 0…)[0‥4). */
export function compressReference(children: readonly (readonly bigint[])[]): bigint[] {
  const state = children.flat();
  if (state.length > WIDTH) throw new RangeError(`at most ${WIDTH / DIGEST_ELEMS} digests fit one compression`);
  while (state.length < WIDTH) state.push(0n);
  return permuteReference(state).slice(0, DIGEST_ELEMS);
}

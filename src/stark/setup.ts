/**
 * The setup: fixed columns (tables, row counters) depend only on (AIR, logRows, blowup, Merkle
 * arity), so their commitment is computed once and cached in memory, and its tree on disk
 * (setup-cache.ts) for later processes. The prover takes the LDE and the tree; the verifier
 * needs only the root, through `fixedRoot` — the one function a later release can back with
 * precomputed keys for large tables.
 */
import type { Air } from '../air/index.js';
import type { FriParams } from '../fri/index.js';
import { SHIFT } from '../fri/index.js';
import type { Digest } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import { commit, commitParallel, type MerkleTree } from '../merkle/index.js';
import { lde, ldeParallel } from '../ntt/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { loadCachedLevels, storeCachedLevels } from './setup-cache.js';

export interface FixedSetup {
  /** The fixed columns on the trace domain (2^logRows rows, natural order). */
  readonly values: Matrix;
  /** Their LDE on D, bit-reversed. */
  readonly lde: Matrix;
  readonly tree: MerkleTree;
  readonly root: Digest;
}

let setups = new WeakMap<Air, Map<string, FixedSetup>>();
let roots = new WeakMap<Air, Map<string, Digest>>();

function key(logRows: number, params: FriParams): string {
  return `${logRows}/${params.logBlowup}/${params.merkleArity}`;
}

function fixedValues(air: Air, logRows: number, shared: boolean): Matrix {
  return air.fixedValues(logRows, (w, h) => (shared ? Matrix.shared(w, h) : new Matrix(w, h)))!;
}

/** The prover's fixed-column data for an instance of `air` with 2^logRows rows; undefined when it has none. */
export async function fixedSetup(
  air: Air,
  logRows: number,
  params: FriParams,
  pool?: WorkerPool,
): Promise<FixedSetup | undefined> {
  if (air.fixedWidth === 0) return undefined;
  let byKey = setups.get(air);
  if (!byKey) setups.set(air, (byKey = new Map()));
  const k = key(logRows, params);
  let s = byKey.get(k);
  if (!s) {
    const parallel = pool !== undefined && pool.workers > 1;
    const values = fixedValues(air, logRows, parallel);
    const ext = parallel ? await ldeParallel(pool, values, params.logBlowup, SHIFT, 'bit-reversed') : lde(values, params.logBlowup, SHIFT, 'bit-reversed');
    const cacheKey = { air: air.name, logRows, logBlowup: params.logBlowup, arity: params.merkleArity, values };
    const cached = loadCachedLevels(cacheKey, ext);
    let tree: MerkleTree;
    if (cached) {
      tree = commit(ext, { arity: params.merkleArity, lowerLevels: cached });
    } else {
      tree = await commitParallel(pool, ext, { arity: params.merkleArity });
      storeCachedLevels(cacheKey, ext.height, tree.levels);
    }
    s = { values, lde: ext, tree, root: tree.root };
    byKey.set(k, s);
    rootsFor(air).set(k, tree.root);
  }
  return s;
}

function rootsFor(air: Air): Map<string, Digest> {
  let m = roots.get(air);
  if (!m) roots.set(air, (m = new Map()));
  return m;
}

/** A precomputed fixed-column root (a verification key entry), as a system ships it. */
export interface FixedKey {
  readonly air: string;
  readonly logRows: number;
  readonly logBlowup: number;
  readonly merkleArity: number;
  /** The root's four elements. */
  readonly root: readonly bigint[];
}

const registered = new Map<string, Digest>();

/**
 * Makes precomputed roots available to `fixedRoot`, so a verifier need not commit large tables
 * itself (seconds for a 2^17-row table). The keys must come from `fixedSetup` over the same AIRs:
 * a system ships them generated, and tests recompute them.
 */
export function registerFixedKeys(keys: readonly FixedKey[]): void {
  for (const k of keys) {
    const d = new Uint32Array(8);
    k.root.forEach((v, i) => {
      d[2 * i] = Number(v & 0xffffffffn);
      d[2 * i + 1] = Number(v >> 32n);
    });
    registered.set(`${k.air}/${k.logRows}/${k.logBlowup}/${k.merkleArity}`, d);
  }
}

/**
 * The fixed-column root of `air` at 2^logRows rows (the verifier's view of the setup): a
 * registered key, the cache, or computed on this thread. Undefined when the AIR has no fixed columns.
 */
export function fixedRoot(air: Air, logRows: number, params: FriParams): Digest | undefined {
  if (air.fixedWidth === 0) return undefined;
  const k = key(logRows, params);
  const known = registered.get(`${air.name}/${k}`);
  if (known) return known;
  const m = rootsFor(air);
  let r = m.get(k);
  if (!r) {
    const values = fixedValues(air, logRows, false);
    r = commit(lde(values, params.logBlowup, SHIFT, 'bit-reversed'), { arity: params.merkleArity }).root;
    m.set(k, r);
  }
  return r;
}

/** Drops the cached setups of `air`, or of every AIR (the cache holds LDEs and trees of every table proved). */
export function clearSetupCache(air?: Air): void {
  if (air) {
    setups.delete(air);
    roots.delete(air);
  } else {
    setups = new WeakMap();
    roots = new WeakMap();
  }
}

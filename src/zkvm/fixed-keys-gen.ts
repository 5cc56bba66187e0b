/**
 * The fixed-column roots of every table of the zkVM, for each parameter profile: what
 * `scripts/generate-fixed-keys.ts` writes into fixed-keys.ts and what the tests recompute.
 */
import { digestToBigints } from '../hash/index.js';
import { PROFILES, type FriParams } from '../fri/index.js';
import { fixedSetup, type FixedKey } from '../stark/index.js';
import type { WorkerPool } from '../parallel/index.js';
import type { StarkSystem } from '../stark/index.js';

/** The tables (AIRs of one height) with fixed columns, and the (blowup, arity) pairs of the profiles. */
export function fixedKeyTargets(system: StarkSystem) {
  const shapes = new Map<string, FriParams>();
  for (const p of Object.values(PROFILES)) shapes.set(`${p.params.logBlowup}/${p.params.merkleArity}`, p.params);
  const airs = system.airs.filter((a) => a.fixedWidth > 0 && a.logRows !== undefined);
  return { airs, shapes: [...shapes.values()] };
}

/** Computes every key (slow for large tables: each is an LDE and a Merkle tree). */
export async function computeFixedKeys(system: StarkSystem, pool?: WorkerPool): Promise<FixedKey[]> {
  const { airs, shapes } = fixedKeyTargets(system);
  const keys: FixedKey[] = [];
  for (const air of airs) {
    for (const s of shapes) {
      const setup = (await fixedSetup(air, air.logRows!, s, pool))!;
      keys.push({ air: air.name, logRows: air.logRows!, logBlowup: s.logBlowup, merkleArity: s.merkleArity, root: digestToBigints(setup.root) });
    }
  }
  return keys;
}

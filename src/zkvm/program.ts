/**
 * A program's identity: the commitments of its program tables — the Rom table (every
 * instruction) and, when the program reads its read-only data, the RomDataTable. A proof carries
 * them as the program roots of those instances; a verifier given the ELF recomputes them here.
 */
import { romDataProgramColumns, romDataTableAir } from '../sm/mem/index.js';
import { romAir, romProgramColumns } from '../sm/rom/index.js';
import { digestToBigints } from '../hash/index.js';
import type { FriParams } from '../fri/index.js';
import { commit } from '../merkle/index.js';
import { lde } from '../ntt/index.js';
import type { Matrix } from '../matrix/index.js';
import type { ZiskRom } from '../zisk/index.js';

/** The LDE shift of every commitment (docs/stark.md). */
const SHIFT = 7n;

function root(m: Matrix, params: FriParams): bigint[] {
  const tree = commit(lde(m, params.logBlowup, SHIFT, 'bit-reversed'), { arity: params.merkleArity });
  return digestToBigints(tree.root);
}

/** The program roots of `rom` under `params`, by AIR name. */
export function programRoots(rom: ZiskRom, params: FriParams): Record<string, bigint[]> {
  return {
    [romAir.name]: root(romProgramColumns(rom), params),
    [romDataTableAir.name]: root(romDataProgramColumns(rom), params),
  };
}

/** A root as 64 hex digits (four little-endian 64-bit elements), for people and JSON. */
export function rootHex(r: readonly bigint[]): string {
  return r.map((v) => v.toString(16).padStart(16, '0')).join('');
}

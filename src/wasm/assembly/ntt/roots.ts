// Roots of unity shared by the NTT kernel files.
import { gMul, gInv } from '../lib/goldilocks';

/** The primitive 2^32-th root of unity 7^((p−1)/2^32) (plonky2, Plonky3). */
export const ROOT: u64 = 1753635133440165772;

/** ω_{2^logN}, or its inverse. */
export function rootOfUnity(logN: u32, inverse: bool): u64 {
  let w = ROOT;
  for (let i: u32 = logN; i < 32; i++) w = gMul(w, w);
  return inverse ? gInv(w) : w;
}

import { permuteReference } from './reference.js';
import { WIDTH } from './sizes.js';

/**
 * A Poseidon2-16 permutation over Goldilocks on states stored as u32 halves: element i of a state
 * is words 2i (low) and 2i + 1 (high), 32 words a state, canonical on input and output.
 * Implementations: Poseidon2Reference (BigInt, for tests) and Poseidon2Wasm (the kernel).
 */
export interface Poseidon2 {
  /** Permutes one state (32 words) in place. */
  permute(state: Uint32Array): void;
  /** Permutes `count` states stored back to back (32 words each) in place. */
  permuteMany(states: Uint32Array, count: number): void;
}

/** The BigInt reference behind the common interface: about a thousand permutations a second. */
export class Poseidon2Reference implements Poseidon2 {
  permute(state: Uint32Array): void {
    this.permuteMany(state, 1);
  }

  permuteMany(states: Uint32Array, count: number): void {
    for (let k = 0; k < count; k++) {
      const s = states.subarray(2 * WIDTH * k, 2 * WIDTH * (k + 1));
      const out = permuteReference(wordsToElements(s));
      elementsToWords(out, s);
    }
  }
}

/** Elements from u32 halves (2 words each). */
export function wordsToElements(words: Uint32Array): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i + 1 < words.length; i += 2) out.push((BigInt(words[i + 1]!) << 32n) | BigInt(words[i]!));
  return out;
}

/** Writes elements as u32 halves into `into` (allocated when absent). */
export function elementsToWords(xs: readonly bigint[], into: Uint32Array = new Uint32Array(2 * xs.length)): Uint32Array {
  xs.forEach((x, i) => {
    into[2 * i] = Number(x & 0xffffffffn);
    into[2 * i + 1] = Number(x >> 32n);
  });
  return into;
}

import {
  type Digest,
  DIGEST_WORDS,
  P,
  POSEIDON2_GOLDILOCKS_4,
  type Poseidon2,
  Poseidon2Wasm,
  RATE,
  WIDTH,
  elementsToWords,
  permuteReference,
  sharedPoseidon2,
} from '../hash/index.js';

/** Observed before a fork's tag, so a fork never equals the parent having observed the tag alone. */
export const FORK_SEPARATOR = 0x666f726bn; // "fork"

/** Nonces tried per kernel call while grinding: bounds one call to a fraction of a second. */
const GRIND_CHUNK = 1n << 18n;
/** Grinding gives up past this many nonces (2^40: ~40 expected bits of work). */
const GRIND_LIMIT = 1n << 40n;

/**
 * A duplex-sponge Fiat–Shamir transcript over Poseidon2-16 (see index.ts for the exact order).
 * Deterministic: the same observations give the same challenges on every platform.
 */
export class Transcript {
  /** The sponge state s[0‥16) as u32 halves. */
  private readonly state: Uint32Array;
  /** Pending observations (u32 halves), at most RATE − 1 between calls. */
  private readonly input: Uint32Array;
  private inputLen: number;
  /** Unread outputs are state elements outPos‥RATE−1 of the last permutation. */
  private outPos: number;

  constructor(private readonly perm: Poseidon2 = sharedPoseidon2()) {
    this.state = new Uint32Array(2 * WIDTH);
    this.input = new Uint32Array(2 * RATE);
    this.inputLen = 0;
    this.outPos = RATE;
  }

  /** Absorbs one canonical element. */
  observe(x: bigint | number): void {
    const v = typeof x === 'number' ? BigInt(x) : x;
    if (v < 0n || v >= P) throw new RangeError(`observed value ${v} is not a canonical field element`);
    this.pushHalves(Number(v & 0xffffffffn), Number(v >> 32n));
  }

  /** Absorbs canonical elements given as u32 halves (2 words each), in order. */
  observeElements(words: Uint32Array): void {
    if (words.length % 2 !== 0) throw new RangeError('elements must be whole u32 pairs');
    for (let i = 0; i < words.length; i += 2) {
      if (words[i + 1] === 0xffffffff && words[i] !== 0) throw new RangeError(`observed element ${i / 2} is not canonical`);
      this.pushHalves(words[i]!, words[i + 1]!);
    }
  }

  /** Absorbs a digest's four elements in order. */
  observeDigest(d: Digest): void {
    if (d.length !== DIGEST_WORDS) throw new RangeError(`a digest is ${DIGEST_WORDS} words, got ${d.length}`);
    this.observeElements(d);
  }

  /** A uniformly distributed base-field element. */
  sampleBase(): bigint {
    if (this.inputLen > 0 || this.outPos === RATE) this.duplex();
    const i = this.outPos++;
    return (BigInt(this.state[2 * i + 1]!) << 32n) | BigInt(this.state[2 * i]!);
  }

  /** An extension element c0 + c1·X + c2·X² of F[X]/(X³ − X − 1): three base samples in order. */
  sampleExt(): [bigint, bigint, bigint] {
    const c0 = this.sampleBase();
    const c1 = this.sampleBase();
    return [c0, c1, this.sampleBase()];
  }

  /**
   * An integer in [0, 2^bits), 1 ≤ bits ≤ 32: the low bits of one base sample. As p ≡ 1 mod 2^32,
   * value 0 is 2^(bits−64) likelier than the others, a negligible bias.
   */
  sampleBits(bits: number): number {
    if (!Number.isInteger(bits) || bits < 1 || bits > 32) throw new RangeError(`bits must be 1‥32, got ${bits}`);
    const lo = Number(this.sampleBase() & 0xffffffffn);
    return bits === 32 ? lo : lo & ((1 << bits) - 1);
  }

  /** `count` query indices in [0, 2^bits), one base sample each. */
  sampleIndices(count: number, bits: number): number[] {
    return Array.from({ length: count }, () => this.sampleBits(bits));
  }

  /** An independent copy: observing into one never affects the other. */
  clone(): Transcript {
    const t = new Transcript(this.perm);
    t.state.set(this.state);
    t.input.set(this.input);
    t.inputLen = this.inputLen;
    t.outPos = this.outPos;
    return t;
  }

  /**
   * A child transcript for a sub-protocol (one per AIR instance after the global challenge): a
   * clone that has observed FORK_SEPARATOR then `tag`. The parent is left unchanged; give every
   * fork of one parent a distinct tag.
   */
  fork(tag: bigint | number): Transcript {
    const t = this.clone();
    t.observe(FORK_SEPARATOR);
    t.observe(tag);
    return t;
  }

  /**
   * Proof of work: samples three challenge elements c0, c1, c2, finds the least nonce n ≥ 0 with
   * P4(c0, c1, c2, n)[0] < 2^(64 − bits) (P4: the width-4 grinding permutation; the value's top
   * `bits` bits zero), observes n and returns it — the same transcript steps as checkWitness.
   * Expected cost 2^bits width-4 permutations, searched in the WebAssembly kernel.
   */
  grind(bits: number): bigint {
    checkPowBits(bits);
    const challenge = [this.sampleBase(), this.sampleBase(), this.sampleBase()];
    let nonce: bigint | undefined = bits === 0 ? 0n : undefined;
    if (nonce === undefined) {
      const kernel = this.perm instanceof Poseidon2Wasm ? this.perm : sharedPoseidon2();
      const words = elementsToWords(challenge);
      for (let start = 0n; nonce === undefined && start < GRIND_LIMIT; start += GRIND_CHUNK) {
        nonce = kernel.grind(words, bits, start, start + GRIND_CHUNK);
      }
      if (nonce === undefined) throw new Error(`no proof-of-work nonce below 2^40 for ${bits} bits`);
    }
    // The reference permutation confirms the kernel's find (one width-4 permutation, ~0.1 ms).
    if (!powValid(challenge, bits, nonce)) throw new Error('proof-of-work search and check disagree');
    this.observe(nonce);
    return nonce;
  }

  /**
   * The verifier's side of grind: samples the three challenge elements, checks `nonce` against
   * them and observes it. Never throws on a nonce that is not a field element: that is just a
   * failed check (nothing is observed then).
   */
  checkWitness(bits: number, nonce: bigint): boolean {
    checkPowBits(bits);
    const challenge = [this.sampleBase(), this.sampleBase(), this.sampleBase()];
    if (typeof nonce !== 'bigint' || nonce < 0n || nonce >= P) return false;
    const ok = powValid(challenge, bits, nonce);
    this.observe(nonce);
    return ok;
  }

  private pushHalves(lo: number, hi: number): void {
    this.outPos = RATE; // observing invalidates unread outputs
    this.input[2 * this.inputLen] = lo;
    this.input[2 * this.inputLen + 1] = hi;
    if (++this.inputLen === RATE) this.duplex();
  }

  /** Overwrites s[0‥k) with the k pending inputs, permutes, and makes s[0‥12) readable. */
  private duplex(): void {
    this.state.set(this.input.subarray(0, 2 * this.inputLen));
    this.inputLen = 0;
    this.perm.permute(this.state);
    this.outPos = 0;
  }
}

function powValid(challenge: readonly bigint[], bits: number, nonce: bigint): boolean {
  return permuteReference([...challenge, nonce], POSEIDON2_GOLDILOCKS_4)[0]! < 1n << BigInt(64 - bits);
}

function checkPowBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > 63) throw new RangeError(`proof-of-work bits must be 0‥63, got ${bits}`);
}

// Poseidon2 over Goldilocks for the hashing layer (src/hash, src/merkle, src/transcript): batch
// width-16 permutation, the row sponge of Merkle leaves, node compression, and the width-4
// permutation and nonce search of proof-of-work grinding.
//
// Everything runs two states at a time (lib/poseidon2x2, lib/poseidon2w4x2: one state per SIMD
// lane); an odd last state rides with a duplicate whose result is dropped. Conventions (rate 12,
// capacity 4, digest = elements 0‥3) are documented in src/hash/index.ts; the wrapper is
// src/hash/wasm.ts.

import { CONSTS, N_CONSTS, expandConstants, permutePair } from './lib/poseidon2x2';
import { CONSTS4, N_CONSTS4, ST4, ST4B, expandConstants4, permuteTwoPairs4 } from './lib/poseidon2w4x2';

const WIDTH: i32 = 16;
const RATE: i32 = 12;
const DIGEST: i32 = 4;

// The pair state: element i of lane A at PAIR + 16·i, of lane B at PAIR + 16·i + 8.
const PAIR: usize = memory.data(WIDTH * 16, 16);

export function heapBase(): usize {
  return __heap_base;
}

/** Where the wrapper writes the raw constants (see lib/poseidon2x2 for the order). */
export function constantsPtr(): usize {
  return CONSTS;
}

export function constantsCount(): i32 {
  return N_CONSTS;
}

/** Where the wrapper writes the width-4 (grinding) instance's raw constants. */
export function constants4Ptr(): usize {
  return CONSTS4;
}

export function constants4Count(): i32 {
  return N_CONSTS4;
}

/** Call once after writing both constant tables. */
export function init(): void {
  expandConstants();
  expandConstants4();
}

/** Interleaves states at a and b (16 u64 each) into the pair state. */
function loadPair(a: usize, b: usize): void {
  for (let o: usize = 0; o < 128; o += 16) {
    const va = v128.load(a + o);
    const vb = v128.load(b + o);
    v128.store(PAIR + 2 * o, v128.shuffle<u64>(va, vb, 0, 2));
    v128.store(PAIR + 2 * o + 16, v128.shuffle<u64>(va, vb, 1, 3));
  }
}

function storeLane(dst: usize, lane: usize, elems: i32): void {
  for (let i = 0; i < elems; i++) store<u64>(dst + <usize>i * 8, load<u64>(PAIR + <usize>i * 16 + lane * 8));
}

/** Permutes `count` canonical states of 16 u64 stored back to back at `ptr`, in place. */
export function permute(ptr: usize, count: i32): void {
  let k = 0;
  for (; k + 1 < count; k += 2) {
    const a = ptr + <usize>k * 128;
    loadPair(a, a + 128);
    permutePair(PAIR);
    storeLane(a, 0, WIDTH);
    storeLane(a + 128, 1, WIDTH);
  }
  if (k < count) {
    const a = ptr + <usize>k * 128;
    loadPair(a, a);
    permutePair(PAIR);
    storeLane(a, 0, WIDTH);
  }
}

/**
 * Sponge digests of `rows` rows of `cols` elements, the block stored column-major (column j's rows
 * at src + 8·j·rows, as Matrix stores them), 4 u64 per row written at out.
 *
 * Per row: state = [next ≤ 12 elements, zero-padded ‖ previous digest (zeros at first)], permute,
 * digest = state[0‥4); no elements gives the zero digest. Rows r and r + 1 of a column are adjacent,
 * so one v128 load fills both lanes.
 */
export function hashRows(src: usize, cols: i32, rows: i32, out: usize): void {
  const stride = <usize>rows * 8;
  for (let r = 0; r < rows; r += 2) {
    const pairOk = r + 1 < rows;
    memory.fill(PAIR, 0, WIDTH * 16);
    for (let off = 0; off < cols; off += RATE) {
      if (off > 0) {
        // Carry the digest into the capacity positions and clear the rate.
        memory.copy(PAIR + <usize>RATE * 16, PAIR, DIGEST * 16);
        memory.fill(PAIR, 0, RATE * 16);
      }
      const m = min(RATE, cols - off);
      let p = src + <usize>off * stride + <usize>r * 8;
      for (let i = 0; i < m; i++) {
        const v = pairOk ? v128.load(p) : v128.load64_splat(p);
        v128.store(PAIR + <usize>i * 16, v);
        p += stride;
      }
      permutePair(PAIR);
    }
    if (cols == 0) memory.fill(PAIR, 0, DIGEST * 16);
    storeLane(out + <usize>r * 32, 0, DIGEST);
    if (pairOk) storeLane(out + <usize>(r + 1) * 32, 1, DIGEST);
  }
}

/** Writes child digest `c` (or zeros when c ≥ count) into lane `lane`, elements 4·slot‥4·slot+3. */
function putChild(src: usize, c: i32, count: i32, slot: i32, lane: usize): void {
  const dst = PAIR + <usize>slot * 64 + lane * 8;
  if (c < count) {
    const s = src + <usize>c * 32;
    for (let e: usize = 0; e < 4; e++) store<u64>(dst + e * 16, load<u64>(s + e * 8));
  } else {
    for (let e: usize = 0; e < 4; e++) store<u64>(dst + e * 16, 0);
  }
}

/**
 * One tree level: `count` child digests (4 u64 each) at src → ceil(count / arity) parents at out,
 * parent k = P(child[k·arity] ‖ … ‖ child[k·arity + arity − 1] ‖ zeros)[0‥4), children past the
 * end of the level taken as zero digests. arity ∈ {2, 4}.
 */
export function compressLevel(src: usize, count: i32, arity: i32, out: usize): void {
  const parents = (count + arity - 1) / arity;
  for (let k = 0; k < parents; k += 2) {
    const pairOk = k + 1 < parents;
    memory.fill(PAIR, 0, WIDTH * 16);
    for (let s = 0; s < arity; s++) {
      putChild(src, k * arity + s, count, s, 0);
      putChild(src, pairOk ? (k + 1) * arity + s : k * arity + s, count, s, 1);
    }
    permutePair(PAIR);
    storeLane(out + <usize>k * 32, 0, DIGEST);
    if (pairOk) storeLane(out + <usize>(k + 1) * 32, 1, DIGEST);
  }
}

/** Permutes `count` canonical width-4 states (4 u64 each, back to back at ptr) in place. */
export function permute4(ptr: usize, count: i32): void {
  // Four states a pass: lanes of ST4 then of ST4B; missing ones repeat the last state.
  for (let k = 0; k < count; k += 4) {
    for (let j = 0; j < 4; j++) {
      const s = ptr + <usize>min(k + j, count - 1) * 32;
      const dst = (j < 2 ? ST4 : ST4B) + <usize>(j & 1) * 8;
      for (let i: usize = 0; i < 4; i++) store<u64>(dst + i * 16, load<u64>(s + i * 8));
    }
    permuteTwoPairs4();
    for (let j = 0; j < 4 && k + j < count; j++) {
      const d = ptr + <usize>(k + j) * 32;
      const src = (j < 2 ? ST4 : ST4B) + <usize>(j & 1) * 8;
      for (let i: usize = 0; i < 4; i++) store<u64>(d + i * 8, load<u64>(src + i * 16));
    }
  }
}

/**
 * Proof-of-work search with the width-4 permutation: the first nonce n in [start, end) such that
 * P4(c0, c1, c2, n)[0] < 2^(64 − bits), c0‥c2 the three u64 at `challenge`. Returns −1 when there
 * is none. 1 ≤ bits ≤ 63; end ≤ p (nonces are field elements). Four nonces a pass.
 */
export function grind(challenge: usize, bits: i32, start: u64, end: u64): i64 {
  const shift = <u64>(64 - bits);
  const last = end - 1;
  for (let n = start; n < end; n += 4) {
    for (let i: usize = 0; i < 3; i++) {
      const c = i64x2.splat(load<u64>(challenge + i * 8));
      v128.store(ST4 + i * 16, c);
      v128.store(ST4B + i * 16, c);
    }
    // Nonces past the end repeat the last one; the scan below stops at the end anyway.
    v128.store(ST4, i64x2.replace_lane(i64x2.splat(n), 1, min(n + 1, last)), 48);
    v128.store(ST4B, i64x2.replace_lane(i64x2.splat(min(n + 2, last)), 1, min(n + 3, last)), 48);
    permuteTwoPairs4();
    for (let j: u64 = 0; j < 4 && n + j < end; j++) {
      const out = (j < 2 ? ST4 : ST4B) + <usize>(j & 1) * 8;
      if (load<u64>(out) >> shift == 0) return n + j;
    }
  }
  return -1;
}

// The width-4 Poseidon2 over Goldilocks (R_F = 8, R_P = 21, x^7, M_E = M4) that proof-of-work
// grinding uses, on two states at once (one per i64x2 lane), state in four v128 locals.

import {
  addConst, canonical, combine, lo32, mul, mulConstAdd, sbox, splatFlipped, splitConstants, square,
} from './goldilocks-x2';

const HALF_FULL: i32 = 4;
const PARTIAL: i32 = 21;

/** Raw constants as the wrapper writes them: 16 initial, 21 internal, 16 final, 4 diagonal. */
export const N_CONSTS4: i32 = 2 * HALF_FULL * 4 + PARTIAL + 4;
export const CONSTS4: usize = memory.data(N_CONSTS4 * 8, 16);

const N_RC: i32 = 2 * HALF_FULL * 4 + PARTIAL;
const RCV: usize = memory.data(N_RC * 16, 16);
const RCV_INTERNAL: usize = RCV + <usize>(HALF_FULL * 4 * 16);
const RCV_FINAL: usize = RCV_INTERNAL + <usize>(PARTIAL * 16);
const DIAGV: usize = memory.data(4 * 32, 16);

/** Two pair states: four v128 each, element i at ST4 + 16·i (and ST4B + 16·i). */
export const ST4: usize = memory.data(4 * 16, 16);
export const ST4B: usize = memory.data(4 * 16, 16);

export function expandConstants4(): void {
  splatFlipped(CONSTS4, N_RC, RCV);
  splitConstants(CONSTS4 + <usize>N_RC * 8, 4, DIAGV);
}

// @ts-ignore: decorator
@inline function m4Half(a0: v128, a1: v128, a2: v128, a3: v128, f: usize): void {
  // M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]], the paper's addition chain; sums < 16·2^32.
  const t0 = i64x2.add(a0, a1), t1 = i64x2.add(a2, a3);
  const t2 = i64x2.add(i64x2.add(a1, a1), t1), t3 = i64x2.add(i64x2.add(a3, a3), t0);
  const t4 = i64x2.add(i64x2.shl(t1, 2), t3), t5 = i64x2.add(i64x2.shl(t0, 2), t2);
  v128.store(f, i64x2.add(t3, t5));
  v128.store(f, t5, 16);
  v128.store(f, i64x2.add(t2, t4), 32);
  v128.store(f, t4, 48);
}

const FRAME_LO: usize = memory.data(64, 16);
const FRAME_HI: usize = memory.data(64, 16);

/** x ← M4·x on the 32-bit halves separately, recombined once per element. */
function m4(st: usize): void {
  const x0 = v128.load(st), x1 = v128.load(st, 16), x2 = v128.load(st, 32), x3 = v128.load(st, 48);
  m4Half(v128.and(x0, lo32()), v128.and(x1, lo32()), v128.and(x2, lo32()), v128.and(x3, lo32()), FRAME_LO);
  m4Half(i64x2.shr_u(x0, 32), i64x2.shr_u(x1, 32), i64x2.shr_u(x2, 32), i64x2.shr_u(x3, 32), FRAME_HI);
  for (let o: usize = 0; o < 64; o += 16) v128.store(st + o, combine(v128.load(FRAME_LO + o), v128.load(FRAME_HI + o)));
}

function fullRound4(st: usize, rc: usize): void {
  const a = addConst(v128.load(st), v128.load(rc));
  const b = addConst(v128.load(st, 16), v128.load(rc, 16));
  const c = addConst(v128.load(st, 32), v128.load(rc, 32));
  const d = addConst(v128.load(st, 48), v128.load(rc, 48));
  const a2 = square(a), b2 = square(b), c2 = square(c), d2 = square(d);
  const a3 = mul(a, a2), b3 = mul(b, b2), c3 = mul(c, c2), d3 = mul(d, d2);
  const a4 = square(a2), b4 = square(b2), c4 = square(c2), d4 = square(d2);
  v128.store(st, mul(a3, a4));
  v128.store(st, mul(b3, b4), 16);
  v128.store(st, mul(c3, c4), 32);
  v128.store(st, mul(d3, d4), 48);
  m4(st);
}

/** x_0 ← (x_0 + c_r)^7, then x ← M_I·x = Σx + diag·x. */
// @ts-ignore: decorator
@inline function partialRound4(st: usize, r: usize): void {
  const x1 = v128.load(st, 16), x2 = v128.load(st, 32), x3 = v128.load(st, 48);
  const x0 = sbox(addConst(v128.load(st), v128.load(RCV_INTERNAL + r * 16)));
  // The sum of four residues goes through their 32-bit halves.
  const sl = i64x2.add(i64x2.add(v128.and(x0, lo32()), v128.and(x1, lo32())), i64x2.add(v128.and(x2, lo32()), v128.and(x3, lo32())));
  const sh = i64x2.add(i64x2.add(i64x2.shr_u(x0, 32), i64x2.shr_u(x1, 32)), i64x2.add(i64x2.shr_u(x2, 32), i64x2.shr_u(x3, 32)));
  const sum = combine(sl, sh);
  v128.store(st, mulConstAdd(x0, v128.load(DIAGV), v128.load(DIAGV, 16), sum));
  v128.store(st, mulConstAdd(x1, v128.load(DIAGV, 32), v128.load(DIAGV, 48), sum), 16);
  v128.store(st, mulConstAdd(x2, v128.load(DIAGV, 64), v128.load(DIAGV, 80), sum), 32);
  v128.store(st, mulConstAdd(x3, v128.load(DIAGV, 96), v128.load(DIAGV, 112), sum), 48);
}

/**
 * Permutes the pair states at ST4 and ST4B (canonical lanes) in place, their rounds interleaved:
 * a partial round is one dependent chain (S-box, sum, products), so a second independent state
 * fills the pipeline: ~850k nonces/s against ~770k/s one pair at a time.
 */
export function permuteTwoPairs4(): void {
  m4(ST4);
  m4(ST4B);
  for (let r: usize = 0; r < <usize>HALF_FULL; r++) {
    fullRound4(ST4, RCV + r * 64);
    fullRound4(ST4B, RCV + r * 64);
  }
  for (let r: usize = 0; r < <usize>PARTIAL; r++) {
    partialRound4(ST4, r);
    partialRound4(ST4B, r);
  }
  for (let r: usize = 0; r < <usize>HALF_FULL; r++) {
    fullRound4(ST4, RCV_FINAL + r * 64);
    fullRound4(ST4B, RCV_FINAL + r * 64);
  }
  for (let o: usize = 0; o < 64; o += 16) {
    v128.store(ST4 + o, canonical(v128.load(ST4 + o)));
    v128.store(ST4B + o, canonical(v128.load(ST4B + o)));
  }
}

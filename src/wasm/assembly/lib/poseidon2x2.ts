// The Poseidon2 permutation over Goldilocks (width 16, R_F = 8, R_P = 22, x^7) on two states at
// once: a "pair state" is 16 v128 values, element i of state A in lane 0 and of state B in lane 1
// (lane arithmetic and why two lanes: goldilocks-x2.ts). Values inside are residues; the output is
// canonical.

import {
  addConst, canonical, combine, lo32, mul, mulConstAdd, sbox, splatFlipped, splitConstants, square,
} from './goldilocks-x2';

const WIDTH: i32 = 16;
const HALF_FULL: i32 = 4;
const PARTIAL: i32 = 22;

// Raw constants as the TypeScript wrapper writes them (u64 each): 64 initial external, 22
// internal, 64 final external round constants, then the 16 entries of diag(M_I − J).
export const N_CONSTS: i32 = 2 * HALF_FULL * WIDTH + PARTIAL + WIDTH;
export const CONSTS: usize = memory.data(N_CONSTS * 8, 16);

// Expanded forms (expandConstants): round constants splatted to both lanes and pre-flipped by
// 2^63 for addConst; the diagonal split into 32-bit halves splatted to all four i32 lanes, the
// operand shape extmul_low wants.
const RCV: usize = memory.data((2 * HALF_FULL * WIDTH + PARTIAL) * 16, 16);
const RCV_INTERNAL: usize = RCV + <usize>(HALF_FULL * WIDTH * 16);
const RCV_FINAL: usize = RCV_INTERNAL + <usize>(PARTIAL * 16);
const DIAGV: usize = memory.data(WIDTH * 32, 16); // per element: low halves, then high halves

// Scratch frames for the external layer: the M4 outputs' low and high halves.
const FRAME_LO: usize = memory.data(WIDTH * 16, 16);
const FRAME_HI: usize = memory.data(WIDTH * 16, 16);

/** Must run once after the wrapper has written CONSTS. */
export function expandConstants(): void {
  const nRc = 2 * HALF_FULL * WIDTH + PARTIAL;
  splatFlipped(CONSTS, nRc, RCV);
  splitConstants(CONSTS + <usize>nRc * 8, WIDTH, DIAGV);
}

// ---------------------------------------------------------------------------------------------
// The layers, on a pair state at `st`.

/** M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] (the paper's addition chain), stored at f. */
// @ts-ignore: decorator
@inline function m4(a0: v128, a1: v128, a2: v128, a3: v128, f: usize): void {
  const t0 = i64x2.add(a0, a1), t1 = i64x2.add(a2, a3);
  const t2 = i64x2.add(i64x2.add(a1, a1), t1), t3 = i64x2.add(i64x2.add(a3, a3), t0);
  const t4 = i64x2.add(i64x2.shl(t1, 2), t3), t5 = i64x2.add(i64x2.shl(t0, 2), t2);
  v128.store(f, i64x2.add(t3, t5));
  v128.store(f, t5, 16);
  v128.store(f, i64x2.add(t2, t4), 32);
  v128.store(f, t4, 48);
}

// @ts-ignore: decorator
@inline function columnSum(f: usize, j: usize): v128 {
  return i64x2.add(i64x2.add(v128.load(f + j), v128.load(f + j, 64)), i64x2.add(v128.load(f + j, 128), v128.load(f + j, 192)));
}

/**
 * x ← M_E·x, M_E = circ(2·M4, M4, M4, M4). Its rows have coefficient sums ≤ 80, so the layer runs
 * on the 32-bit halves separately in plain additions (each sum < 80·2^32) and recombines once per
 * output, instead of ~60 modular additions with carry fixes.
 */
function externalLayer(st: usize): void {
  for (let b: usize = 0; b < 256; b += 64) {
    const x0 = v128.load(st + b), x1 = v128.load(st + b, 16), x2 = v128.load(st + b, 32), x3 = v128.load(st + b, 48);
    m4(v128.and(x0, lo32()), v128.and(x1, lo32()), v128.and(x2, lo32()), v128.and(x3, lo32()), FRAME_LO + b);
    m4(i64x2.shr_u(x0, 32), i64x2.shr_u(x1, 32), i64x2.shr_u(x2, 32), i64x2.shr_u(x3, 32), FRAME_HI + b);
  }
  // The circulant adds, to every element, the sum of its column position over the four blocks.
  const c0l = columnSum(FRAME_LO, 0), c1l = columnSum(FRAME_LO, 16), c2l = columnSum(FRAME_LO, 32), c3l = columnSum(FRAME_LO, 48);
  const c0h = columnSum(FRAME_HI, 0), c1h = columnSum(FRAME_HI, 16), c2h = columnSum(FRAME_HI, 32), c3h = columnSum(FRAME_HI, 48);
  for (let b: usize = 0; b < 256; b += 64) {
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b), c0l), i64x2.add(v128.load(FRAME_HI + b), c0h)));
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b, 16), c1l), i64x2.add(v128.load(FRAME_HI + b, 16), c1h)), 16);
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b, 32), c2l), i64x2.add(v128.load(FRAME_HI + b, 32), c2h)), 32);
    v128.store(st + b, combine(i64x2.add(v128.load(FRAME_LO + b, 48), c3l), i64x2.add(v128.load(FRAME_HI + b, 48), c3h)), 48);
  }
}

function fullRound(st: usize, rc: usize): void {
  // Four S-boxes interleaved: one S-box is a chain of three dependent products, and interleaving
  // gives the out-of-order core independent work. Measured for the eight full rounds, per lane:
  // one at a time 2.30 µs, two 1.74 µs, four 1.52 µs (more spills registers).
  for (let o: usize = 0; o < 256; o += 64) {
    const a = addConst(v128.load(st + o), v128.load(rc + o));
    const b = addConst(v128.load(st + o, 16), v128.load(rc + o, 16));
    const c = addConst(v128.load(st + o, 32), v128.load(rc + o, 32));
    const d = addConst(v128.load(st + o, 48), v128.load(rc + o, 48));
    const a2 = square(a), b2 = square(b), c2 = square(c), d2 = square(d);
    const a3 = mul(a, a2), b3 = mul(b, b2), c3 = mul(c, c2), d3 = mul(d, d2);
    const a4 = square(a2), b4 = square(b2), c4 = square(c2), d4 = square(d2);
    v128.store(st + o, mul(a3, a4));
    v128.store(st + o, mul(b3, b4), 16);
    v128.store(st + o, mul(c3, c4), 32);
    v128.store(st + o, mul(d3, d4), 48);
  }
  externalLayer(st);
}

/** x_0 ← (x_0 + c)^7, then x ← M_I·x = Σx + diag·x, for the 22 partial rounds. */
function partialRounds(st: usize): void {
  for (let r: usize = 0; r < <usize>PARTIAL; r++) {
    // Σ_{i≥1} x_i in halves does not depend on the S-box of x_0, so the two overlap.
    let sl = i64x2.splat(0), sh = sl;
    for (let o: usize = 16; o < 256; o += 16) {
      const x = v128.load(st + o);
      sl = i64x2.add(sl, v128.and(x, lo32()));
      sh = i64x2.add(sh, i64x2.shr_u(x, 32));
    }
    const x0 = sbox(addConst(v128.load(st), v128.load(RCV_INTERNAL + r * 16)));
    const sum = combine(i64x2.add(sl, v128.and(x0, lo32())), i64x2.add(sh, i64x2.shr_u(x0, 32)));
    v128.store(st, mulConstAdd(x0, v128.load(DIAGV), v128.load(DIAGV, 16), sum));
    for (let i: usize = 1; i < 16; i++) {
      const d = DIAGV + i * 32;
      v128.store(st + i * 16, mulConstAdd(v128.load(st + i * 16), v128.load(d), v128.load(d, 16), sum));
    }
  }
}

/** Permutes the pair state at `st` (256 bytes, canonical lanes) in place. */
export function permutePair(st: usize): void {
  externalLayer(st);
  for (let r: usize = 0; r < <usize>HALF_FULL; r++) fullRound(st, RCV + r * 256);
  partialRounds(st);
  for (let r: usize = 0; r < <usize>HALF_FULL; r++) fullRound(st, RCV_FINAL + r * 256);
  for (let o: usize = 0; o < 256; o += 16) v128.store(st + o, canonical(v128.load(st + o)));
}

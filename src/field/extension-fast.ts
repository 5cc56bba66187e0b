/**
 * Cubic-extension arithmetic on typed arrays, for per-element work (the verifier, witness code).
 *
 * Layout: extension element k of a `Uint32Array` is base elements 3k, 3k+1, 3k+2 (coefficients of
 * 1, X, X^2), i.e. words 6k … 6k+5. A single element is a `Uint32Array(6)`. Columns of extension
 * elements are planar instead (three consecutive Matrix columns); `gather`/`scatter` move one row
 * between the two layouts, and batch.ts has the whole-column kernels.
 *
 * Indices are extension-element indices; operands are read before the result is written, so the
 * output may alias an input. Inputs canonical, outputs canonical.
 */
import * as f from './fast.js';
import type { Ext3 } from './extension.js';

// Scratch registers: base elements 0..15.
const t = new Uint32Array(32);

export function add(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  f.add(out, 3 * o, a, 3 * ai, b, 3 * bi);
  f.add(out, 3 * o + 1, a, 3 * ai + 1, b, 3 * bi + 1);
  f.add(out, 3 * o + 2, a, 3 * ai + 2, b, 3 * bi + 2);
}

export function sub(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  f.sub(out, 3 * o, a, 3 * ai, b, 3 * bi);
  f.sub(out, 3 * o + 1, a, 3 * ai + 1, b, 3 * bi + 1);
  f.sub(out, 3 * o + 2, a, 3 * ai + 2, b, 3 * bi + 2);
}

export function neg(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  f.neg(out, 3 * o, a, 3 * ai);
  f.neg(out, 3 * o + 1, a, 3 * ai + 1);
  f.neg(out, 3 * o + 2, a, 3 * ai + 2);
}

/** Extension element times base element b[bi]. */
export function mulBase(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  f.copy(t, 15, b, bi);
  f.mul(out, 3 * o, a, 3 * ai, t, 15);
  f.mul(out, 3 * o + 1, a, 3 * ai + 1, t, 15);
  f.mul(out, 3 * o + 2, a, 3 * ai + 2, t, 15);
}

// Digit accumulators of three 128-bit sums (weights 2^0, 2^32, 2^64, 2^96 each), as doubles:
// every digit stays far below 2^53, so the sums are exact.
const acc = new Float64Array(12);
const TWO32 = 4294967296;
const INV32 = 1 / 4294967296;

/** acc[4r … 4r+3] += digits of the 128-bit product x·y (x = x0 + 2^32·x1, y likewise). */
function accumulate(r: number, x0: number, x1: number, y0: number, y1: number): void {
  const llL = Math.imul(x0, y0) >>> 0;
  const lhL = Math.imul(x0, y1) >>> 0;
  const hlL = Math.imul(x1, y0) >>> 0;
  const hhL = Math.imul(x1, y1) >>> 0;
  const o = 4 * r;
  acc[o] = acc[o]! + llL;
  acc[o + 1] = acc[o + 1]! + Math.round((x0 * y0 - llL) * INV32) + lhL + hlL;
  acc[o + 2] = acc[o + 2]! + Math.round((x0 * y1 - lhL) * INV32) + Math.round((x1 * y0 - hlL) * INV32) + hhL;
  acc[o + 3] = acc[o + 3]! + Math.round((x1 * y1 - hhL) * INV32);
}

/** Reduces sum r (≡ d0 + d1·2^32 + d2·(2^32 − 1) − d3) into out[o] and clears it. */
function reduceInto(out: Uint32Array, o: number, r: number): void {
  const i = 4 * r;
  const d0 = acc[i]!, d1 = acc[i + 1]!, d2 = acc[i + 2]!, d3 = acc[i + 3]!;
  acc[i] = 0;
  acc[i + 1] = 0;
  acc[i + 2] = 0;
  acc[i + 3] = 0;
  const lo = d0 - d2 - d3;
  const mid = d1 + d2;
  // mid·2^32 = midL·2^32 + midH·2^64 ≡ midL·2^32 + midH·2^32 − midH
  const midH = Math.floor(mid * INV32);
  let L = lo - midH;
  let H = mid - midH * TWO32 + midH;
  // Normalise L into [0, 2^32) and H into [0, 2^32) using 2^64 ≡ 2^32 − 1, then subtract p if needed.
  for (;;) {
    const c = Math.floor(L * INV32);
    L -= c * TWO32;
    H += c;
    if (H >= 0 && H < TWO32) break;
    const k = Math.floor(H * INV32);
    H = H - k * TWO32 + k;
    L -= k;
  }
  if (H === 0xffffffff && L >= 1) {
    H = 0;
    L -= 1;
  }
  out[2 * o] = L;
  out[2 * o + 1] = H;
}

/**
 * a·b by the schoolbook product reduced with X^3 = X + 1, X^4 = X^2 + X:
 *   r0 = a0b0 + a1b2 + a2b1,  r1 = a0b1 + a1b0 + a1b2 + a2b1 + a2b2,  r2 = a0b2 + a1b1 + a2b0 + a2b2.
 * Each coefficient's products are summed as exact 128-bit digit sums and reduced once.
 */
export function mul(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  const A = 6 * ai, B = 6 * bi;
  const a00 = a[A]!, a01 = a[A + 1]!, a10 = a[A + 2]!, a11 = a[A + 3]!, a20 = a[A + 4]!, a21 = a[A + 5]!;
  const b00 = b[B]!, b01 = b[B + 1]!, b10 = b[B + 2]!, b11 = b[B + 3]!, b20 = b[B + 4]!, b21 = b[B + 5]!;
  accumulate(0, a00, a01, b00, b01);
  accumulate(0, a10, a11, b20, b21);
  accumulate(0, a20, a21, b10, b11);
  accumulate(1, a00, a01, b10, b11);
  accumulate(1, a10, a11, b00, b01);
  accumulate(1, a10, a11, b20, b21);
  accumulate(1, a20, a21, b10, b11);
  accumulate(1, a20, a21, b20, b21);
  accumulate(2, a00, a01, b20, b21);
  accumulate(2, a10, a11, b10, b11);
  accumulate(2, a20, a21, b00, b01);
  accumulate(2, a20, a21, b20, b21);
  reduceInto(out, 3 * o, 0);
  reduceInto(out, 3 * o + 1, 1);
  reduceInto(out, 3 * o + 2, 2);
}

export function square(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  mul(out, o, a, ai, a, ai);
}

/**
 * a^−1 by the adjugate of the multiplication-by-a matrix (see src/wasm/assembly/field.ts
 * `extInvOne`): one base inversion. Writes 0 for a = 0.
 */
export function inv(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  const A = 3 * ai;
  f.copy(t, 0, a, A);
  f.copy(t, 1, a, A + 1);
  f.copy(t, 2, a, A + 2);
  f.add(t, 3, t, 0, t, 2); // s02
  f.add(t, 4, t, 1, t, 2); // s12
  // c0 = s02^2 − a1·s12
  f.mul(t, 5, t, 3, t, 3);
  f.mul(t, 8, t, 1, t, 4);
  f.sub(t, 5, t, 5, t, 8);
  // c1 = a2·s12 − a1·s02
  f.mul(t, 6, t, 2, t, 4);
  f.mul(t, 8, t, 1, t, 3);
  f.sub(t, 6, t, 6, t, 8);
  // c2 = a1^2 − a2·s02
  f.mul(t, 7, t, 1, t, 1);
  f.mul(t, 8, t, 2, t, 3);
  f.sub(t, 7, t, 7, t, 8);
  // det = a0·c0 + a2·c1 + a1·c2
  f.mul(t, 9, t, 0, t, 5);
  f.mul(t, 8, t, 2, t, 6);
  f.add(t, 9, t, 9, t, 8);
  f.mul(t, 8, t, 1, t, 7);
  f.add(t, 9, t, 9, t, 8);
  f.inv(t, 9, t, 9);
  f.mul(out, 3 * o, t, 5, t, 9);
  f.mul(out, 3 * o + 1, t, 6, t, 9);
  f.mul(out, 3 * o + 2, t, 7, t, 9);
}

/** a^e for e ≥ 0. */
export function pow(out: Uint32Array, o: number, a: Uint32Array, ai: number, e: bigint): void {
  if (e < 0n) throw new RangeError(`pow: exponent must be non-negative, got ${e}`);
  const r = new Uint32Array(12); // element 0: result, element 1: base
  r[0] = 1;
  for (let i = 0; i < 3; i++) f.copy(r, 3 + i, a, 3 * ai + i);
  while (e > 0n) {
    if (e & 1n) mul(r, 0, r, 0, r, 1);
    e >>= 1n;
    if (e > 0n) mul(r, 1, r, 1, r, 1);
  }
  for (let i = 0; i < 3; i++) f.copy(out, 3 * o + i, r, i);
}

export function eq(a: Uint32Array, ai: number, b: Uint32Array, bi: number): boolean {
  return f.eq(a, 3 * ai, b, 3 * bi) && f.eq(a, 3 * ai + 1, b, 3 * bi + 1) && f.eq(a, 3 * ai + 2, b, 3 * bi + 2);
}

export function isZero(a: Uint32Array, ai: number): boolean {
  return f.isZero(a, 3 * ai) && f.isZero(a, 3 * ai + 1) && f.isZero(a, 3 * ai + 2);
}

/** Embeds base element b[bi] as extension element out[o]. */
export function fromBase(out: Uint32Array, o: number, b: Uint32Array, bi: number): void {
  f.copy(out, 3 * o, b, bi);
  out[6 * o + 2] = 0;
  out[6 * o + 3] = 0;
  out[6 * o + 4] = 0;
  out[6 * o + 5] = 0;
}

/** Reads row `row` of a planar extension column (planes of `height` elements) into out[o]. */
export function gather(out: Uint32Array, o: number, planar: Uint32Array, height: number, row: number): void {
  f.copy(out, 3 * o, planar, row);
  f.copy(out, 3 * o + 1, planar, height + row);
  f.copy(out, 3 * o + 2, planar, 2 * height + row);
}

/** Writes a[ai] into row `row` of a planar extension column. */
export function scatter(planar: Uint32Array, height: number, row: number, a: Uint32Array, ai: number): void {
  f.copy(planar, row, a, 3 * ai);
  f.copy(planar, height + row, a, 3 * ai + 1);
  f.copy(planar, 2 * height + row, a, 3 * ai + 2);
}

export function get(a: Uint32Array, ai: number): Ext3 {
  return [f.get(a, 3 * ai), f.get(a, 3 * ai + 1), f.get(a, 3 * ai + 2)];
}

export function set(out: Uint32Array, o: number, v: Ext3): void {
  f.set(out, 3 * o, v[0]);
  f.set(out, 3 * o + 1, v[1]);
  f.set(out, 3 * o + 2, v[2]);
}

/** One element as a fresh Uint32Array(6). */
export function of(v: Ext3): Uint32Array {
  const out = new Uint32Array(6);
  set(out, 0, v);
  return out;
}

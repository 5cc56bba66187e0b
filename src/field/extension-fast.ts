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

/**
 * a·b with six base multiplies (Karatsuba; derivation in src/wasm/assembly/field.ts):
 *   r0 = v0 + m12,  r1 = m01 − v0 − v1 + m12 + v2,  r2 = m02 − v0 + v1.
 */
export function mul(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  const A = 3 * ai, B = 3 * bi;
  // t[0..2] = v0, v1, v2
  f.mul(t, 0, a, A, b, B);
  f.mul(t, 1, a, A + 1, b, B + 1);
  f.mul(t, 2, a, A + 2, b, B + 2);
  // t[3] = m12 = (a1 + a2)(b1 + b2) − v1 − v2
  f.add(t, 6, a, A + 1, a, A + 2);
  f.add(t, 7, b, B + 1, b, B + 2);
  f.mul(t, 3, t, 6, t, 7);
  f.sub(t, 3, t, 3, t, 1);
  f.sub(t, 3, t, 3, t, 2);
  // t[4] = m01, t[5] = m02
  f.add(t, 6, a, A, a, A + 1);
  f.add(t, 7, b, B, b, B + 1);
  f.mul(t, 4, t, 6, t, 7);
  f.add(t, 6, a, A, a, A + 2);
  f.add(t, 7, b, B, b, B + 2);
  f.mul(t, 5, t, 6, t, 7);
  // r1 = m01 − v0 − v1 + m12 + v2
  f.sub(t, 4, t, 4, t, 0);
  f.sub(t, 4, t, 4, t, 1);
  f.add(t, 4, t, 4, t, 3);
  f.add(t, 4, t, 4, t, 2);
  // r2 = m02 − v0 + v1
  f.sub(t, 5, t, 5, t, 0);
  f.add(t, 5, t, 5, t, 1);
  // r0 = v0 + m12
  f.add(out, 3 * o, t, 0, t, 3);
  f.copy(out, 3 * o + 1, t, 4);
  f.copy(out, 3 * o + 2, t, 5);
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

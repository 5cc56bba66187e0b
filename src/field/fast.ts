/**
 * Goldilocks arithmetic on typed arrays, for per-element work where a WebAssembly call per element
 * would cost more than the arithmetic (witness builders, the verifier).
 *
 * Layout: element i of a `Uint32Array` is the little-endian u64 `arr[2i] + 2^32·arr[2i+1]`, the same
 * as a Matrix column and as the WebAssembly kernels' memory. Every function takes element indices
 * (not word indices), reads its operands before writing, and so may write over an operand
 * (`mul(x, 0, x, 0, y, 0)` is fine). Inputs must be canonical (< p); outputs are canonical.
 *
 * Why operands are (array, index) pairs and not numbers: a u32 above 2^31 is not a small integer in
 * V8, so passing halves as arguments to a function that is not inlined boxes them on the heap;
 * reading them from the array inside the function does not.
 *
 * Measured on one core (Node 20, bench/field.ts): multiply ≈ 40 M/s independent, ≈ 28 M/s dependent chain —
 * ~10× BigInt, ~5× slower than the WebAssembly batch kernels (see bench/field.ts).
 */
import { P as P_BIG } from './reference.js';

const TWO32 = 4294967296;
const INV32 = 1 / 4294967296;
const P_HI = 0xffffffff; // p = P_HI·2^32 + 1

/** Writes the element (lo, hi), given as a value lo + 2^32·hi in [−2^35, 2^64 + 2^36), reduced. */
function store(out: Uint32Array, o: number, lo: number, hi: number): void {
  // Fast path: already canonical (lo in [0, 2^32), hi in [0, 2^32 − 1)).
  if (lo >= 0 && lo < TWO32 && hi >= 0 && hi < P_HI) {
    out[2 * o] = lo;
    out[2 * o + 1] = hi;
    return;
  }
  storeSlow(out, o, lo, hi);
}

function storeSlow(out: Uint32Array, o: number, lo: number, hi: number): void {
  // Normalise lo into [0, 2^32), carrying into hi.
  const c = Math.floor(lo * INV32);
  lo -= c * TWO32;
  hi += c;
  // 2^64 ≡ 2^32 − 1: fold whole multiples of 2^32 in hi back (k is tiny: |k| ≤ 16).
  while (hi >= TWO32 || hi < 0) {
    const k = Math.floor(hi * INV32);
    hi -= k * TWO32;
    // k·2^64 ≡ k·2^32 − k
    hi += k;
    lo -= k;
    const c2 = Math.floor(lo * INV32);
    lo -= c2 * TWO32;
    hi += c2;
  }
  // Now 0 ≤ value < 2^64 < 2p: subtract p once if needed.
  if (hi === P_HI && lo >= 1) {
    hi = 0;
    lo -= 1;
  }
  out[2 * o] = lo;
  out[2 * o + 1] = hi;
}

export function add(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  let lo = a[2 * ai]! + b[2 * bi]!;
  let hi = a[2 * ai + 1]! + b[2 * bi + 1]!;
  if (lo >= TWO32) {
    lo -= TWO32;
    hi += 1;
  }
  // The sum is below 2p: subtract p = (P_HI, 1) once if it is at least p.
  if (hi > P_HI || (hi === P_HI && lo >= 1)) {
    lo -= 1;
    hi -= P_HI;
    if (lo < 0) {
      lo += TWO32;
      hi -= 1;
    }
  }
  out[2 * o] = lo;
  out[2 * o + 1] = hi;
}

export function sub(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  let lo = a[2 * ai]! - b[2 * bi]!;
  let hi = a[2 * ai + 1]! - b[2 * bi + 1]!;
  if (lo < 0) {
    lo += TWO32;
    hi -= 1;
  }
  // The difference is above −p: add p once if it is negative.
  if (hi < 0) {
    lo += 1;
    hi += P_HI;
    if (lo === TWO32) {
      lo = 0;
      hi += 1;
    }
  }
  out[2 * o] = lo;
  out[2 * o + 1] = hi;
}

export function neg(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  const lo = a[2 * ai]!;
  const hi = a[2 * ai + 1]!;
  if (lo === 0 && hi === 0) {
    out[2 * o] = 0;
    out[2 * o + 1] = 0;
    return;
  }
  // p − a = (P_HI − hi)·2^32 + (1 − lo), borrowing when lo > 1 (then hi < P_HI since a < p).
  if (lo <= 1) {
    out[2 * o] = 1 - lo;
    out[2 * o + 1] = P_HI - hi;
  } else {
    out[2 * o] = TWO32 + 1 - lo;
    out[2 * o + 1] = P_HI - hi - 1;
  }
}

/**
 * a·b. Each 32×32-bit partial product is split exactly into halves: the low half with Math.imul,
 * the high half from the rounded double product (its error, < 2^12, is far below 2^31).
 * The 128-bit product ll + (lh + hl)·2^32 + hh·2^64 is folded with 2^64 ≡ 2^32 − 1, 2^96 ≡ −1.
 */
export function mul(out: Uint32Array, o: number, a: Uint32Array, ai: number, b: Uint32Array, bi: number): void {
  const a0 = a[2 * ai]!, a1 = a[2 * ai + 1]!, b0 = b[2 * bi]!, b1 = b[2 * bi + 1]!;
  const llL = Math.imul(a0, b0) >>> 0;
  const llH = Math.round((a0 * b0 - llL) * INV32);
  const lhL = Math.imul(a0, b1) >>> 0;
  const lhH = Math.round((a0 * b1 - lhL) * INV32);
  const hlL = Math.imul(a1, b0) >>> 0;
  const hlH = Math.round((a1 * b0 - hlL) * INV32);
  const hhL = Math.imul(a1, b1) >>> 0;
  const hhH = Math.round((a1 * b1 - hhL) * INV32);
  // Digits of weight 2^64 (s2) and 2^96 (hhH): 2^64·s2 ≡ 2^32·s2 − s2, 2^96·hhH ≡ −hhH.
  const s2 = lhH + hlH + hhL;
  const lo = llL - s2 - hhH; // (−2^34, 2^32)
  const mid = llH + lhL + hlL + s2; // < 6·2^32: weight 2^32
  // mid·2^32 = midL·2^32 + midH·2^64 ≡ midL·2^32 + midH·2^32 − midH
  const midH = Math.floor(mid * INV32);
  store(out, o, lo - midH, mid - midH * TWO32 + midH);
}

export function square(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  mul(out, o, a, ai, a, ai);
}

const scratch = new Uint32Array(4);

/** a^e for an exponent e ≥ 0 (BigInt: exponents are API-edge values, not hot-loop data). */
export function pow(out: Uint32Array, o: number, a: Uint32Array, ai: number, e: bigint): void {
  if (e < 0n) throw new RangeError(`pow: exponent must be non-negative, got ${e}`);
  // scratch[0..1] = result, scratch[2..3] = base
  scratch[0] = 1;
  scratch[1] = 0;
  scratch[2] = a[2 * ai]!;
  scratch[3] = a[2 * ai + 1]!;
  while (e > 0n) {
    if (e & 1n) mul(scratch, 0, scratch, 0, scratch, 1);
    e >>= 1n;
    if (e > 0n) mul(scratch, 1, scratch, 1, scratch, 1);
  }
  out[2 * o] = scratch[0]!;
  out[2 * o + 1] = scratch[1]!;
}

const P_MINUS_2 = P_BIG - 2n;

/** a^−1, and 0 for a = 0 (callers that must reject zero check `isZero` first). */
export function inv(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  pow(out, o, a, ai, P_MINUS_2);
}

export function isZero(a: Uint32Array, ai: number): boolean {
  return a[2 * ai] === 0 && a[2 * ai + 1] === 0;
}

export function eq(a: Uint32Array, ai: number, b: Uint32Array, bi: number): boolean {
  return a[2 * ai] === b[2 * bi] && a[2 * ai + 1] === b[2 * bi + 1];
}

/** Whether element i is below p (any pair of u32 halves is a u64; not every u64 is canonical). */
export function isCanonicalAt(a: Uint32Array, ai: number): boolean {
  const hi = a[2 * ai + 1]!;
  return hi < P_HI || (hi === P_HI && a[2 * ai] === 0);
}

export function copy(out: Uint32Array, o: number, a: Uint32Array, ai: number): void {
  out[2 * o] = a[2 * ai]!;
  out[2 * o + 1] = a[2 * ai + 1]!;
}

/** Writes a small value (< 2^32). */
export function setU32(out: Uint32Array, o: number, value: number): void {
  out[2 * o] = value >>> 0;
  out[2 * o + 1] = 0;
}

/** Element i as a BigInt (API edges and tests). */
export function get(a: Uint32Array, ai: number): bigint {
  return (BigInt(a[2 * ai + 1]!) << 32n) | BigInt(a[2 * ai]!);
}

/** Writes a canonical BigInt element (API edges and tests). */
export function set(out: Uint32Array, o: number, value: bigint): void {
  out[2 * o] = Number(value & 0xffffffffn);
  out[2 * o + 1] = Number(value >> 32n);
}

/** BigInt elements → u64-pair array; throws on a value outside [0, p). */
export function fromBigInts(values: readonly bigint[]): Uint32Array {
  const out = new Uint32Array(2 * values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0n || v >= P_BIG) throw new RangeError(`fromBigInts: values[${i}] = ${v} is not a canonical element`);
    set(out, i, v);
  }
  return out;
}

/** u64-pair array → BigInt elements. */
export function toBigInts(a: Uint32Array): bigint[] {
  const out: bigint[] = new Array(a.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = get(a, i);
  return out;
}

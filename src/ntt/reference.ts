/**
 * Plain BigInt transforms: the independent oracles for the WebAssembly NTT.
 * - `naiveDft`: the O(n²) definition, for small sizes.
 * - `referenceNtt`: a recursive radix-2 Cooley–Tukey, O(n log n), natural order in and out.
 * - `evaluatePoly`: Horner's rule at one point.
 * Elements are canonical bigints; ω_n = rootOfUnity(log2 n) as everywhere in the package.
 */
import * as gl from '../field/reference.js';

function log2Exact(n: number, name: string): number {
  const log = Math.log2(n);
  if (!Number.isInteger(log)) throw new RangeError(`${name}: length must be a power of two, got ${n}`);
  return log;
}

/** out[k] = Σ_i a[i]·ω^(±ik). */
export function naiveDft(a: readonly bigint[], inverse = false): bigint[] {
  const n = a.length;
  const w0 = gl.rootOfUnity(log2Exact(n, 'naiveDft'));
  const w = inverse ? gl.inv(w0) : w0;
  const out: bigint[] = [];
  for (let k = 0; k < n; k++) {
    const wk = gl.pow(w, BigInt(k));
    let s = 0n;
    let x = 1n;
    for (let i = 0; i < n; i++) {
      s = gl.add(s, gl.mul(a[i]!, x));
      x = gl.mul(x, wk);
    }
    out.push(s);
  }
  return out;
}

/** Same transform as naiveDft, by splitting into even and odd indices. */
export function referenceNtt(a: readonly bigint[], inverse = false): bigint[] {
  const logN = log2Exact(a.length, 'referenceNtt');
  const w = inverse ? gl.inv(gl.rootOfUnity(logN)) : gl.rootOfUnity(logN);
  return rec(a, w);
}

function rec(a: readonly bigint[], w: bigint): bigint[] {
  const n = a.length;
  if (n === 1) return [a[0]!];
  const even = rec(a.filter((_, i) => i % 2 === 0), gl.mul(w, w));
  const odd = rec(a.filter((_, i) => i % 2 === 1), gl.mul(w, w));
  const out: bigint[] = new Array(n);
  let x = 1n;
  for (let k = 0; k < n / 2; k++) {
    const t = gl.mul(x, odd[k]!);
    out[k] = gl.add(even[k]!, t);
    out[k + n / 2] = gl.sub(even[k]!, t);
    x = gl.mul(x, w);
  }
  return out;
}

/** Coefficients (lowest degree first) evaluated at x. */
export function evaluatePoly(coeffs: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let i = coeffs.length - 1; i >= 0; i--) acc = gl.add(gl.mul(acc, x), coeffs[i]!);
  return acc;
}

/** The index i with its low `bits` bits in reverse order. */
export function bitReverseIndex(i: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
  return r >>> 0;
}

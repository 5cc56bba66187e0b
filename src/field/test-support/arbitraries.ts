// fast-check arbitraries and edge values shared by the field, NTT and pool tests.
import fc from 'fast-check';
import { P } from '../reference.js';
import type { Ext3 } from '../extension.js';

/** Values where carries, borrows and the final reduction change behaviour. */
export const EDGE: readonly bigint[] = [
  0n,
  1n,
  2n,
  P - 1n,
  P - 2n,
  (1n << 32n) - 1n,
  1n << 32n,
  (1n << 32n) + 1n,
  1n << 63n,
  (1n << 63n) - 1n,
  (1n << 63n) + 1n,
  P - (1n << 32n), // 2^64 − 2^33 + 1
  P - (1n << 32n) + 1n,
  0xffff_fffe_ffff_ffffn,
  0xffff_ffff_0000_0000n, // p − 1
  0xffff_fffe_0000_0000n,
  0x0000_0001_ffff_ffffn,
];

export const element: fc.Arbitrary<bigint> = fc.oneof(
  { arbitrary: fc.constantFrom(...EDGE), weight: 1 },
  { arbitrary: fc.bigInt({ min: 0n, max: P - 1n }), weight: 3 },
);

export const nonZeroElement: fc.Arbitrary<bigint> = element.filter((x) => x !== 0n);

export const ext3: fc.Arbitrary<Ext3> = fc.tuple(element, element, element);

export const nonZeroExt3: fc.Arbitrary<Ext3> = ext3.filter((a) => a[0] !== 0n || a[1] !== 0n || a[2] !== 0n);

/** A deterministic pseudo-random canonical element stream (xorshift), for big arrays. */
export function randomElements(n: number, seed = 1): bigint[] {
  let s = BigInt(seed) | 1n;
  const out: bigint[] = [];
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < n; i++) {
    s ^= (s << 13n) & mask;
    s ^= s >> 7n;
    s ^= (s << 17n) & mask;
    out.push(s % P);
  }
  return out;
}

/** Like randomElements, but straight into a u64-pair array without BigInt per element. */
export function randomHalves(n: number, seed = 1): Uint32Array {
  let x = seed >>> 0 || 1;
  const out = new Uint32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x;
    // keep it canonical: a high half of 0xffffffff only with a low half of 0
    if (i & 1 && out[i] === 0xffffffff) out[i] = 0xfffffffe;
  }
  return out;
}

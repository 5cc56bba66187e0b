/**
 * Canonical byte encoding of Goldilocks elements: 8 bytes each, little-endian, value < p.
 * An extension element is its three coefficients in order (24 bytes).
 *
 * Decoding rejects any u64 ≥ p: each element then has exactly one encoding, which proofs and
 * transcripts rely on. The `try…` form never throws on untrusted bytes (the verifier's path);
 * the plain form throws a FieldDecodeError for callers that treat bad bytes as a bug.
 */
import { P } from './reference.js';

export const ELEMENT_BYTES = 8;

const P_HI = 0xffffffff;

export type DecodeFailure =
  | { readonly kind: 'length'; readonly expected: number; readonly got: number }
  | { readonly kind: 'non-canonical'; readonly index: number; readonly value: bigint };

export type DecodeResult = { readonly ok: true; readonly value: Uint32Array } | { readonly ok: false; readonly error: DecodeFailure };

export class FieldDecodeError extends Error {
  constructor(readonly failure: DecodeFailure) {
    super(describe(failure));
    this.name = 'FieldDecodeError';
  }
}

function describe(f: DecodeFailure): string {
  return f.kind === 'length'
    ? `expected ${f.expected} bytes of field elements, got ${f.got}`
    : `element ${f.index} is not canonical: ${f.value} ≥ p = ${P}`;
}

/** Elements (u64-pair array) → 8 bytes each, little-endian. */
export function elementsToBytes(a: Uint32Array): Uint8Array {
  const n = a.length >> 1;
  const out = new Uint8Array(8 * n);
  for (let i = 0; i < n; i++) {
    const lo = a[2 * i]!, hi = a[2 * i + 1]!;
    const o = 8 * i;
    out[o] = lo;
    out[o + 1] = lo >>> 8;
    out[o + 2] = lo >>> 16;
    out[o + 3] = lo >>> 24;
    out[o + 4] = hi;
    out[o + 5] = hi >>> 8;
    out[o + 6] = hi >>> 16;
    out[o + 7] = hi >>> 24;
  }
  return out;
}

/**
 * Decodes `count` elements from bytes[offset …] (default: all remaining bytes, which must then be a
 * multiple of 8). Never throws for any bytes, offset or count.
 */
export function tryElementsFromBytes(bytes: Uint8Array, count?: number, offset = 0): DecodeResult {
  const available = Number.isInteger(offset) && offset >= 0 ? bytes.length - offset : -1;
  const n = count ?? Math.floor(Math.max(available, 0) / 8);
  const need = Number.isInteger(n) && n >= 0 ? 8 * n : -1;
  if (available < 0 || need < 0 || (count === undefined ? available !== need : available < need)) {
    // Without a count, report the nearest whole number of elements above what is there.
    const expected = count === undefined ? 8 * Math.ceil(Math.max(available, 0) / 8) : Math.max(need, 0);
    return { ok: false, error: { kind: 'length', expected, got: Math.max(available, 0) } };
  }
  const out = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const o = offset + 8 * i;
    const lo = (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
    const hi = (bytes[o + 4]! | (bytes[o + 5]! << 8) | (bytes[o + 6]! << 16) | (bytes[o + 7]! << 24)) >>> 0;
    if (hi === P_HI && lo !== 0) {
      return { ok: false, error: { kind: 'non-canonical', index: i, value: (BigInt(hi) << 32n) | BigInt(lo) } };
    }
    out[2 * i] = lo;
    out[2 * i + 1] = hi;
  }
  return { ok: true, value: out };
}

/** As tryElementsFromBytes, but throws a FieldDecodeError. */
export function elementsFromBytes(bytes: Uint8Array, count?: number, offset = 0): Uint32Array {
  const r = tryElementsFromBytes(bytes, count, offset);
  if (!r.ok) throw new FieldDecodeError(r.error);
  return r.value;
}

/**
 * Free calls (ZisK's fcall): the guest asks the host to compute something it will then verify
 * itself. `fcall_param` pushes parameter words, `fcall` runs function `id`, and the results come
 * back one word at a time through the free-input slot (INPUT_ADDR), read by `fcall_get`. Nothing here
 * is proved: it only produces the values the guest reads, which the minimal trace records like any
 * memory read, so a replay never calls the host again.
 *
 * Functions (ZisK's FCALL_ID_*; 256-bit numbers are 4 little-endian u64 words):
 *   1  inverse mod p of secp256k1's base field   (params: a[4]; results: a^-1 [4], 4 zero words)
 *   2  inverse mod n of secp256k1's scalar field (same layout)
 *   3  square root mod p with a given parity     (params: a[4], parity; results: exists, r[4])
 *   4  position of the highest set bit of two 256-bit numbers (params: x[4], y[4]; results: word, bit)
 */
import { Fault } from './errors.js';

export const FCALL_PARAMS_MAX = 32;
export const FCALL_RESULT_MAX = 32;

const P_SECP256K1 = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const N_SECP256K1 = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

const toBig = (w: readonly bigint[], from: number, count: number) => {
  let v = 0n;
  for (let i = count - 1; i >= 0; i--) v = (v << 64n) | w[from + i]!;
  return v;
};
const toWords = (v: bigint, count: number): bigint[] => {
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) out.push((v >> (64n * BigInt(i))) & 0xffffffffffffffffn);
  return out;
};

/** Runs free-call function `id` on `params`; returns its result words. */
export function runFcall(id: number, params: readonly bigint[]): bigint[] {
  switch (id) {
    case 1:
    case 2: {
      const m = id === 1 ? P_SECP256K1 : N_SECP256K1;
      const a = toBig(params, 0, 4) % m;
      if (a === 0n) throw new Fault('fcall', `fcall ${id}: inverse of zero`);
      return [...toWords(modPow(a, m - 2n, m), 4), 0n, 0n, 0n, 0n];
    }
    case 3: {
      const a = toBig(params, 0, 4) % P_SECP256K1;
      const r = modPow(a, (P_SECP256K1 + 1n) / 4n, P_SECP256K1);
      if ((r * r) % P_SECP256K1 !== a) return [0n, ...toWords((1n << 256n) - 1n, 4)];
      const parity = params[4]! & 1n;
      return [1n, ...toWords((r & 1n) === parity ? r : P_SECP256K1 - r, 4)];
    }
    case 4: {
      for (let i = 3; i >= 0; i--) {
        const x = params[i]!;
        const y = params[4 + i]!;
        if (x !== 0n || y !== 0n) return [BigInt(i), BigInt((x > y ? x : y).toString(2).length - 1)];
      }
      throw new Fault('fcall', 'fcall 4: both numbers are zero');
    }
    default:
      throw new Fault('fcall', `fcall function ${id} is not supported`);
  }
}

/** The host side of free calls: parameter and result buffers. */
export class FcallState {
  params: bigint[] = [];
  results: bigint[] = [];
  got = 0;

  pushParam(word: bigint): void {
    if (this.params.length >= FCALL_PARAMS_MAX) throw new Fault('fcall', `fcall_param: more than ${FCALL_PARAMS_MAX} parameter words`);
    this.params.push(word);
  }

  /** Runs the call; returns the first result word (or 0) for the free-input slot. */
  call(id: number): bigint {
    this.results = runFcall(id, this.params);
    if (this.results.length > FCALL_RESULT_MAX) throw new Fault('fcall', `fcall ${id}: too many result words`);
    this.params = [];
    this.got = 1;
    return this.results[0] ?? 0n;
  }

  /** After a fcall_get consumed the slot: the next result word (0 past the end). */
  next(): bigint {
    if (this.results.length === 0) throw new Fault('fcall', 'fcall_get without a preceding fcall');
    const v = this.results[this.got] ?? 0n;
    this.got++;
    return v;
  }
}

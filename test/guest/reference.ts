// Plain BigInt references of what the guest examples compute, written from the specifications
// (not from the C code): the expected outputs must agree with them.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatOutputs, readExpected, readInput, stepKey, type Example, type ExampleInput } from '../oracles/index.js';

const M64 = (1n << 64n) - 1n;

/** Outputs as 64 words: u64 values at word pairs (low, high), 32-bit values at single words. */
export class Words {
  readonly words = new Uint32Array(64);
  u64(id: number, v: bigint): this {
    const x = BigInt.asUintN(64, v);
    this.words[id] = Number(x & 0xffff_ffffn);
    this.words[id + 1] = Number(x >> 32n);
    return this;
  }
  u32(id: number, v: number | bigint): this {
    this.words[id] = Number(BigInt.asUintN(32, BigInt(v)));
    return this;
  }
}

export function readU64s(bytes: Uint8Array): bigint[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, i) => view.getBigUint64(8 * i, true));
}

/** The records of an input file. */
export function records(file: Uint8Array): Uint8Array[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Uint8Array[] = [];
  for (let pos = 0; pos < file.length; ) {
    const n = Number(view.getBigUint64(pos, true));
    out.push(file.subarray(pos + 8, pos + 8 + n));
    pos += 8 + Math.ceil(n / 8) * 8;
  }
  return out;
}

/** F(n) and F(n+1) mod 2^64 by fast doubling: F(2k) = F(k)(2F(k+1) - F(k)), F(2k+1) = F(k)^2 + F(k+1)^2. */
export function fibonacci(n: bigint): [bigint, bigint] {
  if (n === 0n) return [0n, 1n];
  const [a, b] = fibonacci(n >> 1n);
  const c = (a * ((2n * b - a) & M64)) & M64;
  const d = (a * a + b * b) & M64;
  return n & 1n ? [d, (c + d) & M64] : [c, d];
}

export function sortSummary(values: bigint[]): Words {
  const a = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const n = a.length;
  let weighted = 0n;
  let all = 0n;
  a.forEach((v, i) => {
    weighted = (weighted + BigInt(i + 1) * v) & M64;
    all ^= v;
  });
  return new Words()
    .u32(0, 1).u32(1, n).u64(2, weighted).u64(4, all)
    .u64(6, n ? a[0]! : 0n).u64(8, n ? a[n - 1]! : 0n).u64(10, n ? a[n >> 1]! : 0n);
}

const s64 = (x: bigint) => BigInt.asIntN(64, x);
const s32 = (x: bigint) => BigInt.asIntN(32, x);
const u32 = (x: bigint) => BigInt.asUintN(32, x);
const sext32 = (x: bigint) => BigInt.asUintN(64, s32(x));
/** Division truncating toward zero, as RISC-V (BigInt division already truncates). */

/** The M extension (RISC-V unprivileged ISA, chapter M, table of division special cases). */
export function mOps(a: bigint, b: bigint): bigint[] {
  const sa = s64(a), sb = s64(b);
  const r: bigint[] = [];
  r.push(BigInt.asUintN(64, a * b));
  r.push(BigInt.asUintN(64, (sa * sb) >> 64n));
  r.push(BigInt.asUintN(64, (sa * b) >> 64n));
  r.push((a * b) >> 64n);
  const overflow = sa === -(1n << 63n) && sb === -1n;
  r.push(b === 0n ? M64 : overflow ? a : BigInt.asUintN(64, sa / sb));
  r.push(b === 0n ? M64 : a / b);
  r.push(b === 0n ? a : overflow ? 0n : BigInt.asUintN(64, sa % sb));
  r.push(b === 0n ? a : a % b);
  const a32 = s32(a), b32 = s32(b);
  const overflow32 = a32 === -(1n << 31n) && b32 === -1n;
  r.push(sext32(a * b));
  r.push(b32 === 0n ? M64 : overflow32 ? sext32(a32) : sext32(a32 / b32));
  r.push(u32(b) === 0n ? M64 : sext32(u32(a) / u32(b)));
  r.push(b32 === 0n ? sext32(a32) : overflow32 ? 0n : sext32(a32 % b32));
  r.push(u32(b) === 0n ? sext32(a) : sext32(u32(a) % u32(b)));
  return r;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const fnv = (h: bigint, w: bigint) => ((h ^ w) * 0x100000001b3n) & M64;
const rotl = (x: bigint, r: number) => (r === 0 ? x : ((x << BigInt(r)) | (x >> BigInt(64 - r))) & M64);

export function mulDivSummary(rounds: number, operands: bigint[]): Words {
  const digests = new Array<bigint>(13).fill(FNV_OFFSET);
  let all = FNV_OFFSET;
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    const ops = operands.map((x) => rotl(x, round % 64));
    for (const a of ops) {
      for (const b of ops) {
        mOps(a, b).forEach((v, k) => {
          digests[k] = fnv(digests[k]!, v);
          all = fnv(all, v);
        });
        count += 13;
      }
    }
  }
  const w = new Words();
  digests.forEach((d, k) => w.u64(2 * k, d));
  return w.u64(26, all).u32(28, count);
}

/** Keccak-f[1600] from FIPS 202 section 3.2, step by step on a 5x5 lane array (index x + 5y). */
export function keccakF(state: bigint[]): void {
  const RHO = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
  for (let round = 0; round < 24; round++) {
    const c = [0, 1, 2, 3, 4].map((x) => state[x]! ^ state[x + 5]! ^ state[x + 10]! ^ state[x + 15]! ^ state[x + 20]!);
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5]! ^ rotl(c[(x + 1) % 5]!, 1);
      for (let y = 0; y < 5; y++) state[x + 5 * y]! ^= d;
    }
    const b = new Array<bigint>(25);
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(state[x + 5 * y]!, RHO[x + 5 * y]!);
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) state[x + 5 * y] = b[x + 5 * y]! ^ (~b[(x + 1) % 5 + 5 * y]! & M64 & b[(x + 2) % 5 + 5 * y]!);
    }
    state[0] ^= roundConstant(round);
  }
}

/** The iota constants from the rc(t) LFSR of FIPS 202 algorithm 5. */
function roundConstant(round: number): bigint {
  let rc = 0n;
  for (let j = 0; j <= 6; j++) {
    let r = 1;
    for (let t = 0; t < j + 7 * round; t++) {
      r <<= 1;
      if (r & 0x100) r ^= 0x171;
    }
    if (r & 1) rc |= 1n << BigInt((1 << j) - 1);
  }
  return rc;
}

export function keccakSummary(n: number, seed: Uint8Array): Words {
  const s = new Array<bigint>(25).fill(0n);
  seed.forEach((byte, i) => (s[i >> 3] = s[i >> 3]! ^ (BigInt(byte) << BigInt(8 * (i & 7)))));
  for (let i = 0; i < n; i++) keccakF(s);
  const w = new Words();
  for (let i = 0; i < 8; i++) w.u64(2 * i, s[i]!);
  return w.u64(16, s.reduce((x, y) => x ^ y, 0n));
}

export function fromLimbs(limbs: bigint[]): bigint {
  return limbs.reduceRight((acc, l) => (acc << 64n) | l, 0n);
}

export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n % mod;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

const TABLE = [
  0x0000000000000000n, 0x0000000000000001n, 0x0000000000000002n, 0x0000000000000003n,
  0xffffffffffffffffn, 0xfffffffffffffffen, 0x7fffffffffffffffn, 0x8000000000000000n,
  0x8000000000000001n, 0x000000007fffffffn, 0x0000000080000000n, 0x00000000ffffffffn,
  0x0000000100000000n, 0xffffffff80000000n, 0xffffffff7fffffffn, 0xffffffff00000000n,
  0x5555555555555555n, 0xaaaaaaaaaaaaaaaan, 0x123456789abcdef0n, 0xfedcba9876543210n,
  0x0000000080000001n, 0x00000000fffffffen,
];

/** What each example must output on an input file, computed without the C code. */
export const REFERENCE: Record<Example, (file: Uint8Array) => Words> = {
  fibonacci(file) {
    const n = readU64s(records(file)[0]!)[0]!;
    const [fn, fn1] = fibonacci(n);
    return new Words().u64(0, fn).u64(2, fn1 - 1n).u64(4, n);
  },
  sha256(file) {
    const msg = records(file)[0]!;
    const digest = createHash('sha256').update(msg).digest();
    const w = new Words();
    for (let i = 0; i < 8; i++) w.u32(i, digest.readUInt32BE(4 * i));
    return w.u32(8, msg.length);
  },
  sort: (file) => sortSummary(readU64s(records(file)[0]!)),
  muldiv(file) {
    const [rounds, ops] = records(file);
    const operands = readU64s(ops!);
    return mulDivSummary(Number(readU64s(rounds!)[0]), operands.length ? operands : TABLE);
  },
  keccak(file) {
    const [n, seed] = records(file);
    return keccakSummary(Number(readU64s(n!)[0]), seed!);
  },
  bignum(file) {
    const [m, b, e] = records(file).map((r) => fromLimbs(readU64s(r)));
    const k = records(file)[0]!.length / 8;
    const result = modPow(b!, e!, m!);
    const w = new Words();
    for (let i = 0; i < 16; i++) w.u64(2 * i, i < k ? (result >> (64n * BigInt(i))) & ((1n << 64n) - 1n) : 0n);
    return w.u32(32, k);
  },
};

export function checkAgainstReference(input: ExampleInput): void {
  const want = REFERENCE[input.example](readInput(input)).words;
  assert.equal(formatOutputs(readExpected(input)), formatOutputs(want), `${stepKey(input)}: expected outputs`);
}


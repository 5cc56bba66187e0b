#!/usr/bin/env node
// The input files of the guest examples, from one table and a seeded generator.
//
//   node guest/inputs/generate.mjs            writes every input (see inputPath for where)
//   node guest/inputs/generate.mjs --check    fails if a committed input differs from what the table gives
//
// Inputs marked `committed: false` are too large to keep in git (guest/.gitignore); tests that
// need them call ensureInputs(), which writes whatever is missing. Everything is a function of
// the table, so the files are the same on every machine.
//
// An input file is a concatenation of records [u64 LE length][bytes][zero padding to 8].
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INPUTS_DIR = dirname(fileURLToPath(import.meta.url));

const MASK64 = (1n << 64n) - 1n;

/** splitmix64: a small, well-mixed and fully specified 64-bit generator. */
export function rng(seed) {
  let state = BigInt(seed) & MASK64;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

export function u64le(values) {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigUint64(8 * i, BigInt.asUintN(64, BigInt(v)), true));
  return out;
}

function randomBytes(seed, n) {
  const next = rng(seed);
  const words = u64le(Array.from({ length: Math.ceil(n / 8) }, () => next()));
  return words.subarray(0, n);
}

function randomLimbs(seed, k) {
  const next = rng(seed);
  return Array.from({ length: k }, () => next());
}

/** limbs (little-endian u64s) → bigint */
export function fromLimbs(limbs) {
  return limbs.reduceRight((acc, l) => (acc << 64n) | BigInt(l), 0n);
}

function toLimbs(x, k) {
  return Array.from({ length: k }, (_, i) => (x >> (64n * BigInt(i))) & MASK64);
}

/** The records of one input file, each padded to 8 bytes. */
export function encodeRecords(records) {
  const size = records.reduce((s, r) => s + 8 + Math.ceil(r.length / 8) * 8, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const r of records) {
    view.setBigUint64(pos, BigInt(r.length), true);
    out.set(r, pos + 8);
    pos += 8 + Math.ceil(r.length / 8) * 8;
  }
  return out;
}

function bignumInput(seed, k, expLimbs) {
  const next = rng(seed);
  const limbs = () => Array.from({ length: k }, () => next());
  const mod = fromLimbs(limbs()) | 1n | (1n << BigInt(64 * k - 1));
  const base = fromLimbs(limbs()) % mod;
  const exp = Array.from({ length: expLimbs }, () => next());
  return [u64le(toLimbs(mod, k)), u64le(toLimbs(base, k)), u64le(exp)];
}

function sortDuplicates(seed, n) {
  const next = rng(seed);
  const values = [];
  for (let i = 0; i < n / 2; i++) values.push(next() % 7n);
  for (let i = n / 2; i > 0; i--) values.push(BigInt(i) * 1000n);
  values.push(0n, MASK64, MASK64, 0n);
  return values;
}

/** The SHA3-256 padding of the empty message: one 136-byte block. */
function sha3EmptyBlock() {
  const block = new Uint8Array(136);
  block[0] = 0x06;
  block[135] |= 0x80;
  return block;
}

/**
 * Every example input. `records` builds the records; labels name the size or the case.
 * @type {{ example: string, label: string, committed: boolean, records: () => Uint8Array[] }[]}
 */
export const INPUTS = [
  { example: 'fibonacci', label: 'small', committed: true, records: () => [u64le([1000])] },
  { example: 'fibonacci', label: 'medium', committed: true, records: () => [u64le([100_000])] },
  { example: 'fibonacci', label: 'large', committed: true, records: () => [u64le([5_000_000])] },

  { example: 'sha256', label: 'abc', committed: true, records: () => [new TextEncoder().encode('abc')] },
  { example: 'sha256', label: 'small', committed: true, records: () => [randomBytes(0x5a1, 1000)] },
  { example: 'sha256', label: 'medium', committed: true, records: () => [randomBytes(0x5a2, 65_536)] },
  { example: 'sha256', label: 'large', committed: false, records: () => [randomBytes(0x5a3, 524_288)] },

  { example: 'sort', label: 'small', committed: true, records: () => [u64le(randomLimbs(0x501, 16))] },
  { example: 'sort', label: 'duplicates', committed: true, records: () => [u64le(sortDuplicates(0x502, 2000))] },
  { example: 'sort', label: 'medium', committed: true, records: () => [u64le(randomLimbs(0x503, 4096))] },
  { example: 'sort', label: 'large', committed: false, records: () => [u64le(randomLimbs(0x504, 131_072))] },

  {
    example: 'muldiv',
    label: 'tiny',
    committed: true,
    records: () => [u64le([1]), u64le([0n, 1n, MASK64, 1n << 63n, 0xffffffff80000000n, 7n])],
  },
  { example: 'muldiv', label: 'table', committed: true, records: () => [u64le([1]), new Uint8Array(0)] },
  { example: 'muldiv', label: 'large', committed: true, records: () => [u64le([512]), new Uint8Array(0)] },

  { example: 'keccak', label: 'zero', committed: true, records: () => [u64le([1]), new Uint8Array(0)] },
  { example: 'keccak', label: 'sha3-empty', committed: true, records: () => [u64le([1]), sha3EmptyBlock()] },
  { example: 'keccak', label: 'medium', committed: true, records: () => [u64le([100]), randomBytes(0x3c1, 200)] },
  { example: 'keccak', label: 'large', committed: true, records: () => [u64le([1000]), randomBytes(0x3c2, 200)] },

  { example: 'bignum', label: 'small', committed: true, records: () => bignumInput(0xb1, 2, 1) },
  { example: 'bignum', label: 'medium', committed: true, records: () => bignumInput(0xb2, 8, 8) },
  { example: 'bignum', label: 'large', committed: true, records: () => bignumInput(0xb3, 16, 16) },
];

/** Committed inputs live in guest/inputs/<example>/, generated ones in guest/inputs/generated/<example>/. */
export function inputPath(example, label) {
  const entry = INPUTS.find((e) => e.example === example && e.label === label);
  if (!entry) throw new Error(`no input '${label}' for example '${example}'`);
  return join(INPUTS_DIR, entry.committed ? '' : 'generated', example, `${label}.bin`);
}

export function inputBytes(entry) {
  return encodeRecords(entry.records());
}

/** Writes the inputs whose files are missing (all of them with force); returns the paths written. */
export function ensureInputs({ force = false } = {}) {
  const written = [];
  for (const entry of INPUTS) {
    const path = inputPath(entry.example, entry.label);
    if (!force && existsSync(path)) continue;
    mkdirSync(dirname(path), { recursive: true });
    // Written aside, then renamed: a concurrent reader sees no file or the whole file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, inputBytes(entry));
    renameSync(partial, path);
    written.push(path);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    let bad = 0;
    for (const entry of INPUTS.filter((e) => e.committed)) {
      const path = inputPath(entry.example, entry.label);
      const want = inputBytes(entry);
      const have = existsSync(path) ? readFileSync(path) : undefined;
      if (!have || Buffer.compare(have, want) !== 0) {
        console.error(`differs from the table: ${path}`);
        bad++;
      }
    }
    process.exit(bad ? 1 : 0);
  }
  for (const path of ensureInputs({ force: true })) console.log(path);
}

/**
 * A disk cache of fixed-column Merkle trees, so that a new process does not hash the large tables
 * again (the 2^17-row BinaryTable's 71 fixed columns cost seconds of Poseidon2 per process).
 *
 * What is stored: every level of the tree over the fixed columns' LDE (32 bytes a digest, 4/3
 * digests per LDE row at arity 4: 11 MB for the BinaryTable), not the LDE itself, which an NTT
 * rebuilds in a fraction of the hashing time and which would be 14× larger on disk.
 *
 * Where: $ZISK_TS_CACHE_DIR, else $XDG_CACHE_HOME/zisk-ts, else ~/.cache/zisk-ts. ZISK_TS_CACHE=0
 * turns the cache off. One file per (AIR name, fixed-column content, logRows, blowup, arity,
 * FORMAT): the content hash is in the file's name and header, so a changed table never hits an old
 * entry. Files are written to a temporary name and renamed, so readers never see half a file.
 *
 * Nothing read is trusted blindly: the file must have the expected size and header, its SHA-256
 * checksum must match, and a few leaves chosen at random are rehashed from the LDE and their paths
 * recompressed up to the stored root (this also catches a hash kernel that changed behaviour since
 * the file was written). Anything wrong makes the caller recompute the tree and rewrite the file.
 */
import { DIGEST_WORDS, sharedPoseidon2 } from '../hash/index.js';
import type { Matrix } from '../matrix/index.js';
import { levelSizes, type Arity } from '../merkle/index.js';

/** Bumped whenever the file layout or the meaning of its contents changes. */
export const SETUP_CACHE_FORMAT = 1;
const MAGIC = 0x5846_5a54; // "TZFX" little-endian
const HEADER_WORDS = 8;
const CHECKSUM_BYTES = 32;
/** Leaves rehashed (with their paths) when a file is loaded. */
const SPOT_CHECKS = 4;

interface NodeApis {
  readonly fs: typeof import('node:fs');
  readonly crypto: typeof import('node:crypto');
  readonly os: typeof import('node:os');
  readonly path: typeof import('node:path');
}

let apis: NodeApis | null | undefined;
/**
 * Node's modules, looked up at run time (process.getBuiltinModule, Node ≥ 20.16) as in
 * src/wasm/load.ts, so that a browser bundle of the verifier (which imports setup.ts) never
 * references them; null outside Node, where the cache is off.
 */
function node(): NodeApis | null {
  if (apis === undefined) {
    const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    apis = get
      ? {
          fs: get('node:fs') as NodeApis['fs'],
          crypto: get('node:crypto') as NodeApis['crypto'],
          os: get('node:os') as NodeApis['os'],
          path: get('node:path') as NodeApis['path'],
        }
      : null;
  }
  return apis;
}

/** The directory of the cache, or undefined when it is turned off (or outside Node). */
export function setupCacheDir(): string | undefined {
  const n = node();
  if (!n) return undefined;
  const env = process.env;
  if (env['ZISK_TS_CACHE'] === '0') return undefined;
  if (env['ZISK_TS_CACHE_DIR']) return env['ZISK_TS_CACHE_DIR'];
  const base = env['XDG_CACHE_HOME'] || n.path.join(n.os.homedir(), '.cache');
  return n.path.join(base, 'zisk-ts');
}

function sha256(): import('node:crypto').Hash {
  return node()!.crypto.createHash('sha256');
}

/** What identifies one tree. */
export interface SetupCacheKey {
  readonly air: string;
  readonly logRows: number;
  readonly logBlowup: number;
  readonly arity: Arity;
  /** The fixed columns on the trace domain (their content is hashed into the key). */
  readonly values: Matrix;
}

/** SHA-256 of the key: the fixed columns' bytes and every parameter, with the format version. */
function keyDigest(k: SetupCacheKey): Buffer {
  const h = sha256();
  h.update(`zisk-ts fixed setup v${SETUP_CACHE_FORMAT}\0${k.air}\0${k.logRows}/${k.logBlowup}/${k.arity}/${k.values.width}\0`);
  h.update(new Uint8Array(k.values.data.buffer, k.values.data.byteOffset, k.values.data.byteLength));
  return h.digest();
}

function fileFor(dir: string, k: SetupCacheKey, digest: Buffer): string {
  const safe = k.air.replace(/[^A-Za-z0-9_-]/g, '_');
  return node()!.path.join(dir, `${safe}-${k.logRows}-${k.logBlowup}-${k.arity}-${digest.toString('hex').slice(0, 32)}.tree`);
}

function header(k: SetupCacheKey, ldeRows: number, nLevels: number): Uint32Array {
  return Uint32Array.of(MAGIC, SETUP_CACHE_FORMAT, k.logRows, k.logBlowup, k.arity, ldeRows, k.values.width, nLevels);
}

/**
 * The cached levels of the tree over `lde` (the fixed columns' LDE, bit-reversed), or undefined on
 * a miss, a disabled cache or a file that fails any check (a failed check deletes the file).
 */
export function loadCachedLevels(k: SetupCacheKey, lde: Matrix): Uint32Array[] | undefined {
  const dir = setupCacheDir();
  if (!dir) return undefined;
  const digest = keyDigest(k);
  const file = fileFor(dir, k, digest);
  const { fs } = node()!;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const levels = parse(bytes, k, digest, lde.height);
  if (levels && spotCheck(levels, lde, k.arity)) return levels;
  try {
    fs.unlinkSync(file);
  } catch {
    // Another process may have replaced or removed it already.
  }
  return undefined;
}

function parse(bytes: Buffer, k: SetupCacheKey, digest: Buffer, ldeRows: number): Uint32Array[] | undefined {
  const sizes = levelSizes(ldeRows, k.arity);
  const dataWords = sizes.reduce((a, n) => a + n * DIGEST_WORDS, 0);
  const bodyBytes = 4 * HEADER_WORDS + digest.length + 4 * dataWords;
  if (bytes.length !== bodyBytes + CHECKSUM_BYTES) return undefined;
  const sum = sha256().update(bytes.subarray(0, bodyBytes)).digest();
  if (!sum.equals(bytes.subarray(bodyBytes))) return undefined;
  // Copy out of the Buffer: its offset need not be 4-byte aligned.
  const words = new Uint32Array(bodyBytes / 4);
  new Uint8Array(words.buffer).set(bytes.subarray(0, bodyBytes));
  const want = header(k, ldeRows, sizes.length);
  for (let i = 0; i < HEADER_WORDS; i++) if (words[i] !== want[i]) return undefined;
  if (!digest.equals(bytes.subarray(4 * HEADER_WORDS, 4 * HEADER_WORDS + digest.length))) return undefined;
  const levels: Uint32Array[] = [];
  let at = HEADER_WORDS + digest.length / 4;
  for (const n of sizes) {
    levels.push(words.slice(at, at + n * DIGEST_WORDS));
    at += n * DIGEST_WORDS;
  }
  return levels;
}

/** Rehashes a few random leaves from the LDE and recompresses their paths up to the root. */
function spotCheck(levels: Uint32Array[], lde: Matrix, arity: Arity): boolean {
  const hasher = sharedPoseidon2();
  const sizes = levelSizes(lde.height, arity);
  const leaf = new Uint32Array(DIGEST_WORDS);
  const parent = new Uint32Array(DIGEST_WORDS);
  const children = new Uint32Array(arity * DIGEST_WORDS);
  const picks = node()!.crypto.randomBytes(4 * SPOT_CHECKS);
  for (let s = 0; s < SPOT_CHECKS; s++) {
    // The last row too: a truncated tail would show there first.
    let i = s === 0 ? lde.height - 1 : picks.readUInt32LE(4 * s) % lde.height;
    hasher.hashRowRange([lde], i, i + 1, leaf);
    if (!equal(leaf, levels[0]!, i)) return false;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const p = Math.floor(i / arity);
      const first = p * arity;
      const count = Math.min(arity, sizes[l]! - first);
      children.fill(0);
      children.set(levels[l]!.subarray(first * DIGEST_WORDS, (first + count) * DIGEST_WORDS));
      hasher.compressLevel(children, arity, arity, parent);
      if (!equal(parent, levels[l + 1]!, p)) return false;
      i = p;
    }
  }
  return true;
}

function equal(d: Uint32Array, level: Uint32Array, index: number): boolean {
  for (let w = 0; w < DIGEST_WORDS; w++) if (d[w] !== level[index * DIGEST_WORDS + w]) return false;
  return true;
}

/** Stores the levels (best effort: an unwritable directory only costs the next process the hashing). */
export function storeCachedLevels(k: SetupCacheKey, ldeRows: number, levels: readonly Uint32Array[]): void {
  const dir = setupCacheDir();
  if (!dir) return;
  const digest = keyDigest(k);
  const file = fileFor(dir, k, digest);
  const parts: Uint8Array[] = [new Uint8Array(header(k, ldeRows, levels.length).buffer), digest];
  for (const lv of levels) parts.push(new Uint8Array(lv.buffer, lv.byteOffset, lv.byteLength));
  const { fs, crypto } = node()!;
  const h = sha256();
  for (const p of parts) h.update(p);
  parts.push(h.digest());
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat(parts));
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
  }
}

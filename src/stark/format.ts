/**
 * The proof's bytes (docs/proof-format.md is the specification; keep the two in step).
 * Little-endian; field elements 8 bytes, canonical; a digest is 4 elements. Every count in the
 * bytes is bounded before anything is allocated, and decoding never throws: any input gives
 * a proof or a rejection with the byte offset and what was wrong.
 */
import type { Ext3 } from '../field/index.js';
import { checkFriParams, friShape, type FriParams } from '../fri/index.js';
import type { FriLayerOpening } from '../fri/index.js';
import { levelSizes } from '../merkle/index.js';
import { PROTOCOL_VERSION } from './challenges.js';
import type { InstanceProof, StarkProof, TreeOpening } from './proof.js';
import { instanceShape } from './shape.js';
import { MAX_LOG_LDE } from './stage1.js';
import type { StarkSystem } from './system.js';

/** "ZKTSPRF" and a zero byte. */
export const MAGIC = Uint8Array.from([0x5a, 0x4b, 0x54, 0x53, 0x50, 0x52, 0x46, 0x00]);
export const FORMAT_VERSION = PROTOCOL_VERSION;
/** Default bound on an instance's logRows that the verifier accepts (its work grows with it for tables). */
export const DEFAULT_MAX_LOG_ROWS = 24;
export const MAX_INSTANCES = 1 << 16;

const P_HI = 0xffffffff;

class Writer {
  private buf = new Uint8Array(1 << 12);
  private len = 0;
  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v;
  }
  u16(v: number): void {
    this.u8(v & 0xff);
    this.u8(v >>> 8);
  }
  u32(v: number): void {
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.len++] = (v >>> (8 * i)) & 0xff;
  }
  /** Elements given as u32 halves. */
  words(w: Uint32Array): void {
    this.ensure(4 * w.length);
    for (let i = 0; i < w.length; i++) {
      const v = w[i]!;
      this.buf[this.len++] = v & 0xff;
      this.buf[this.len++] = (v >>> 8) & 0xff;
      this.buf[this.len++] = (v >>> 16) & 0xff;
      this.buf[this.len++] = v >>> 24;
    }
  }
  element(v: bigint): void {
    this.u32(Number(v & 0xffffffffn));
    this.u32(Number(v >> 32n));
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** A decoding failure (internal: decode functions turn it into a rejection). */
class FormatError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}
  get remaining(): number {
    return this.b.length - this.pos;
  }
  need(n: number, what: string): void {
    if (n > this.remaining) throw new FormatError(`${what}: needs ${n} bytes, ${this.remaining} left`, this.pos);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.pos++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = this.b[this.pos]! | (this.b[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }
  /** `count` canonical elements as u32 halves. */
  words(count: number, what: string): Uint32Array {
    this.need(8 * count, what);
    const out = new Uint32Array(2 * count);
    const b = this.b;
    for (let i = 0; i < 2 * count; i++) {
      const p = this.pos + 4 * i;
      out[i] = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    }
    for (let i = 0; i < count; i++) {
      if (out[2 * i + 1] === P_HI && out[2 * i] !== 0) throw new FormatError(`${what}: element ${i} is not canonical (≥ p)`, this.pos + 8 * i);
    }
    this.pos += 8 * count;
    return out;
  }
  element(what: string): bigint {
    const w = this.words(1, what);
    return (BigInt(w[1]!) << 32n) | BigInt(w[0]!);
  }
  digest(what: string): Uint32Array {
    return this.words(4, what);
  }
  ext(what: string): Ext3 {
    const w = this.words(3, what);
    const e = (i: number) => (BigInt(w[2 * i + 1]!) << 32n) | BigInt(w[2 * i]!);
    return [e(0), e(1), e(2)];
  }
}

function bigintsToWords(xs: readonly bigint[]): Uint32Array {
  const w = new Uint32Array(2 * xs.length);
  xs.forEach((x, i) => {
    w[2 * i] = Number(x & 0xffffffffn);
    w[2 * i + 1] = Number(x >> 32n);
  });
  return w;
}

function wordsToBigints(w: Uint32Array): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < w.length; i += 2) out.push((BigInt(w[i + 1]!) << 32n) | BigInt(w[i]!));
  return out;
}

function writeParams(w: Writer, p: FriParams): void {
  w.u8(p.logBlowup);
  w.u8(p.logFoldingArity);
  w.u8(p.logFinalPolyLen);
  w.u8(p.powBits);
  w.u8(p.merkleArity);
  w.u8(0);
  w.u16(p.numQueries);
}

function readParams(r: Reader): FriParams {
  const at = r.pos;
  const logBlowup = r.u8('params');
  const logFoldingArity = r.u8('params');
  const logFinalPolyLen = r.u8('params');
  const powBits = r.u8('params');
  const merkleArity = r.u8('params');
  if (r.u8('params') !== 0) throw new FormatError('params: the reserved byte must be 0', r.pos - 1);
  const numQueries = r.u16('params');
  const p = { logBlowup, logFoldingArity, logFinalPolyLen, powBits, merkleArity, numQueries } as FriParams;
  const c = checkFriParams(p);
  if (!c.ok) throw new FormatError(c.message, at);
  return p;
}

function writeOpening(w: Writer, rows: readonly Uint32Array[], proof: Uint32Array): void {
  w.u16(rows.length);
  for (const row of rows) w.words(row);
  w.u32(proof.length / 8);
  w.words(proof);
}

/** Rows (1 … maxRows of `width` elements) and a batch Merkle proof of at most the siblings they can need. */
function readOpening(r: Reader, width: number, height: number, arity: number, maxRows: number, what: string): TreeOpening {
  const at = r.pos;
  const count = r.u16(`${what} row count`);
  if (count < 1 || count > maxRows) throw new FormatError(`${what}: ${count} rows opened, expected 1‥${maxRows}`, at);
  const rows: Uint32Array[] = [];
  for (let i = 0; i < count; i++) rows.push(r.words(width, `${what} row ${i}`));
  const sAt = r.pos;
  const siblings = r.u32(`${what} sibling count`);
  const maxSiblings = count * (arity - 1) * (levelSizes(height, arity as 2 | 4).length - 1);
  if (siblings > maxSiblings) throw new FormatError(`${what}: ${siblings} sibling digests, at most ${maxSiblings} possible`, sAt);
  return { rows, proof: r.words(4 * siblings, `${what} siblings`) };
}

/** The bytes of one instance proof (a section of the proof; also what a worker sends its coordinator). */
function writeInstance(w: Writer, system: StarkSystem, p: InstanceProof): void {
  const c = p.commitment;
  const air = system.airs[c.airIndex];
  if (!air) throw new RangeError(`instance proof names AIR ${c.airIndex}, not in the system`);
  w.u32(c.airIndex);
  w.u8(c.logRows);
  if (air.programWidth > 0) w.words(c.programRoot!);
  w.words(c.stage1Root);
  w.words(bigintsToWords(c.airValues));
  if (air.stage2Width > 0) {
    w.words(p.stage2Root!);
    w.words(bigintsToWords(p.busSum));
  }
  w.words(p.quotientRoot);
  w.words(p.openings);
  for (const root of p.fri.roots) w.words(root);
  w.words(p.fri.finalPoly);
  w.element(p.fri.nonce);
  for (const q of p.queries) writeOpening(w, q.rows, q.proof);
  for (const l of p.fri.layers) writeOpening(w, l.leaves, l.proof);
}

function readInstance(r: Reader, system: StarkSystem, params: FriParams, maxLogRows: number): InstanceProof {
  const at = r.pos;
  const airIndex = r.u32('AIR index');
  const air = system.airs[airIndex];
  if (!air) throw new FormatError(`AIR index ${airIndex} is not in the system (${system.airs.length} AIRs)`, at);
  const logRows = r.u8('logRows');
  if (logRows > maxLogRows) throw new FormatError(`${air.name}: 2^${logRows} rows is above the verifier's bound 2^${maxLogRows}`, at + 4);
  if (logRows + params.logBlowup > MAX_LOG_LDE) throw new FormatError(`${air.name}: 2^${logRows} rows with blowup 2^${params.logBlowup} exceed the largest domain 2^${MAX_LOG_LDE}`, at + 4);
  if (air.maxLogRows !== undefined && logRows > air.maxLogRows) throw new FormatError(`${air.name}: 2^${logRows} rows is above the AIR's bound 2^${air.maxLogRows}`, at + 4);
  if (air.logRows !== undefined && logRows !== air.logRows) throw new FormatError(`${air.name} is a table of 2^${air.logRows} rows, the proof says 2^${logRows}`, at + 4);
  const shape = instanceShape(air, logRows, params);
  if (shape.quotientChunks > 2 ** params.logBlowup) throw new FormatError(`${air.name}: degree ${air.degree} does not fit blowup 2^${params.logBlowup}`, at);
  const programRoot = air.programWidth > 0 ? r.digest('program root') : undefined;
  const stage1Root = r.digest('stage-1 root');
  const airValues = wordsToBigints(r.words(air.airValueCount, 'air values'));
  const stage2Root = air.stage2Width > 0 ? r.digest('stage-2 root') : undefined;
  const busSum: Ext3 = air.stage2Width > 0 ? r.ext('bus sum') : [0n, 0n, 0n];
  const quotientRoot = r.digest('quotient root');
  const openings = r.words(3 * (shape.zetaOpenings + shape.nextOpenings), 'openings');
  const fs = friShape(params, logRows);
  const roots: Uint32Array[] = fs.arities.map((_, l) => r.digest(`FRI layer ${l} root`));
  const finalPoly = r.words(3 * 2 ** fs.logFinal, 'FRI final polynomial');
  const nonce = r.element('proof-of-work nonce');
  const queries = shape.trees.map((t, i) => readOpening(r, t.width, 2 ** shape.logLde, params.merkleArity, params.numQueries, `tree ${i} openings`));
  const layers: FriLayerOpening[] = fs.arities.map((a, l) => {
    const o = readOpening(r, 3 * 2 ** a, 2 ** (fs.layerLogSizes[l]! - a), params.merkleArity, params.numQueries, `FRI layer ${l} openings`);
    return { leaves: o.rows, proof: o.proof };
  });
  return {
    commitment: { airIndex, logRows, programRoot, stage1Root, airValues },
    stage2Root,
    busSum,
    quotientRoot,
    openings,
    fri: { roots, finalPoly, nonce, layers },
    queries,
  };
}

export function encodeProof(system: StarkSystem, proof: StarkProof): Uint8Array {
  const w = new Writer();
  w.bytes(MAGIC);
  w.u32(FORMAT_VERSION);
  writeParams(w, proof.params);
  w.u32(proof.publics.length);
  w.words(bigintsToWords(proof.publics));
  w.u32(proof.instances.length);
  for (const inst of proof.instances) writeInstance(w, system, inst);
  return w.result();
}

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly offset: number };

export interface DecodeLimits {
  /** Largest logRows accepted for an instance (default DEFAULT_MAX_LOG_ROWS). */
  readonly maxLogRows?: number | undefined;
}

function guard<T>(f: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, message: e.message, offset: e.offset };
    return { ok: false, message: `malformed proof: ${(e as Error).message}`, offset: -1 };
  }
}

/** Bytes → proof, for `system`. Never throws. */
export function decodeProof(system: StarkSystem, bytes: Uint8Array, limits: DecodeLimits = {}): DecodeResult<StarkProof> {
  return guard(() => {
    if (!(bytes instanceof Uint8Array)) throw new FormatError('the proof must be a Uint8Array', 0);
    const r = new Reader(bytes);
    r.need(MAGIC.length, 'magic');
    for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) throw new FormatError('not a zisk-ts proof (bad magic)', i);
    r.pos = MAGIC.length;
    const version = r.u32('version');
    if (version !== FORMAT_VERSION) throw new FormatError(`proof format version ${version}; this verifier reads version ${FORMAT_VERSION}`, MAGIC.length);
    const params = readParams(r);
    const pAt = r.pos;
    const publicCount = r.u32('public count');
    if (publicCount !== system.publicCount) throw new FormatError(`${publicCount} public values; the system has ${system.publicCount}`, pAt);
    const publics = wordsToBigints(r.words(publicCount, 'public values'));
    const iAt = r.pos;
    const count = r.u32('instance count');
    if (count < 1 || count > MAX_INSTANCES) throw new FormatError(`${count} instances; expected 1‥${MAX_INSTANCES}`, iAt);
    const maxLogRows = limits.maxLogRows ?? DEFAULT_MAX_LOG_ROWS;
    const instances: InstanceProof[] = [];
    for (let i = 0; i < count; i++) {
      const at = r.pos;
      try {
        instances.push(readInstance(r, system, params, maxLogRows));
      } catch (e) {
        if (e instanceof FormatError) throw new FormatError(`instance ${i}: ${e.message}`, e.offset >= 0 ? e.offset : at);
        throw e;
      }
    }
    if (r.remaining !== 0) throw new FormatError(`${r.remaining} bytes after the last instance`, r.pos);
    return { params, publics, instances };
  });
}

/** One instance proof's bytes (the proof's instance section), e.g. from a worker to its coordinator. */
export function encodeInstanceProof(system: StarkSystem, p: InstanceProof): Uint8Array {
  const w = new Writer();
  writeInstance(w, system, p);
  return w.result();
}

export function decodeInstanceProof(system: StarkSystem, params: FriParams, bytes: Uint8Array, limits: DecodeLimits = {}): DecodeResult<InstanceProof> {
  return guard(() => {
    const r = new Reader(bytes);
    const p = readInstance(r, system, params, limits.maxLogRows ?? DEFAULT_MAX_LOG_ROWS);
    if (r.remaining !== 0) throw new FormatError(`${r.remaining} bytes after the instance`, r.pos);
    return p;
  });
}

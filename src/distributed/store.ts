/**
 * What a distributed proof keeps in Redis, under `zisk:<queue>:<job>:` (docs: README, Distributed
 * proving):
 *
 *   meta            hash: format version, program hash, security, run nonce, phase, sizes, times
 *   elf             the program's ELF (workers transpile it and check its hash against meta)
 *   run             the fast run: steps, outputs, chunk size, chunk summaries
 *   trace:<chunk>   one chunk's encoded minimal trace (each worker reads only the chunks it needs)
 *   counts          hash: count-job index → that range's per-chunk counts
 *   plan            the planned instances' descriptors, in proof order
 *   s1              hash: global id → stage-1 commitment
 *   mult            hash: global id → that instance's table multiplicities
 *   tables          the merged multiplicities (what the table instances are built from)
 *   s2              hash: global id → encoded instance proof (kept only once verified)
 *   running / runs  hash: `<stage>:<id>` → worker now running it / how many times it was started
 *   rejected        hash: global id → instance proofs rejected
 *   stats           hash: bytes read and written by the coordinator and by workers
 * and `zisk:<queue>:workers`, a hash of the workers seen (id → JSON {host, pid, seen, jobs}).
 *
 * Values are blobs: a 4-byte tag and a v8-serialized value (plain data, typed arrays, bigints;
 * v8 deserialization builds data only, never runs code). Reads check the size before fetching, and
 * readers validate the shape of what they get.
 */
import { deserialize, serialize } from 'node:v8';
import type { Redis } from 'ioredis';

/** Version of the keys' layout and the jobs' messages: workers refuse jobs of another version. */
export const DIST_VERSION = 1;
const TAG = Uint8Array.from([0x5a, 0x4b, 0x44, DIST_VERSION]); // "ZKD" + version

/** The largest blob read (Redis strings stop at 512 MiB). */
export const MAX_BLOB = 256 * 1024 * 1024;

/** Queue and job names: letters, digits, '_' and '-', so they cannot break out of a key. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function checkName(value: unknown, what: string): string {
  if (typeof value !== 'string' || !NAME_PATTERN.test(value)) throw new RangeError(`${what} must be 1 to 64 letters, digits, '_' or '-', got ${JSON.stringify(value)}`);
  return value;
}

export function encodeBlob(value: unknown): Buffer {
  const body = serialize(value);
  const out = Buffer.allocUnsafe(TAG.length + body.length);
  out.set(TAG, 0);
  out.set(body, TAG.length);
  return out;
}

export function decodeBlob(bytes: Buffer, what: string): unknown {
  for (let i = 0; i < TAG.length; i++) {
    if (bytes[i] !== TAG[i]) throw new Error(`${what}: not a value of this format version (${DIST_VERSION})`);
  }
  try {
    return deserialize(bytes.subarray(TAG.length));
  } catch (e) {
    throw new Error(`${what}: cannot be decoded: ${(e as Error).message}`);
  }
}

export type Stage = 's1' | 's2';

/** The Redis keys of one proof job, with byte counting of everything moved. */
export class JobStore {
  readonly prefix: string;
  bytesRead = 0;
  bytesWritten = 0;

  constructor(
    readonly redis: Redis,
    readonly queue: string,
    readonly job: string,
  ) {
    checkName(queue, 'queue');
    checkName(job, 'job id');
    this.prefix = `zisk:${queue}:${job}:`;
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /** Every key of this job (for a fresh start). */
  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await this.redis.del(...keys);
    } while (cursor !== '0');
  }

  async putBytes(name: string, bytes: Uint8Array): Promise<void> {
    this.bytesWritten += bytes.length;
    await this.redis.set(this.key(name), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** The bytes at `name`, or undefined; throws if larger than `max`. */
  async getBytes(name: string, max = MAX_BLOB): Promise<Buffer | undefined> {
    const size = await this.redis.strlen(this.key(name));
    if (size > max) throw new RangeError(`${this.key(name)} holds ${size} bytes, more than the ${max} accepted`);
    if (size === 0) return undefined;
    const b = await this.redis.getBuffer(this.key(name));
    if (!b) return undefined;
    this.bytesRead += b.length;
    return b;
  }

  async putValue(name: string, value: unknown): Promise<void> {
    await this.putBytes(name, encodeBlob(value));
  }

  async getValue(name: string, max = MAX_BLOB): Promise<unknown> {
    const b = await this.getBytes(name, max);
    return b === undefined ? undefined : decodeBlob(b, this.key(name));
  }

  async putField(hash: string, field: string | number, bytes: Uint8Array): Promise<void> {
    this.bytesWritten += bytes.length;
    await this.redis.hset(this.key(hash), String(field), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  async getField(hash: string, field: string | number, max = MAX_BLOB): Promise<Buffer | undefined> {
    const size = await this.redis.hstrlen(this.key(hash), String(field));
    if (size > max) throw new RangeError(`${this.key(hash)}[${field}] holds ${size} bytes, more than the ${max} accepted`);
    if (size === 0) return undefined;
    const b = await this.redis.hgetBuffer(this.key(hash), String(field));
    if (!b) return undefined;
    this.bytesRead += b.length;
    return b;
  }

  async fieldValue(hash: string, field: string | number, max = MAX_BLOB): Promise<unknown> {
    const b = await this.getField(hash, field, max);
    return b === undefined ? undefined : decodeBlob(b, `${this.key(hash)}[${field}]`);
  }

  /** The fields present in a hash, as numbers (global ids, range indices). */
  async ids(hash: string): Promise<Set<number>> {
    const keys = await this.redis.hkeys(this.key(hash));
    return new Set(keys.map(Number).filter((n) => Number.isSafeInteger(n) && n >= 0));
  }

  async meta(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.key('meta'));
  }

  async setMeta(fields: Record<string, string | number>): Promise<void> {
    await this.redis.hset(this.key('meta'), { ...fields, updated: Date.now() });
  }

  /** Adds this store's byte counts to the job's stats under `who` and resets them. */
  async flushStats(who: 'coordinator' | 'workers'): Promise<void> {
    const r = this.bytesRead;
    const w = this.bytesWritten;
    this.bytesRead = this.bytesWritten = 0;
    if (r === 0 && w === 0) return;
    await this.redis.multi().hincrby(this.key('stats'), `${who}Read`, r).hincrby(this.key('stats'), `${who}Written`, w).exec();
  }

  async stats(): Promise<Record<string, number>> {
    const h = await this.redis.hgetall(this.key('stats'));
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Number(v)]));
  }
}

/** Key of the hash of workers seen on a queue. */
export function workersKey(queue: string): string {
  return `zisk:${checkName(queue, 'queue')}:workers`;
}

/** Key of the set of proof jobs a queue has seen (for `status`). */
export function jobsKey(queue: string): string {
  return `zisk:${checkName(queue, 'queue')}:jobs`;
}

/** BullMQ's name of the queue of a configured queue name. */
export function bullQueueName(queue: string): string {
  return `zisk-${checkName(queue, 'queue')}`;
}

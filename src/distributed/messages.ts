/**
 * The messages of distributed proving, and their validation: what a queued job says (small JSON in
 * BullMQ), what the coordinator publishes for workers (meta, run, plan), and what workers return
 * (chunk counts, stage-1 commitments, table multiplicities). Everything read from Redis is checked
 * here before use: a field of the wrong type or size is an error naming it, never a crash later.
 */
import type { ChunkCount, ChunkSummary } from '../executor/index.js';
import { checkDescriptor, type PlanDescriptor } from '../executor/index.js';
import * as gl from '../field/reference.js';
import type { Stage1Commitment } from '../stark/index.js';
import { checkName, DIST_VERSION } from './store.js';

export type JobKind = 'count' | 's1' | 's2';
export const JOB_KINDS: readonly JobKind[] = ['count', 's1', 's2'];

/** A queued job: which proof job, which run of it, what to do, and on what (range or global id). */
export interface JobData {
  readonly v: number;
  readonly job: string;
  readonly nonce: string;
  readonly kind: JobKind;
  readonly index: number;
}

/** The most instances or count ranges one proof job may have. */
export const MAX_INDEX = 1 << 20;

export class MessageError extends Error {
  override readonly name = 'MessageError';
}

function fail(msg: string): never {
  throw new MessageError(msg);
}

function isNatural(v: unknown, max = Number.MAX_SAFE_INTEGER): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
}

/** Validates a queued job's name and data (the worker's first check). */
export function checkJobData(name: string, data: unknown): JobData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('job data must be an object');
  const d = data as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['v', 'job', 'nonce', 'kind', 'index'].includes(k)) fail(`job data: unknown field '${k}'`);
  if (d['v'] !== DIST_VERSION) fail(`job data version ${String(d['v'])}, this worker speaks version ${DIST_VERSION}`);
  try {
    checkName(d['job'], 'job data.job');
    checkName(d['nonce'], 'job data.nonce');
  } catch (e) {
    fail((e as Error).message);
  }
  if (!JOB_KINDS.includes(d['kind'] as JobKind)) fail(`job data.kind must be one of ${JOB_KINDS.join(', ')}`);
  if (name !== d['kind']) fail(`job named '${name}' carries a '${String(d['kind'])}' job`);
  if (!isNatural(d['index'], MAX_INDEX)) fail('job data.index must be a natural number');
  return d as unknown as JobData;
}

/** The fast run, as the coordinator publishes it. */
export interface RunInfo {
  readonly steps: number;
  readonly outputs: Uint32Array;
  readonly chunkSize: number;
  readonly chunks: readonly ChunkSummary[];
  /** Count jobs: [first, end) indices into `chunks`. */
  readonly ranges: readonly (readonly [number, number])[];
}

export function checkRunInfo(v: unknown): RunInfo {
  const r = v as Partial<RunInfo> | undefined;
  if (!r || typeof r !== 'object') fail('run: missing');
  if (!isNatural(r.steps) || !isNatural(r.chunkSize) || r.chunkSize === 0) fail('run: steps and chunkSize must be natural numbers');
  if (!(r.outputs instanceof Uint32Array) || r.outputs.length !== 64) fail('run.outputs must be 64 words');
  if (!Array.isArray(r.chunks) || r.chunks.length === 0 || r.chunks.length > MAX_INDEX) fail('run.chunks must be a non-empty array');
  r.chunks.forEach((c, i) => {
    if (!c || c.chunk !== i || !isNatural(c.startStep) || !isNatural(c.steps)) fail(`run.chunks[${i}] is malformed`);
  });
  if (!Array.isArray(r.ranges)) fail('run.ranges must be an array');
  let next = 0;
  for (const [s, e] of r.ranges) {
    if (s !== next || !isNatural(e) || e <= s) fail('run.ranges must cover the chunks in order');
    next = e;
  }
  if (next !== r.chunks.length) fail('run.ranges must cover every chunk');
  return r as RunInfo;
}

/** The plan: every instance's descriptor, in proof order. */
export function checkPlanDescriptors(v: unknown): PlanDescriptor[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_INDEX) fail('plan must be a non-empty array of descriptors');
  const seen = new Set<number>();
  return v.map((d, i) => {
    const desc = checkDescriptor(d, `plan[${i}]`);
    if (seen.has(desc.globalId)) fail(`plan names instance ${desc.globalId} twice`);
    seen.add(desc.globalId);
    return desc;
  });
}

/**
 * One count range's result: per state machine (registry order), its counts of the range's chunks,
 * in chunk order (a state machine may leave out chunks it has nothing to count in).
 */
export function checkCounts(v: unknown, components: number, range: readonly [number, number]): ChunkCount<unknown>[][] {
  if (!Array.isArray(v) || v.length !== components) fail(`counts must hold ${components} state machines' counts`);
  return v.map((perSm, k) => {
    if (!Array.isArray(perSm) || perSm.length > range[1] - range[0]) fail(`counts[${k}] must hold at most ${range[1] - range[0]} chunks`);
    let last = range[0] - 1;
    perSm.forEach((c: { chunk?: unknown }, i) => {
      const chunk = c?.chunk;
      if (!isNatural(chunk) || chunk <= last || chunk >= range[1]) fail(`counts[${k}][${i}] is not a chunk of ${range[0]}‥${range[1] - 1} in order`);
      last = chunk;
    });
    return perSm as ChunkCount<unknown>[];
  });
}

function checkDigest(v: unknown, what: string): Uint32Array {
  if (!(v instanceof Uint32Array) || v.length !== 8) fail(`${what} must be a digest (8 words)`);
  return v;
}

/** A stage-1 commitment from a worker, checked against the instance it is for. */
export function checkCommitment(v: unknown, airIndex: number, logRows: number, airValueCount: number, what: string): Stage1Commitment {
  const c = v as Partial<Stage1Commitment> | undefined;
  if (!c || typeof c !== 'object') fail(`${what}: missing`);
  for (const k of Object.keys(c)) if (!['airIndex', 'logRows', 'programRoot', 'stage1Root', 'airValues'].includes(k)) fail(`${what}: unknown field '${k}'`);
  if (c.airIndex !== airIndex) fail(`${what}: AIR #${String(c.airIndex)}, expected #${airIndex}`);
  if (c.logRows !== logRows) fail(`${what}: 2^${String(c.logRows)} rows, expected 2^${logRows}`);
  checkDigest(c.stage1Root, `${what}.stage1Root`);
  if (c.programRoot !== undefined) checkDigest(c.programRoot, `${what}.programRoot`);
  if (!Array.isArray(c.airValues) || c.airValues.length !== airValueCount) fail(`${what}: ${airValueCount} air values expected`);
  c.airValues.forEach((x, i) => {
    if (typeof x !== 'bigint' || !gl.isCanonical(x)) fail(`${what}.airValues[${i}] is not a canonical field element`);
  });
  return c as Stage1Commitment;
}

/** Two commitments are the same (what was drawn from and what a proof claims). */
export function commitmentsEqual(a: Stage1Commitment, b: Stage1Commitment): boolean {
  const d = (x: Uint32Array | undefined, y: Uint32Array | undefined) => (x === undefined || y === undefined ? x === y : x.length === y.length && x.every((w, i) => w === y[i]));
  return a.airIndex === b.airIndex && a.logRows === b.logRows && d(a.programRoot, b.programRoot) && d(a.stage1Root, b.stage1Root) && a.airValues.length === b.airValues.length && a.airValues.every((v, i) => v === b.airValues[i]);
}

/** The longest multiplicity array accepted (a table of 2^26 counts). */
export const MAX_TABLE_COUNTS = 1 << 26;

/** Multiplicities as stored: per table, its length and its non-zero counts (most rows are zero). */
export type SparseMultiplicities = Map<string, { readonly length: number; readonly rows: Uint32Array; readonly counts: Float64Array }>;

export function toSparse(m: ReadonlyMap<string, Float64Array>): SparseMultiplicities {
  const out: SparseMultiplicities = new Map();
  for (const [name, c] of m) {
    let n = 0;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) n++;
    const rows = new Uint32Array(n);
    const counts = new Float64Array(n);
    for (let i = 0, k = 0; i < c.length; i++) {
      if (c[i] !== 0) {
        rows[k] = i;
        counts[k++] = c[i]!;
      }
    }
    out.set(name, { length: c.length, rows, counts });
  }
  return out;
}

/**
 * Table multiplicities from a worker, made dense: names of the plan's tables with whole, positive
 * counts at increasing rows. `lengths` holds each table's length once known: every contribution
 * must agree with it.
 */
export function checkMultiplicities(v: unknown, tables: ReadonlySet<string>, lengths: Map<string, number>, what: string): Map<string, Float64Array> {
  if (!(v instanceof Map)) fail(`${what} must be a Map`);
  const out = new Map<string, Float64Array>();
  for (const [name, entry] of v as Map<unknown, unknown>) {
    if (typeof name !== 'string' || !tables.has(name)) fail(`${what}: ${String(name)} is not a table of the plan`);
    const e = entry as { length?: unknown; rows?: unknown; counts?: unknown } | null;
    if (!e || !isNatural(e.length, MAX_TABLE_COUNTS) || !(e.rows instanceof Uint32Array) || !(e.counts instanceof Float64Array) || e.rows.length !== e.counts.length) {
      fail(`${what}: ${name} must have a length of at most ${MAX_TABLE_COUNTS}, and rows and counts of one size`);
    }
    const known = lengths.get(name);
    if (known !== undefined && known !== e.length) fail(`${what}: ${name} has ${e.length} rows, other instances ${known}`);
    lengths.set(name, e.length);
    const dense = new Float64Array(e.length);
    let last = -1;
    for (let i = 0; i < e.rows.length; i++) {
      const r = e.rows[i]!;
      const c = e.counts[i]!;
      if (r <= last || r >= e.length) fail(`${what}: ${name} rows must increase and stay below ${e.length}`);
      if (!(c > 0) || !Number.isSafeInteger(c)) fail(`${what}: ${name}[${r}] = ${c} is not a count`);
      dense[r] = c;
      last = r;
    }
    out.set(name, dense);
  }
  return out;
}

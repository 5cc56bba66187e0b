/**
 * Plan descriptors: a planned instance as plain data, so that another thread or machine can build
 * it. A descriptor names its state machine and AIR (never holds them), and carries the plan's
 * numbers and its family's `meta` as they are:
 *
 * ```
 *   { globalId: 7, component: 'binary', air: 'Binary', segment: 2, instanceType: 'instance',
 *     checkPoint: { kind: 'multiple', chunks: [8, 9, 10] }, logRows: 19, rows: 524288,
 *     meta: { kind: 'basic', slices: [{ chunk: 8, skip: 1022, take: 203 }, …], withAdds: false } }
 * ```
 *
 * Descriptors are JSON values (finite numbers, strings, booleans, null, arrays and plain objects) and
 * survive `node:v8` serialize/deserialize and JSON alike. A family's `meta` must be such data too:
 * `describePlan` refuses one that is not (a typed array, a class instance, NaN), naming the path.
 * `checkDescriptor` validates a descriptor that came from outside (a job queue) before it is used.
 */
import type { Air } from '../air/index.js';
import type { CheckPoint, InstanceType, Plan } from '../planner/index.js';
import type { ComponentBuilder } from './component.js';
import type { PlannedInstance } from './executor.js';

/** JSON-compatible data. */
export type PlainData = null | boolean | number | string | readonly PlainData[] | { readonly [key: string]: PlainData };

export interface PlanDescriptor {
  readonly globalId: number;
  /** The state machine's name (`ComponentBuilder.name`). */
  readonly component: string;
  /** The AIR's name: one of the state machine's AIRs. */
  readonly air: string;
  readonly segment: number;
  readonly instanceType: InstanceType;
  readonly checkPoint: CheckPoint;
  readonly logRows: number;
  readonly rows?: number;
  /** The family's own plan data, read only by that family. */
  readonly meta: PlainData;
}

/** A descriptor, job or result that does not have the expected shape. */
export class DescriptorError extends Error {
  override readonly name = 'DescriptorError';
}

/** The largest instance height a descriptor may name (2^30 rows). */
export const MAX_DESCRIPTOR_LOG_ROWS = 30;
const MAX_DEPTH = 32;
const MAX_NODES = 1 << 22;

/** The descriptor of a planned instance. Throws DescriptorError if its meta is not plain data. */
export function describePlan(p: PlannedInstance): PlanDescriptor {
  const { plan } = p;
  const where = `${p.component}: ${plan.air.name} #${plan.segment}`;
  const meta = checkPlain(plan.meta, `${where} meta`);
  return {
    globalId: p.globalId,
    component: p.component,
    air: plan.air.name,
    segment: plan.segment,
    instanceType: plan.instanceType,
    checkPoint: plan.checkPoint,
    logRows: plan.logRows,
    ...(plan.rows !== undefined ? { rows: plan.rows } : {}),
    meta,
  };
}

/** Validates a value as a PlanDescriptor (throws DescriptorError naming the field); returns it typed. */
export function checkDescriptor(value: unknown, what = 'descriptor'): PlanDescriptor {
  const d = record(value, what);
  const known = new Set(['globalId', 'component', 'air', 'segment', 'instanceType', 'checkPoint', 'logRows', 'rows', 'meta']);
  for (const k of Object.keys(d)) if (!known.has(k)) throw new DescriptorError(`${what}: unknown field '${k}'`);
  natural(d['globalId'], `${what}.globalId`);
  text(d['component'], `${what}.component`);
  text(d['air'], `${what}.air`);
  natural(d['segment'], `${what}.segment`);
  if (d['instanceType'] !== 'instance' && d['instanceType'] !== 'table') {
    throw new DescriptorError(`${what}.instanceType must be 'instance' or 'table', got ${show(d['instanceType'])}`);
  }
  const logRows = d['logRows'];
  if (!Number.isInteger(logRows) || (logRows as number) < 0 || (logRows as number) > MAX_DESCRIPTOR_LOG_ROWS) {
    throw new DescriptorError(`${what}.logRows must be an integer in [0, ${MAX_DESCRIPTOR_LOG_ROWS}], got ${show(logRows)}`);
  }
  if (d['rows'] !== undefined) {
    natural(d['rows'], `${what}.rows`);
    if ((d['rows'] as number) > 2 ** (logRows as number)) throw new DescriptorError(`${what}.rows (${d['rows']}) exceeds 2^${logRows}`);
  }
  checkCheckPoint(d['checkPoint'], `${what}.checkPoint`);
  if (d['instanceType'] === 'table' && (d['checkPoint'] as CheckPoint).kind !== 'none') {
    throw new DescriptorError(`${what}: a table instance needs no chunks, its checkpoint is '${(d['checkPoint'] as CheckPoint).kind}'`);
  }
  if (!('meta' in d)) throw new DescriptorError(`${what}.meta is missing`);
  checkPlain(d['meta'], `${what}.meta`);
  return d as unknown as PlanDescriptor;
}

/** The state machine and Plan a descriptor stands for, in `registry`. Throws DescriptorError if it names neither. */
export function restorePlan(d: PlanDescriptor, registry: readonly ComponentBuilder[]): { builder: ComponentBuilder; plan: Plan } {
  const builder = registry.find((b) => b.name === d.component);
  if (!builder) throw new DescriptorError(`descriptor ${d.globalId}: no state machine '${d.component}' (registry: ${registry.map((b) => b.name).join(', ')})`);
  const air: Air | undefined = builder.airs.find((a) => a.name === d.air);
  if (!air) throw new DescriptorError(`descriptor ${d.globalId}: state machine '${d.component}' has no AIR '${d.air}'`);
  if (air.logRows !== undefined && d.logRows !== air.logRows) throw new DescriptorError(`descriptor ${d.globalId}: ${d.air} has 2^${air.logRows} rows, the descriptor says 2^${d.logRows}`);
  const plan: Plan = {
    air,
    segment: d.segment,
    instanceType: d.instanceType,
    checkPoint: d.checkPoint,
    logRows: d.logRows,
    ...(d.rows !== undefined ? { rows: d.rows } : {}),
    meta: d.meta,
  };
  return { builder, plan };
}

/** The planned instance a descriptor stands for: its plan restored and its Instance built anew. */
export function restoreInstance(d: PlanDescriptor, registry: readonly ComponentBuilder[]): PlannedInstance {
  const { builder, plan } = restorePlan(d, registry);
  const instance = builder.buildInstance({ plan, globalId: d.globalId });
  if (instance.instanceType !== d.instanceType) {
    throw new DescriptorError(`descriptor ${d.globalId}: ${d.air} builds a '${instance.instanceType}', the descriptor says '${d.instanceType}'`);
  }
  return { globalId: d.globalId, component: d.component, plan, instance };
}

function checkCheckPoint(value: unknown, what: string): void {
  const cp = record(value, what);
  switch (cp['kind']) {
    case 'none':
      exactKeys(cp, ['kind'], what);
      return;
    case 'single':
      exactKeys(cp, ['kind', 'chunk'], what);
      natural(cp['chunk'], `${what}.chunk`);
      return;
    case 'multiple': {
      exactKeys(cp, ['kind', 'chunks'], what);
      const chunks = cp['chunks'];
      if (!Array.isArray(chunks) || chunks.length < 2) throw new DescriptorError(`${what}.chunks must be an array of at least two chunk ids`);
      const seen = new Set<number>();
      chunks.forEach((c, i) => {
        natural(c, `${what}.chunks[${i}]`);
        if (seen.has(c as number)) throw new DescriptorError(`${what}.chunks names chunk ${c} twice`);
        seen.add(c as number);
      });
      return;
    }
    default:
      throw new DescriptorError(`${what}.kind must be 'none', 'single' or 'multiple', got ${show(cp['kind'])}`);
  }
}

/** Checks that `value` is JSON-compatible data (bounded depth and size); returns it typed. */
export function checkPlain(value: unknown, what: string): PlainData {
  let nodes = 0;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (++nodes > MAX_NODES) throw new DescriptorError(`${what}: more than ${MAX_NODES} values`);
    if (depth > MAX_DEPTH) throw new DescriptorError(`${what}${path}: nested deeper than ${MAX_DEPTH}`);
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new DescriptorError(`${what}${path}: ${v} is not a finite number`);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
      return;
    }
    if (typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, `${path}.${k}`, depth + 1);
      return;
    }
    const kind = typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v;
    throw new DescriptorError(`${what}${path}: a ${kind} is not plain data (numbers, strings, booleans, null, arrays, plain objects)`);
  };
  walk(value, '', 0);
  return value as PlainData;
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DescriptorError(`${what} must be an object, got ${show(v)}`);
  return v as Record<string, unknown>;
}

function exactKeys(o: Record<string, unknown>, keys: readonly string[], what: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new DescriptorError(`${what}: unknown field '${k}'`);
}

function natural(v: unknown, what: string): void {
  if (!Number.isSafeInteger(v) || (v as number) < 0) throw new DescriptorError(`${what} must be a non-negative integer, got ${show(v)}`);
}

function text(v: unknown, what: string): void {
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw new DescriptorError(`${what} must be a non-empty name, got ${show(v)}`);
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

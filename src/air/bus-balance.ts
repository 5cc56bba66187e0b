import { NodeKind, P } from './expr.js';
import { bigintAlgebra, evaluateGraph } from './evaluate.js';
import { rowLeaves } from './check.js';
import type { Air } from './define.js';
import { checkShape, type AirInstance } from './instance.js';

/**
 * A bus message the verifier adds itself, from public values (the boot and end states of the
 * execution, the published outputs). `multiplicity` is signed like an AIR's: positive provides.
 */
export interface GlobalBusTerm {
  readonly label: string;
  readonly bus: number;
  readonly values: readonly bigint[];
  readonly multiplicity: bigint;
}

/**
 * The per-instance bus terms of an AIR (`directProves`/`directAssumes`) for one instance's air
 * values: the verifier adds them to the bus sums exactly like the global terms. Throws when the
 * air values are not `air.airValueCount` canonical elements.
 */
export function directBusTerms(air: Air, airValues: readonly bigint[] = []): GlobalBusTerm[] {
  if (air.directInteractions.length === 0) return [];
  if (airValues.length !== air.airValueCount) throw new Error(`${air.name}: ${airValues.length} air values given, AIR declares ${air.airValueCount}`);
  for (const v of airValues) if (v < 0n || v >= P) throw new RangeError(`${air.name}: air value ${v} is not canonical`);
  const g = air.graph;
  const v = new Map<number, bigint>();
  const value = (root: number): bigint => {
    // Iterative post-order over the cone of `root` (only constants and air values below it).
    const stack = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1]!;
      if (v.has(id)) {
        stack.pop();
        continue;
      }
      const k = g.kind[id]!;
      const kids = k === NodeKind.Neg ? [g.a[id]!] : k === NodeKind.Add || k === NodeKind.Sub || k === NodeKind.Mul ? [g.a[id]!, g.b[id]!] : [];
      const missing = kids.filter((c) => !v.has(c));
      if (missing.length > 0) {
        stack.push(...missing);
        continue;
      }
      stack.pop();
      const [x, y] = kids.map((c) => v.get(c)!);
      switch (k) {
        case NodeKind.Const: v.set(id, g.constant[id]!); break;
        case NodeKind.AirValue: v.set(id, airValues[g.a[id]!]!); break;
        case NodeKind.Add: v.set(id, bigintAlgebra.add(x!, y!)); break;
        case NodeKind.Sub: v.set(id, bigintAlgebra.sub(x!, y!)); break;
        case NodeKind.Mul: v.set(id, bigintAlgebra.mul(x!, y!)); break;
        case NodeKind.Neg: v.set(id, bigintAlgebra.neg(x!)); break;
        default: throw new Error(`${air.name}: a direct interaction depends on a row leaf`);
      }
    }
    return v.get(root)!;
  };
  return air.directInteractions.map((it) => {
    const m = value(it.multiplicity);
    return { label: it.label, bus: it.bus, values: it.values.map(value), multiplicity: m > P / 2n ? m - P : m };
  });
}

/** The first message whose multiplicities over all instances do not add to zero. */
export interface BusImbalance {
  readonly bus: number;
  readonly values: readonly bigint[];
  /** Sum of signed multiplicities (non-zero), shown signed when small. */
  readonly net: bigint;
  /** Where the message was sent: instance, row, interaction (the first few). */
  readonly senders: readonly string[];
}

export type BalanceResult = { readonly ok: true; readonly messages: number } | ({ readonly ok: false } & BusImbalance);

function canonicalValues(values: readonly bigint[]): bigint[] {
  // Trailing zeros do not change a LogUp fingerprint (bus + Σ γ^(j+1) v_j), so they do not make
  // a different message either.
  const out = [...values];
  while (out.length > 0 && out[out.length - 1] === 0n) out.pop();
  return out;
}

/**
 * The exact multiset check behind the LogUp argument: every message on every bus, with its signed
 * multiplicity summed over all instances (rows and direct terms) and the global terms, must net to zero. Reports the
 * first imbalanced message and where it was sent. Reference (BigInt) evaluation: small traces.
 */
export function checkBusBalanceReference(instances: readonly AirInstance[], global: readonly GlobalBusTerm[] = []): BalanceResult {
  const net = new Map<string, { bus: number; values: bigint[]; m: bigint; senders: string[] }>();
  const add = (bus: number, values: readonly bigint[], m: bigint, sender: string): void => {
    if (m === 0n) return;
    const vals = canonicalValues(values);
    const key = `${bus}:${vals.join(',')}`;
    let e = net.get(key);
    if (!e) {
      e = { bus, values: vals, m: 0n, senders: [] };
      net.set(key, e);
    }
    e.m = (e.m + m) % P;
    if (e.senders.length < 4) e.senders.push(sender);
  };
  for (const inst of instances) {
    checkShape(inst);
    const { air, trace } = inst;
    const name = inst.label ?? air.name;
    for (const d of directBusTerms(air, inst.airValues ?? [])) add(d.bus, d.values, ((d.multiplicity % P) + P) % P, `${name} (once) '${d.label}'`);
    if (air.interactions.length === 0) continue;
    for (let row = 0; row < trace.height; row++) {
      const v = evaluateGraph(air.graph, bigintAlgebra, rowLeaves(inst, row), air.evalNodeCount);
      for (const it of air.interactions) {
        const m = v[it.multiplicity]!;
        if (m === 0n) continue;
        add(it.bus, it.values.map((id) => v[id]!), m, `${name} row ${row} '${it.label}'`);
      }
    }
  }
  for (const g of global) add(g.bus, g.values, ((g.multiplicity % P) + P) % P, `global '${g.label}'`);
  for (const e of net.values()) {
    if (e.m !== 0n) {
      return { ok: false, bus: e.bus, values: e.values, net: e.m > P / 2n ? e.m - P : e.m, senders: e.senders };
    }
  }
  return { ok: true, messages: net.size };
}

export function describeImbalance(b: BusImbalance): string {
  return `bus ${b.bus}: message [${b.values.join(', ')}] has net multiplicity ${b.net} (sent by ${b.senders.join('; ')})`;
}

/**
 * The fast bus-balance check. First, per bus, the LogUp sum Σ m/(α + bus + Σ_j γ^(j+1)·v_j) over
 * every instance's rows and the global terms, with pseudo-random challenges from a fixed seed: an
 * honest bus sums to exactly zero, an imbalanced one to zero only with probability ≈ (messages)/p³.
 * Then, only for the buses whose sum is not zero, the exact multiset of air's
 * `checkBusBalanceReference` — messages in the same order (instances, rows, interactions, then
 * global terms) — names the first imbalanced message and its senders, exactly as the reference
 * does.
 */
import { P, checkShape, directBusTerms, type AirInstance, type BalanceResult, type GlobalBusTerm } from '../air/index.js';
import * as ext from '../field/extension.js';
import * as gl from '../field/reference.js';
import * as fast from '../field/fast.js';
import type { Ext3 } from '../field/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { Op, ProgramBuilder, bindScalars, isVec, type Program } from './program.js';
import { emitFingerprints, bindFingerprints, challengePair, type Fingerprints } from './stage2.js';
import { traceDomain } from './domain.js';
import { baseJob } from './evaluate.js';
import { Engine } from './engine.js';
import { REDUCE_BLOCKS } from './tasks.js';
import { blockRanges, runRanges } from './run.js';

export interface BusBalanceOptions {
  readonly pool?: WorkerPool | undefined;
  /** Seed of the challenges of the LogUp pass (any fixed value; default 1). */
  readonly seed?: number | undefined;
}

/** α0 α1 α2 γ0 γ1 γ2 from a seed (splitmix64, reduced mod p). */
function seededChallenges(seed: number): bigint[] {
  const mask = (1n << 64n) - 1n;
  let s = BigInt(seed) & mask;
  const out: bigint[] = [];
  for (let i = 0; i < 6; i++) {
    s = (s + 0x9e3779b97f4a7c15n) & mask;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    out.push((z ^ (z >> 31n)) % P);
  }
  return out;
}

interface SumProgram {
  readonly program: Program;
  readonly builder: ProgramBuilder;
  readonly fp: Fingerprints;
  /** Per interaction: first of 3 scalar slots receiving Σ_rows m/d (or Σ 1/d for a row-invariant m), and its non-zero count slot (−1: m row-invariant). */
  readonly sum: readonly number[];
  readonly count: readonly number[];
}

const compiled = new WeakMap<object, SumProgram>();

function sumProgram(air: AirInstance['air']): SumProgram {
  let c = compiled.get(air);
  if (c) return c;
  const b = new ProgramBuilder();
  const sum: number[] = [];
  const count: number[] = [];
  const fp = emitFingerprints(b, air, air.interactions.map((_, i) => i), () => {}, (i, inv, m) => {
    sum[i] = b.scalars(3);
    if (isVec(m)) {
      b.emit(Op.Rdot3, sum[i]!, inv, m.vec);
      count[i] = b.scalars(1);
      b.emit(Op.CountNonZero, count[i]!, m.vec);
    } else {
      b.emit(Op.Rsum3, sum[i]!, inv);
      count[i] = -1;
    }
  });
  c = { program: b.build(), builder: b, fp, sum, count };
  compiled.set(air, c);
  return c;
}

function extAt(words: Uint32Array, slot: number): Ext3 {
  return [fast.get(words, slot), fast.get(words, slot + 1), fast.get(words, slot + 2)];
}

function fingerprint(alpha: Ext3, gamma: Ext3, bus: number, values: readonly bigint[]): Ext3 {
  let d = ext.add(alpha, ext.fromBase(BigInt(bus) % P));
  let g = gamma;
  for (const v of values) {
    d = ext.add(d, ext.mulBase(g, gl.mod(v)));
    g = ext.mul(g, gamma);
  }
  return d;
}

/** Per-bus LogUp sums over the instances and global terms, and the number of non-zero sends. */
async function logupSums(instances: readonly AirInstance[], global: readonly GlobalBusTerm[], challenges: readonly bigint[], pool: WorkerPool | undefined) {
  const { alpha, gamma } = challengePair(challenges);
  const sums = new Map<number, Ext3>();
  const add = (bus: number, v: Ext3): void => {
    sums.set(bus, ext.add(sums.get(bus) ?? ext.ZERO, v));
  };
  let sends = 0;
  // Buses where a fingerprint vanished (its inverse taken as 0): their sums prove nothing.
  const suspect = new Set<number>();
  for (const inst of instances) {
    const { air, trace } = inst;
    if (air.interactions.length === 0) continue;
    const sp = sumProgram(air);
    const { words, values } = bindScalars(air.graph, sp.builder.scalarNodes, { airValues: inst.airValues });
    bindFingerprints(air, sp.fp, challenges, words, values);
    const n = trace.height;
    const job = baseJob(sp.program, words, traceDomain(Math.log2(n)), { main: trace, fixed: inst.fixed, program: inst.program }, pool);
    const parts = await runRanges(pool, REDUCE_BLOCKS, job, blockRanges(n >> job.logBlockRows, pool));
    air.interactions.forEach((it, i) => {
      let s: Ext3 = ext.ZERO;
      let cnt = 0;
      for (const part of parts) {
        s = ext.add(s, extAt(part, sp.sum[i]!));
        if (sp.count[i]! >= 0) cnt += part[2 * sp.count[i]!]! + 2 ** 32 * part[2 * sp.count[i]! + 1]!;
      }
      const m = sp.fp.interactions[i]!.multiplicity;
      if (!isVec(m)) {
        // Σ_rows m/d = m·Σ_rows 1/d for a row-invariant m
        const mv = values[m.scalar]!;
        s = ext.mulBase(s, mv);
        cnt = mv === 0n ? 0 : n;
      }
      add(it.bus, s);
      sends += cnt;
      const z = sp.fp.zeroCount[i]!;
      if (parts.some((part) => part[2 * z] !== 0 || part[2 * z + 1] !== 0)) suspect.add(it.bus);
    });
  }
  for (const g of global) {
    const m = gl.mod(g.multiplicity);
    if (m === 0n) continue;
    sends++;
    const d = fingerprint(alpha, gamma, g.bus, g.values);
    if (ext.isZero(d)) suspect.add(g.bus);
    else add(g.bus, ext.mulBase(ext.inv(d), m));
  }
  return { sums, sends, suspect };
}

interface Entry {
  readonly bus: number;
  readonly words: Uint32Array;
  readonly net: Uint32Array;
  readonly senders: string[];
}

/** The exact multiset over the buses in `buses`, in the reference's order; the first imbalanced message. */
function exactImbalance(instances: readonly AirInstance[], global: readonly GlobalBusTerm[], buses: ReadonlySet<number>): BalanceResult | undefined {
  const net = new Map<string, Entry>();
  const add = (bus: number, words: Uint32Array, m: Uint32Array, mi: number, sender: () => string): void => {
    // Trailing zeros do not change a message (as in the reference: they leave the fingerprint alone).
    let len = words.length >> 1;
    while (len > 0 && words[2 * len - 1] === 0 && words[2 * len - 2] === 0) len--;
    let key = `${bus}`;
    for (let j = 0; j < 2 * len; j++) key += `,${words[j]}`;
    let e = net.get(key);
    if (!e) {
      e = { bus, words: words.slice(0, 2 * len), net: new Uint32Array(2), senders: [] };
      net.set(key, e);
    }
    fast.add(e.net, 0, e.net, 0, m, mi);
    if (e.senders.length < 4) e.senders.push(sender());
  };
  const engine = Engine.get();
  for (const inst of instances) {
    const { air, trace } = inst;
    const name = inst.label ?? air.name;
    for (const d of directBusTerms(air, inst.airValues ?? [])) {
      const m = gl.mod(d.multiplicity);
      if (m === 0n || !buses.has(d.bus)) continue;
      add(d.bus, fast.fromBigInts(d.values.map((v) => gl.mod(v))), fast.fromBigInts([m]), 0, () => `${name} (once) '${d.label}'`);
    }
    const picked = air.interactions.map((it, i) => [it, i] as const).filter(([it]) => buses.has(it.bus));
    if (picked.length === 0) continue;
    // A program whose outputs are each picked interaction's values, then its multiplicity.
    const b = new ProgramBuilder();
    b.outputNodes(air.graph, picked.flatMap(([it]) => [...it.values, it.multiplicity]));
    const program = b.build();
    const { words } = bindScalars(air.graph, b.scalarNodes, { airValues: inst.airValues });
    const n = trace.height;
    const job = baseJob(program, words, traceDomain(Math.log2(n)), { main: trace, fixed: inst.fixed, program: inst.program }, undefined);
    engine.begin(job);
    const B = engine.rows;
    const msg = new Uint32Array(2 * picked.reduce((k, [it]) => Math.max(k, it.values.length), 0));
    for (let s = 0; s < n; s += B) {
      engine.block(s);
      const views = Array.from(program.outputs, (slot) => engine.view(slot));
      for (let j = 0; j < B; j++) {
        let o = 0;
        for (const [it] of picked) {
          const m = views[o + it.values.length]!;
          if (m[2 * j] !== 0 || m[2 * j + 1] !== 0) {
            const w = msg.subarray(0, 2 * it.values.length);
            for (let k = 0; k < it.values.length; k++) {
              w[2 * k] = views[o + k]![2 * j]!;
              w[2 * k + 1] = views[o + k]![2 * j + 1]!;
            }
            const row = s + j;
            add(it.bus, w, m, j, () => `${name} row ${row} '${it.label}'`);
          }
          o += it.values.length + 1;
        }
      }
    }
  }
  for (const g of global) {
    const m = gl.mod(g.multiplicity);
    if (m === 0n || !buses.has(g.bus)) continue;
    add(g.bus, fast.fromBigInts(g.values.map((v) => gl.mod(v))), fast.fromBigInts([m]), 0, () => `global '${g.label}'`);
  }
  for (const e of net.values()) {
    const m = fast.get(e.net, 0);
    if (m !== 0n) {
      return {
        ok: false,
        bus: e.bus,
        values: Array.from({ length: e.words.length >> 1 }, (_, k) => fast.get(e.words, k)),
        net: m > P / 2n ? m - P : m,
        senders: e.senders,
      };
    }
  }
  return undefined;
}

/**
 * Whether every bus nets to zero over `instances` and the `global` terms; on failure, the first
 * imbalanced message (bus, values, net multiplicity, up to four senders) exactly as
 * `checkBusBalanceReference` reports it. On success `messages` counts the sends with a non-zero
 * multiplicity (rows × interactions, plus global terms) — not the distinct messages the reference
 * counts, which would need the exact multiset of every bus.
 */
export async function checkBusBalance(
  instances: readonly AirInstance[],
  global: readonly GlobalBusTerm[] = [],
  options: BusBalanceOptions = {},
): Promise<BalanceResult> {
  for (const inst of instances) checkShape(inst);
  for (const g of global) {
    if (!Number.isSafeInteger(g.bus) || g.bus < 0) throw new RangeError(`global term '${g.label}': bus must be a non-negative integer, got ${g.bus}`);
    for (const v of g.values) if (v < 0n || v >= P) throw new RangeError(`global term '${g.label}': values must be canonical field elements, got ${v}`);
  }
  const challenges = seededChallenges(options.seed ?? 1);
  // Each instance's direct (once per instance) messages add to the sums like global terms.
  const direct = instances.flatMap((inst) => directBusTerms(inst.air, inst.airValues ?? []));
  const { sums, sends, suspect } = await logupSums(instances, [...global, ...direct], challenges, options.pool);
  const failing = new Set<number>(suspect);
  for (const [bus, s] of sums) if (!ext.isZero(s)) failing.add(bus);
  if (failing.size > 0) {
    const bad = exactImbalance(instances, global, failing);
    if (bad) return bad;
  }
  return { ok: true, messages: sends };
}

/**
 * The address planner. A memory AIR's rows are sorted by (word address, mem_step), so its instances
 * cut the address axis, not time: the planner merges every chunk's sorted word list, walks the words
 * in order — for one word, chunks in order, which is step order — and fills instances of `capacity`
 * rows. A word whose accesses straddle a cut is split: the chunk where the cut falls is shared.
 *
 * Each instance records, for every chunk that contributes to it, which of that chunk's accesses it
 * takes: all accesses to words strictly between `fromAddr` and `toAddr`, the accesses of `fromAddr`
 * from index `fromSkip` on, and of `toAddr` below index `toEnd` (indices count one word's accesses
 * within the chunk, in bus order). A collector needs nothing else, so an instance is built from its
 * own chunks alone.
 *
 * An instance also needs the state its predecessor ended with (the continuation): the global initial
 * state for the first; for the others the last access the predecessor took. When that access is the
 * last one of its word in its chunk, the counters already hold its step and value ('known');
 * otherwise the cut fell inside a chunk's accesses of one word, that chunk is this instance's too, and
 * its collector records the access just before `fromSkip` ('collect').
 */
import type { ChunkId } from '../../planner/index.js';
export { fitLogRows } from '../../planner/index.js';
import type { RegionCount } from './counter.js';

export interface MemSlice {
  readonly chunk: ChunkId;
  readonly fromSkip: number;
  readonly toEnd: number;
  /** How many accesses the instance takes from this chunk in all. */
  readonly take: number;
}

export type PreviousState =
  | { readonly kind: 'init' }
  | { readonly kind: 'known'; readonly addr: number; readonly step: number; readonly lo: number; readonly hi: number }
  | { readonly kind: 'collect'; readonly chunk: ChunkId };

export interface MemInstancePlan {
  readonly fromAddr: number;
  readonly toAddr: number;
  /** By chunk, ascending. */
  readonly slices: readonly MemSlice[];
  /** Accesses (real rows). */
  readonly rows: number;
  readonly previous: PreviousState;
}

interface Open {
  fromAddr: number;
  fromSkips: Map<number, number>;
  slices: Map<number, { fromSkip: number; take: number }>;
  rows: number;
  previous: PreviousState;
}

/** Plans one region's instances from the chunks' counts (in chunk order). */
export function planByAddress(perChunk: readonly { readonly chunk: ChunkId; readonly count: RegionCount }[], capacity: number): MemInstancePlan[] {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const k = perChunk.length;
  let total = 0;
  for (const c of perChunk) total += c.count.words.length;
  // Merge key: word · k + chunk position; word < 2^29 and k < 2^24 keep it exact in a float64.
  const keys = new Float64Array(total);
  const entry = new Uint32Array(total);
  let n = 0;
  perChunk.forEach((c, ci) => {
    const w = c.count.words;
    for (let j = 0; j < w.length; j++) keys[n++] = w[j]! * k + ci;
  });
  keys.sort();
  // Position of each entry within its chunk's word list (binary search on the sorted words).
  for (let e = 0; e < total; e++) {
    const ci = keys[e]! % k;
    entry[e] = lowerBound(perChunk[ci]!.count.words, (keys[e]! - ci) / k);
  }

  const plans: MemInstancePlan[] = [];
  let open: Open | null = null;
  let consumed = new Map<number, number>();
  let word = -1;
  let previous: PreviousState = { kind: 'init' };

  const close = (toAddr: number) => {
    const o = open!;
    const slices: MemSlice[] = [...o.slices.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([ci, s]) => ({ chunk: perChunk[ci]!.chunk, fromSkip: s.fromSkip, toEnd: consumed.get(ci) ?? 0, take: s.take }));
    plans.push({ fromAddr: o.fromAddr, toAddr, slices, rows: o.rows, previous: o.previous });
    open = null;
  };

  for (let e = 0; e < total; e++) {
    const ci = keys[e]! % k;
    const j = entry[e]!;
    const rc = perChunk[ci]!.count;
    const w = rc.words[j]!;
    if (w !== word) {
      consumed = new Map();
      word = w;
    }
    const count = rc.counts[j]!;
    let done = 0;
    while (done < count) {
      if (!open) open = { fromAddr: w, fromSkips: new Map(consumed), slices: new Map(), rows: 0, previous };
      const o: Open = open;
      const take = Math.min(capacity - o.rows, count - done);
      let s = o.slices.get(ci);
      if (!s) o.slices.set(ci, (s = { fromSkip: o.fromSkips.get(ci) ?? 0, take: 0 }));
      s.take += take;
      o.rows += take;
      done += take;
      consumed.set(ci, done);
      previous = done === count
        ? { kind: 'known', addr: w, step: rc.lastStep[j]!, lo: rc.lastLo[j]!, hi: rc.lastHi[j]! }
        : { kind: 'collect', chunk: perChunk[ci]!.chunk };
      if (o.rows === capacity) close(w);
    }
  }
  if (open) close(word);
  return plans;
}

function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows (log2) of an instance holding `rows` rows: the configured size, or less for the last one. */

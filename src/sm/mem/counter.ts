/**
 * Counting: per chunk, for each region the words it accessed (sorted) with how many accesses each,
 * and the step and value of each word's last access in the chunk; and how many accesses each MemAlign
 * AIR proves. This is what the address planner needs: where to cut instances, which chunks each
 * instance needs, and the state an instance starts from when its predecessor's last access is the
 * last one of a word in a chunk.
 */
import { MEM, MEMORY_BUS, type BusDevice } from '../../bus/index.js';
import type { Counter } from '../../executor/index.js';
import { ALIGN_ONE_WORD, ALIGN_TWO_WORDS, WordAccesses } from './access.js';
import { REGIONS, regionOfWord } from './regions.js';

/** One region's accesses in one chunk, by word address (ascending). */
export interface RegionCount {
  readonly words: Uint32Array;
  readonly counts: Uint32Array;
  /** Step and value of the word's last access in the chunk. */
  readonly lastStep: Float64Array;
  readonly lastLo: Uint32Array;
  readonly lastHi: Uint32Array;
}

/** A chunk's metrics. */
export interface MemCounts {
  /** Indexed like REGIONS. */
  readonly regions: readonly RegionCount[];
  /** Accesses proved by MemAlign (inside one word) and MemAlignStraddle (across two). */
  readonly align: number;
  readonly straddle: number;
}

/** Growable per-word tallies of one region. */
class Tally {
  private readonly slot = new Map<number, number>();
  private n = 0;
  private words = new Uint32Array(64);
  private counts = new Uint32Array(64);
  private lastStep = new Float64Array(64);
  private lastLo = new Uint32Array(64);
  private lastHi = new Uint32Array(64);

  add(word: number, step: number, lo: number, hi: number): void {
    let i = this.slot.get(word);
    if (i === undefined) {
      i = this.n++;
      if (i === this.words.length) this.grow();
      this.slot.set(word, i);
      this.words[i] = word;
    }
    this.counts[i]!++;
    this.lastStep[i] = step;
    this.lastLo[i] = lo;
    this.lastHi[i] = hi;
  }

  private grow(): void {
    const size = this.words.length * 2;
    const g = <T extends Uint32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.words = g(this.words);
    this.counts = g(this.counts);
    this.lastStep = g(this.lastStep);
    this.lastLo = g(this.lastLo);
    this.lastHi = g(this.lastHi);
  }

  result(): RegionCount {
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => this.words[a]! - this.words[b]!);
    const pick = <T extends Uint32Array | Float64Array>(a: T): T => {
      const out = new (a.constructor as new (n: number) => T)(this.n);
      order.forEach((i, k) => (out[k] = a[i]!));
      return out;
    };
    return { words: pick(this.words), counts: pick(this.counts), lastStep: pick(this.lastStep), lastLo: pick(this.lastLo), lastHi: pick(this.lastHi) };
  }
}

function outside(w: number): Error {
  return new Error(`memory access to word 0x${(w * 8).toString(16)}, outside every memory region`);
}

const TWO_32 = 4294967296;
const { addr: ADDR, bytes: BYTES, memStepLo: STEP_LO, memStepHi: STEP_HI, v0Lo: V0_LO, v0Hi: V0_HI } = MEM;

export class MemCounter implements Counter<MemCounts>, BusDevice {
  readonly busIds = [MEMORY_BUS];
  private readonly tallies = REGIONS.map(() => new Tally());
  private readonly acc = new WordAccesses();
  private align = 0;
  private straddle = 0;

  processData(_bus: number, data: Uint32Array): boolean {
    const addr = data[ADDR]!;
    if ((addr & 7) === 0 && data[BYTES] === 8) {
      // Aligned, the common case: the message is the word access.
      const w = addr / 8;
      const r = regionOfWord(w);
      if (r < 0) throw outside(w);
      this.tallies[r]!.add(w, data[STEP_LO]! + data[STEP_HI]! * TWO_32, data[V0_LO]!, data[V0_HI]!);
      return true;
    }
    const a = this.acc;
    a.expand(data);
    if (a.align === ALIGN_ONE_WORD) this.align++;
    else if (a.align === ALIGN_TWO_WORDS) this.straddle++;
    for (let i = 0; i < a.count; i++) {
      const w = a.word[i]!;
      const r = regionOfWord(w);
      if (r < 0) throw outside(w);
      this.tallies[r]!.add(w, a.step[i]!, a.lo[i]!, a.hi[i]!);
    }
    return true;
  }

  result(): MemCounts {
    return { regions: this.tallies.map((t) => t.result()), align: this.align, straddle: this.straddle };
  }
}

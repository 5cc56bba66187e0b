/**
 * The thread's instance of the NTT kernel (src/wasm/assembly/ntt.ts) and its twiddle tables.
 *
 * Memory layout of the instance, from the arena base: forward table, inverse table, work area.
 * A table has room for every size up to its capacity, but only the stages of the sizes actually
 * transformed are written (and so take memory): ~8 bytes per point per size and direction, e.g.
 * 8 MiB for 2^20 points, built in ~10 ms. When a larger size comes, the tables move up and the
 * sizes built so far are rebuilt. WebAssembly memory never shrinks: a thread keeps what its
 * largest transform needed.
 */
import { instantiateKernel } from '../wasm/load.js';
import { KernelArena, type KernelExports } from '../wasm/arena.js';

export interface NttExports extends KernelExports {
  twiddleBytes(logN: number): number;
  buildTwiddles(tw: number, logN: number, inverse: number): void;
  dif(a: number, logN: number, tw: number, inverse: number): void;
  dit(a: number, logN: number, tw: number, inverse: number): void;
  bitReverse(a: number, logN: number): void;
  mulPointwise(a: number, b: number, n: number): void;
  powers(out: number, n: number, startLo: number, startHi: number, stepLo: number, stepHi: number): void;
  powersBitrev(out: number, logN: number, startLo: number, startHi: number, stepLo: number, stepHi: number): void;
  scale(a: number, n: number, sLo: number, sHi: number): void;
  spread(a: number, n: number, logB: number): void;
}

export class NttHost {
  readonly k: NttExports;
  private readonly arena: KernelArena;
  /** Capacity of each table (log2 of the largest size it has room for). */
  private capForward = -1;
  private capInverse = -1;
  /** Sizes whose stages are built, per direction. */
  private readonly builtForward = new Set<number>();
  private readonly builtInverse = new Set<number>();
  /** Byte offsets of the forward and inverse tables. */
  twF = 0;
  twI = 0;
  private workBase = 0;

  constructor() {
    this.k = instantiateKernel<NttExports & WebAssembly.Exports>('ntt');
    this.arena = new KernelArena(this.k);
    this.workBase = this.arena.base;
  }

  /**
   * Makes the forward table serve transforms of 2^logN points and the inverse table transforms of
   * 2^logInverse points (default: the same; pass 0 when no inverse is needed), and `workBytes`
   * bytes of work area available; returns the work area's byte offset. Views of kernel memory made
   * before this call are stale afterwards (memory may grow).
   */
  prepare(logN: number, workBytes: number, logInverse = logN): number {
    if (logN > this.capForward || logInverse > this.capInverse) {
      // Re-layout with room for the larger size; every size built so far is rebuilt in place.
      this.capForward = Math.max(logN, this.capForward);
      this.capInverse = Math.max(logInverse, this.capInverse);
      const tf = this.k.twiddleBytes(this.capForward);
      const ti = this.k.twiddleBytes(this.capInverse);
      this.arena.reserve(tf + ti + workBytes);
      this.twF = this.arena.base;
      this.twI = this.arena.base + tf;
      this.workBase = this.arena.base + tf + ti;
      const forward = [...this.builtForward];
      const inverse = [...this.builtInverse];
      this.builtForward.clear();
      this.builtInverse.clear();
      for (const l of forward) this.build(l, false);
      for (const l of inverse) this.build(l, true);
    } else {
      this.arena.reserve(this.workBase - this.arena.base + workBytes);
    }
    this.build(logN, false);
    this.build(logInverse, true);
    return this.workBase;
  }

  private build(logN: number, inverse: boolean): void {
    const built = inverse ? this.builtInverse : this.builtForward;
    if (built.has(logN)) return;
    this.k.buildTwiddles(inverse ? this.twI : this.twF, logN, inverse ? 1 : 0);
    built.add(logN);
  }

  /** A fresh view of `words` u32 words at byte offset `offset`. */
  u32(offset: number, words: number): Uint32Array {
    return this.arena.u32(offset, words);
  }
}

let host: NttHost | undefined;

/** This thread's NTT kernel host, created on first use. */
export function nttHost(): NttHost {
  host ??= new NttHost();
  return host;
}

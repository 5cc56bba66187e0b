/**
 * The thread's instance of the NTT kernel (src/wasm/assembly/ntt.ts) and its twiddle tables.
 *
 * Memory layout of the instance, from the arena base: forward table, inverse table, work area.
 * Tables are built on first need for a size and kept (a table for 2^k points serves all smaller
 * sizes); when a larger one is needed both are rebuilt in place and the work area moves up. Table bytes:
 * ~14·2^k each (14 MiB per direction at 2^20), built in ~20 ms each at 2^20 (first call, measured). WebAssembly memory never
 * shrinks: a thread that once transformed 2^k points keeps ~(2·14 + 8)·2^k bytes.
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
  private logForward = -1;
  private logInverse = -1;
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
   * Makes the forward table serve transforms of up to 2^logN points and the inverse table up to
   * 2^logInverse (default: the same), and `workBytes` bytes of work area available; returns the work
   * area's byte offset. Views of kernel memory made before this call are stale afterwards (memory
   * may grow).
   */
  prepare(logN: number, workBytes: number, logInverse = logN): number {
    if (logN > this.logForward || logInverse > this.logInverse) {
      const logF = Math.max(logN, this.logForward);
      const logI = Math.max(logInverse, this.logInverse);
      const tf = this.k.twiddleBytes(logF);
      const ti = this.k.twiddleBytes(logI);
      this.arena.reserve(tf + ti + workBytes);
      this.twF = this.arena.base;
      this.twI = this.arena.base + tf;
      this.k.buildTwiddles(this.twF, logF, 0);
      this.k.buildTwiddles(this.twI, logI, 1);
      this.workBase = this.arena.base + tf + ti;
      this.logForward = logF;
      this.logInverse = logI;
    } else {
      this.arena.reserve(this.workBase - this.arena.base + workBytes);
    }
    return this.workBase;
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

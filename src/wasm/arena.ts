/**
 * Working memory of one kernel instance. Kernels never allocate: the TypeScript wrapper lays out its
 * inputs and outputs from `base` upwards (above the module's static data) and passes byte offsets.
 *
 * Growing a WebAssembly memory detaches every view made before, so views are made fresh after
 * `reserve` and never kept across calls that may grow.
 */
export interface KernelExports {
  memory: WebAssembly.Memory;
  /** First byte above the module's static data (AssemblyScript's `__heap_base`), 16-byte aligned. */
  heapBase(): number;
}

const PAGE = 65536;

export class KernelArena {
  readonly base: number;

  constructor(private readonly kernel: KernelExports) {
    this.base = (kernel.heapBase() + 15) & ~15;
  }

  /** Ensures `bytes` bytes are addressable from `base`; returns `base`. */
  reserve(bytes: number): number {
    const needed = this.base + bytes;
    const have = this.kernel.memory.buffer.byteLength;
    if (needed > have) {
      const pages = Math.ceil((needed - have) / PAGE);
      try {
        this.kernel.memory.grow(pages);
      } catch (e) {
        throw new RangeError(`kernel memory cannot grow to ${needed} bytes: ${(e as Error).message}`);
      }
    }
    return this.base;
  }

  /** A fresh u32 view of `words` words at byte offset `offset`. */
  u32(offset: number, words: number): Uint32Array {
    return new Uint32Array(this.kernel.memory.buffer, offset, words);
  }
}

/**
 * The fast Poseidon2-16: a WebAssembly kernel (src/wasm/assembly/poseidon2.ts) that permutes two
 * states at once in SIMD lanes, with batch entry points for the Merkle tree (row sponge, node
 * compression) and the proof-of-work search. One instance per thread; not reentrant.
 */
import type { Matrix } from '../matrix/index.js';
import { KernelArena, instantiateKernel } from '../wasm/index.js';
import { POSEIDON2_GOLDILOCKS_16, POSEIDON2_GOLDILOCKS_4, type Poseidon2Params } from './constants.js';
import type { Poseidon2 } from './permutation.js';
import { P } from './reference.js';
import { DIGEST_WORDS, WIDTH } from './sizes.js';

interface Poseidon2Exports extends WebAssembly.Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  constantsPtr(): number;
  constantsCount(): number;
  constants4Ptr(): number;
  constants4Count(): number;
  init(): void;
  permute(ptr: number, count: number): void;
  permute4(ptr: number, count: number): void;
  hashRows(src: number, cols: number, rows: number, out: number): void;
  compressLevel(src: number, count: number, arity: number, out: number): void;
  grind(challenge: number, bits: number, start: bigint, end: bigint): bigint;
}

const STATE_WORDS = 2 * WIDTH;
/** States per kernel call in permuteMany: 512 KiB of kernel memory. */
const PERMUTE_CHUNK = 4096;
/** Input bytes per hashRows call: large enough to amortise the call, small enough for L2. */
const ROW_BLOCK_BYTES = 1 << 19;
/** Children per compressLevel call (a multiple of 4, so of every arity). */
const COMPRESS_CHUNK = 1 << 14;

export class Poseidon2Wasm implements Poseidon2 {
  private readonly k: Poseidon2Exports;
  private readonly arena: KernelArena;
  private single: Uint32Array | undefined;

  constructor() {
    this.k = instantiateKernel<Poseidon2Exports>('poseidon2');
    this.writeConstants(POSEIDON2_GOLDILOCKS_16, this.k.constantsPtr(), this.k.constantsCount());
    this.writeConstants(POSEIDON2_GOLDILOCKS_4, this.k.constants4Ptr(), this.k.constants4Count());
    this.k.init();
    this.arena = new KernelArena(this.k);
  }

  /** The kernel reads each instance's constants in this order; constants.ts is their one source. */
  private writeConstants(p: Poseidon2Params, ptr: number, expected: number): void {
    const consts = [...p.externalInitial.flat(), ...p.internal, ...p.externalFinal.flat(), ...p.internalDiag];
    if (consts.length !== expected) throw new Error(`poseidon2 kernel expects ${expected} width-${p.width} constants, have ${consts.length}`);
    new BigUint64Array(this.k.memory.buffer, ptr, consts.length).set(consts);
  }

  permute(state: Uint32Array): void {
    if (state.length < STATE_WORDS) throw new RangeError(`a state is ${STATE_WORDS} words, got ${state.length}`);
    // The transcript permutes one state at a time: keep a view instead of building two per call.
    let v = this.single;
    if (!v || v.buffer !== this.k.memory.buffer) v = this.single = this.arena.u32(this.arena.reserve(4 * STATE_WORDS), STATE_WORDS);
    v.set(state.subarray(0, STATE_WORDS));
    this.k.permute(this.arena.base, 1);
    state.set(v);
  }

  permuteMany(states: Uint32Array, count: number): void {
    if (states.length < count * STATE_WORDS) {
      throw new RangeError(`states holds ${states.length} words, ${count} states need ${count * STATE_WORDS}`);
    }
    for (let first = 0; first < count; first += PERMUTE_CHUNK) {
      const n = Math.min(PERMUTE_CHUNK, count - first);
      const words = n * STATE_WORDS;
      const base = this.arena.reserve(4 * words);
      const view = this.arena.u32(base, words);
      const part = states.subarray(first * STATE_WORDS, first * STATE_WORDS + words);
      view.set(part);
      this.k.permute(base, n);
      part.set(this.arena.u32(base, words));
    }
  }

  /**
   * Leaf digests of rows [rowStart, rowEnd) of `matrices` (all of one height; a row is the
   * concatenation of the matrices' rows in order), written as 8 words per row into `out` starting
   * at word `outOffset`. Any row range can be hashed on its own, so workers can split a commitment.
   */
  hashRowRange(matrices: readonly Matrix[], rowStart: number, rowEnd: number, out: Uint32Array, outOffset = 0): void {
    const height = matrices[0]?.height ?? 0;
    const cols = matrices.reduce((a, m) => a + m.width, 0);
    if (!(0 <= rowStart && rowStart <= rowEnd && rowEnd <= height)) {
      throw new RangeError(`row range [${rowStart}, ${rowEnd}) is outside 0‥${height}`);
    }
    if (out.length < outOffset + (rowEnd - rowStart) * DIGEST_WORDS) throw new RangeError('out is too short for the row range');
    const block = Math.max(2, Math.min(rowEnd - rowStart, Math.floor(ROW_BLOCK_BYTES / (8 * Math.max(1, cols)))) & ~1);
    for (let r0 = rowStart; r0 < rowEnd; r0 += block) {
      const rows = Math.min(block, rowEnd - r0);
      const inWords = 2 * cols * rows;
      const outWords = rows * DIGEST_WORDS;
      const base = this.arena.reserve(4 * (inWords + outWords));
      const input = this.arena.u32(base, inWords);
      let j = 0;
      for (const m of matrices) {
        for (let c = 0; c < m.width; c++, j++) {
          const from = 2 * (c * height + r0);
          input.set(m.data.subarray(from, from + 2 * rows), 2 * j * rows);
        }
      }
      const outPtr = base + 4 * inWords;
      this.k.hashRows(base, cols, rows, outPtr);
      out.set(this.arena.u32(outPtr, outWords), outOffset + (r0 - rowStart) * DIGEST_WORDS);
    }
  }

  /**
   * Digests of `rows` rows given column-major in `block` (column j's rows at words 2·j·rows‥), as
   * the verifier has them after transposing opened rows. Returns 8 words per row.
   */
  hashColumnMajor(block: Uint32Array, cols: number, rows: number): Uint32Array {
    const inWords = 2 * cols * rows;
    if (block.length !== inWords) throw new RangeError(`block has ${block.length} words, ${cols}×${rows} needs ${inWords}`);
    const base = this.arena.reserve(4 * (inWords + rows * DIGEST_WORDS));
    this.arena.u32(base, inWords).set(block);
    this.k.hashRows(base, cols, rows, base + 4 * inWords);
    return this.arena.u32(base + 4 * inWords, rows * DIGEST_WORDS).slice();
  }

  /**
   * One tree level: `count` child digests (8 words each) → ceil(count/arity) parents written to
   * `out` from word `outOffset`; parent k compresses children k·arity‥k·arity+arity−1, those past
   * `count` taken as zero digests.
   */
  compressLevel(children: Uint32Array, count: number, arity: number, out: Uint32Array, outOffset = 0): void {
    if (arity !== 2 && arity !== 4) throw new RangeError(`arity must be 2 or 4, got ${arity}`);
    for (let first = 0; first < count; first += COMPRESS_CHUNK) {
      const n = Math.min(COMPRESS_CHUNK, count - first);
      const parents = Math.ceil(n / arity);
      const inWords = n * DIGEST_WORDS;
      const base = this.arena.reserve(4 * (inWords + parents * DIGEST_WORDS));
      this.arena.u32(base, inWords).set(children.subarray(first * DIGEST_WORDS, first * DIGEST_WORDS + inWords));
      const outPtr = base + 4 * inWords;
      this.k.compressLevel(base, n, arity, outPtr);
      out.set(this.arena.u32(outPtr, parents * DIGEST_WORDS), outOffset + (first / arity) * DIGEST_WORDS);
    }
  }

  /** Permutes `count` width-4 states (the grinding instance; 8 words each) in place. */
  permuteWidth4(states: Uint32Array, count: number): void {
    const words = 8 * count;
    if (states.length < words) throw new RangeError(`states holds ${states.length} words, ${count} width-4 states need ${words}`);
    const base = this.arena.reserve(4 * words);
    this.arena.u32(base, words).set(states.subarray(0, words));
    this.k.permute4(base, count);
    states.set(this.arena.u32(base, words));
  }

  /**
   * Proof-of-work search: the first nonce n in [start, end) with P4(c0, c1, c2, n)[0] below
   * 2^(64 − bits), P4 the width-4 grinding permutation and c0‥c2 the three elements (6 words) of
   * `challenge`; undefined when there is none. Two nonces per SIMD pass.
   */
  grind(challenge: Uint32Array, bits: number, start: bigint, end: bigint): bigint | undefined {
    if (challenge.length !== 6) throw new RangeError('a grinding challenge is 3 elements (6 words)');
    if (!Number.isInteger(bits) || bits < 1 || bits > 63) throw new RangeError(`bits must be 1‥63, got ${bits}`);
    if (!(0n <= start && start <= end && end <= P)) throw new RangeError(`nonce range [${start}, ${end}) must lie in the field`);
    const base = this.arena.reserve(4 * 6);
    this.arena.u32(base, 6).set(challenge);
    const n = this.k.grind(base, bits, start, end);
    return n < 0n ? undefined : n;
  }
}

let shared: Poseidon2Wasm | undefined;

/** This thread's shared kernel instance (created on first use). */
export function sharedPoseidon2(): Poseidon2Wasm {
  return (shared ??= new Poseidon2Wasm());
}

/**
 * WebAssembly batch kernels over whole arrays (src/wasm/assembly/field.ts), behind plain
 * typed-array functions. Base-field arrays are u64-pair `Uint32Array`s (element i = words 2i, 2i+1);
 * extension arrays are planar: three planes of n elements (coefficients of 1, X, X^2) — exactly
 * three consecutive columns of a Matrix, e.g. `m.data.subarray(2*j*h, 2*(j+3)*h)`.
 *
 * Every function copies its inputs into the kernel's memory in chunks of CHUNK elements and copies
 * results back, so kernel memory stays small (WebAssembly memory never shrinks). The output may be
 * the same array as an input. Inputs must be canonical; outputs are canonical.
 *
 * Extension addition, subtraction and negation are the base-field kernels applied to all 3n
 * elements of a planar array.
 *
 * One kernel instance per thread, created on first use.
 */
import { instantiateKernel } from '../wasm/load.js';
import { KernelArena, type KernelExports } from '../wasm/arena.js';
import { add as fastAdd } from './fast.js';
import { mul as extMulSlot, pow as extPowSlot } from './extension-fast.js';

interface FieldKernel extends KernelExports {
  add(a: number, b: number, out: number, n: number): void;
  sub(a: number, b: number, out: number, n: number): void;
  mul(a: number, b: number, out: number, n: number): void;
  neg(a: number, out: number, n: number): void;
  scalarMul(a: number, sLo: number, sHi: number, out: number, n: number): void;
  powers(out: number, n: number, startLo: number, startHi: number, stepLo: number, stepHi: number): void;
  batchInverse(a: number, out: number, n: number): void;
  extMul(a: number, b: number, out: number, n: number): void;
  extScalarMul(a: number, s: number, out: number, n: number): void;
  extMulBase(a: number, b: number, out: number, n: number): void;
  extBatchInverse(a: number, out: number, n: number, norms: number): void;
  extPowers(out: number, n: number, start: number, s: number): void;
  extHornerBase(coeffs: number, n: number, z: number, out: number): void;
  prefixSum(a: number, out: number, n: number, planes: number, carry: number): void;
  dot(a: number, b: number, n: number, out: number): void;
  extDotBase(y: number, w: number, n: number, out: number): void;
}

/** Elements per kernel call: 32 K elements = 256 KiB per array, L2-resident. */
const CHUNK = 1 << 15;

let kernel: FieldKernel | undefined;
let arena: KernelArena | undefined;

function k(): FieldKernel {
  if (!kernel) {
    kernel = instantiateKernel<FieldKernel & WebAssembly.Exports>('field');
    arena = new KernelArena(kernel);
  }
  return kernel;
}

function checkBase(name: string, a: Uint32Array): number {
  if ((a.length & 1) !== 0) throw new RangeError(`${name} must hold u64 pairs (even length), got ${a.length} words`);
  return a.length >> 1;
}

function output(name: string, out: Uint32Array | undefined, words: number): Uint32Array {
  if (!out) return new Uint32Array(words);
  if (out.length !== words) throw new RangeError(`${name} has ${out.length} words, expected ${words}`);
  return out;
}

function binary(op: 'add' | 'sub' | 'mul', a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkBase('a', a);
  if (b.length !== a.length) throw new RangeError(`b has ${b.length} words, a has ${a.length}`);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(n, CHUNK);
  const base = arena!.reserve(24 * c);
  const mem = arena!.u32(base, 6 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    mem.set(a.subarray(2 * i, 2 * (i + m)), 0);
    mem.set(b.subarray(2 * i, 2 * (i + m)), 2 * c);
    kk[op](base, base + 8 * c, base + 16 * c, m);
    res.set(mem.subarray(4 * c, 4 * c + 2 * m), 2 * i);
  }
  return res;
}

/** out[i] = a[i] + b[i]. */
export function batchAdd(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
  return binary('add', a, b, out);
}

/** out[i] = a[i] − b[i]. */
export function batchSub(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
  return binary('sub', a, b, out);
}

/** out[i] = a[i]·b[i]. */
export function batchMul(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
  return binary('mul', a, b, out);
}

/** out[i] = −a[i]. */
export function batchNeg(a: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkBase('a', a);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(n, CHUNK);
  const base = arena!.reserve(16 * c);
  const mem = arena!.u32(base, 4 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    mem.set(a.subarray(2 * i, 2 * (i + m)), 0);
    kk.neg(base, base + 8 * c, m);
    res.set(mem.subarray(2 * c, 2 * c + 2 * m), 2 * i);
  }
  return res;
}

/** out[i] = s·a[i] for the element s = words (s[2·si], s[2·si+1]). */
export function batchScalarMul(a: Uint32Array, s: Uint32Array, si = 0, out?: Uint32Array): Uint32Array {
  const n = checkBase('a', a);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(n, CHUNK);
  const base = arena!.reserve(16 * c);
  const mem = arena!.u32(base, 4 * c);
  const sLo = s[2 * si]!, sHi = s[2 * si + 1]!;
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    mem.set(a.subarray(2 * i, 2 * (i + m)), 0);
    kk.scalarMul(base, sLo, sHi, base + 8 * c, m);
    res.set(mem.subarray(2 * c, 2 * c + 2 * m), 2 * i);
  }
  return res;
}

/**
 * out[i] = start·step^i for i < n (start defaults to 1). `start` and `step` are single elements
 * (Uint32Array(2)).
 */
export function powers(step: Uint32Array, n: number, start?: Uint32Array, out?: Uint32Array): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const res = output('out', out, 2 * n);
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return res;
  const base = arena!.reserve(8 * c);
  const mem = arena!.u32(base, 2 * c);
  let lo = start ? start[0]! : 1, hi = start ? start[1]! : 0;
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    kk.powers(base, m, lo, hi, step[0]!, step[1]!);
    res.set(mem.subarray(0, 2 * m), 2 * i);
    // The next chunk starts at the last value times step.
    kk.powers(base, 2, mem[2 * (m - 1)]!, mem[2 * (m - 1) + 1]!, step[0]!, step[1]!);
    lo = mem[2]!;
    hi = mem[3]!;
  }
  return res;
}

/**
 * out[i] = a[i]^−1, with 0 ↦ 0 (so a column with zeros needs no special casing; callers for whom
 * a zero is an error check for it). One field inversion per chunk (Montgomery's trick).
 */
export function batchInverse(a: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkBase('a', a);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(roundUp(n, 8), CHUNK);
  if (c === 0) return res;
  const base = arena!.reserve(16 * c);
  const mem = arena!.u32(base, 4 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    const padded = roundUp(m, 8);
    mem.set(a.subarray(2 * i, 2 * (i + m)), 0);
    for (let j = m; j < padded; j++) {
      mem[2 * j] = 1;
      mem[2 * j + 1] = 0;
    }
    kk.batchInverse(base, base + 8 * c, padded);
    res.set(mem.subarray(2 * c, 2 * c + 2 * m), 2 * i);
  }
  return res;
}

function roundUp(x: number, m: number): number {
  return Math.ceil(x / m) * m;
}

// ---------------------------------------------------------------------------------------------
// Extension (planar)

function checkExt(name: string, a: Uint32Array): number {
  if (a.length % 6 !== 0) throw new RangeError(`${name} must hold planar extension elements (length a multiple of 6), got ${a.length} words`);
  return a.length / 6;
}

/** Copies rows [i, i+m) of the planar column `src` (n rows) into kernel planes of c rows at `mem[off…]`. */
function loadPlanar(mem: Uint32Array, off: number, c: number, src: Uint32Array, n: number, i: number, m: number): void {
  for (let p = 0; p < 3; p++) mem.set(src.subarray(2 * (p * n + i), 2 * (p * n + i + m)), off + 2 * p * c);
}

function storePlanar(dst: Uint32Array, n: number, i: number, m: number, mem: Uint32Array, off: number, c: number): void {
  for (let p = 0; p < 3; p++) dst.set(mem.subarray(off + 2 * p * c, off + 2 * (p * c + m)), 2 * (p * n + i));
}

/** out = a·b elementwise, a and b planar extension arrays of equal length. */
export function extBatchMul(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkExt('a', a);
  if (b.length !== a.length) throw new RangeError(`b has ${b.length} words, a has ${a.length}`);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return res;
  const base = arena!.reserve(72 * c);
  const mem = arena!.u32(base, 18 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    loadPlanar(mem, 0, m, a, n, i, m);
    loadPlanar(mem, 6 * c, m, b, n, i, m);
    kk.extMul(base, base + 24 * c, base + 48 * c, m);
    storePlanar(res, n, i, m, mem, 12 * c, m);
  }
  return res;
}

/** out = a·b with a planar extension array and b a base-field array of the same number of rows. */
export function extBatchMulBase(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkExt('a', a);
  if (b.length !== 2 * n) throw new RangeError(`b has ${b.length} words, expected ${2 * n} (one base element per row of a)`);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return res;
  const base = arena!.reserve(56 * c);
  const mem = arena!.u32(base, 14 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    loadPlanar(mem, 0, m, a, n, i, m);
    mem.set(b.subarray(2 * i, 2 * (i + m)), 6 * c);
    kk.extMulBase(base, base + 24 * c, base + 32 * c, m);
    storePlanar(res, n, i, m, mem, 8 * c, m);
  }
  return res;
}

/** out = a·s for one extension element s (Uint32Array(6), coefficients in order). */
export function extBatchScalarMul(a: Uint32Array, s: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkExt('a', a);
  if (s.length < 6) throw new RangeError(`s must be one extension element (6 words), got ${s.length}`);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return res;
  const base = arena!.reserve(48 * c + 32);
  const mem = arena!.u32(base, 12 * c + 8);
  mem.set(s.subarray(0, 6), 12 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    loadPlanar(mem, 0, m, a, n, i, m);
    kk.extScalarMul(base, base + 48 * c, base + 24 * c, m);
    storePlanar(res, n, i, m, mem, 6 * c, m);
  }
  return res;
}

/** Planar batch inversion in the extension, 0 ↦ 0 (adjugates over norms; one base batch inversion). */
export function extBatchInverse(a: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkExt('a', a);
  const res = output('out', out, a.length);
  const kk = k();
  const c = Math.min(roundUp(n, 8), CHUNK);
  if (c === 0) return res;
  // a (3c), out (3c), norms and their inverses (2c)
  const base = arena!.reserve(64 * c);
  const mem = arena!.u32(base, 16 * c);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    const padded = roundUp(m, 8);
    loadPlanar(mem, 0, padded, a, n, i, m);
    for (let j = m; j < padded; j++) {
      // pad with the element 1 = (1, 0, 0)
      mem[2 * j] = 1;
      mem[2 * j + 1] = 0;
      mem[2 * (padded + j)] = 0;
      mem[2 * (padded + j) + 1] = 0;
      mem[2 * (2 * padded + j)] = 0;
      mem[2 * (2 * padded + j) + 1] = 0;
    }
    kk.extBatchInverse(base, base + 24 * c, padded, base + 48 * c);
    storePlanar(res, n, i, m, mem, 6 * c, padded);
  }
  return res;
}

/** Planar powers start·s^i (i < n) of one extension element s; start defaults to 1. */
export function extPowers(s: Uint32Array, n: number, start?: Uint32Array): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const res = new Uint32Array(6 * n);
  if (n === 0) return res;
  const kk = k();
  const c = Math.min(n, CHUNK);
  const base = arena!.reserve(24 * c + 64);
  const mem = arena!.u32(base, 6 * c + 16);
  const sOff = 6 * c, startOff = 6 * c + 6;
  mem.set(s.subarray(0, 6), sOff);
  if (start) mem.set(start.subarray(0, 6), startOff);
  else mem.set([1, 0, 0, 0, 0, 0], startOff);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    kk.extPowers(base, m, base + 4 * startOff, base + 4 * sOff);
    storePlanar(res, n, i, m, mem, 0, m);
    // Next start = last · s, computed by a 2-element run from the last value.
    for (let p = 0; p < 3; p++) {
      mem[startOff + 2 * p] = mem[2 * (p * m + m - 1)]!;
      mem[startOff + 2 * p + 1] = mem[2 * (p * m + m - 1) + 1]!;
    }
    kk.extPowers(base, 2, base + 4 * startOff, base + 4 * sOff);
    for (let p = 0; p < 3; p++) {
      mem[startOff + 2 * p] = mem[2 * (p * 2 + 1)]!;
      mem[startOff + 2 * p + 1] = mem[2 * (p * 2 + 1) + 1]!;
    }
  }
  return res;
}

/**
 * The polynomial with base-field coefficients `coeffs` (lowest degree first, u64 pairs) evaluated
 * at one extension point z (Uint32Array(6)); returns one extension element (Uint32Array(6)).
 * Coefficients are fed in chunks from the top, continuing Horner's rule across chunks.
 */
export function evaluateAtExt(coeffs: Uint32Array, z: Uint32Array): Uint32Array {
  const n = checkBase('coeffs', coeffs);
  if (z.length < 6) throw new RangeError(`z must be one extension element (6 words), got ${z.length}`);
  const kk = k();
  const c = Math.max(1, Math.min(n, CHUNK));
  const base = arena!.reserve(8 * c + 64);
  const mem = arena!.u32(base, 2 * c + 16);
  const zOff = 2 * c, rOff = 2 * c + 6;
  mem.set(z.subarray(0, 6), zOff);
  const result = new Uint32Array(6);
  // Chunks from the top: each chunk's polynomial is evaluated alone in the kernel, and the running
  // result is shifted past it: r ← r·z^len(chunk) + value(chunk).
  let zPow = extPowOf(z, c);
  for (let end = n; end > 0; ) {
    const start = Math.max(0, end - c);
    const m = end - start;
    mem.set(coeffs.subarray(2 * start, 2 * end), 0);
    kk.extHornerBase(base, m, base + 4 * zOff, base + 4 * rOff);
    const part = mem.slice(rOff, rOff + 6);
    if (m !== c) zPow = extPowOf(z, m);
    // result = result·z^m + part
    extFastMul(result, result, zPow);
    for (let i = 0; i < 3; i++) fastAdd(result, i, result, i, part, i);
    end = start;
  }
  return result;
}

function extFastMul(out: Uint32Array, a: Uint32Array, b: Uint32Array): void {
  extMulSlot(out, 0, a, 0, b, 0);
}

function extPowOf(z: Uint32Array, e: number): Uint32Array {
  const out = new Uint32Array(6);
  extPowSlot(out, 0, z, 0, BigInt(e));
  return out;
}

function prefixSums(planes: number, a: Uint32Array, n: number, out: Uint32Array): Uint32Array {
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return out;
  // a and out, `planes` planes of c each, then one carry per plane
  const base = arena!.reserve(16 * planes * c + 32);
  const mem = arena!.u32(base, 4 * planes * c + 8);
  const carry = 4 * planes * c;
  mem.fill(0, carry, carry + 2 * planes);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    for (let p = 0; p < planes; p++) mem.set(a.subarray(2 * (p * n + i), 2 * (p * n + i + m)), 2 * p * m);
    kk.prefixSum(base, base + 8 * planes * c, m, planes, base + 4 * carry);
    for (let p = 0; p < planes; p++) out.set(mem.subarray(2 * (planes * c + p * m), 2 * (planes * c + (p + 1) * m)), 2 * (p * n + i));
  }
  return out;
}

/** Inclusive prefix sums: out[i] = a[0] + … + a[i]. */
export function prefixSum(a: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkBase('a', a);
  return prefixSums(1, a, n, output('out', out, a.length));
}

/** Inclusive prefix sums of a planar extension array (e.g. a LogUp running-sum column). */
export function extPrefixSum(a: Uint32Array, out?: Uint32Array): Uint32Array {
  const n = checkExt('a', a);
  return prefixSums(3, a, n, output('out', out, a.length));
}

/** Σ a[i]·b[i], as one element (Uint32Array(2)). */
export function batchDot(a: Uint32Array, b: Uint32Array): Uint32Array {
  const n = checkBase('a', a);
  if (b.length !== a.length) throw new RangeError(`b has ${b.length} words, a has ${a.length}`);
  const result = new Uint32Array(2);
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return result;
  const base = arena!.reserve(16 * c + 16);
  const mem = arena!.u32(base, 4 * c + 4);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    mem.set(a.subarray(2 * i, 2 * (i + m)), 0);
    mem.set(b.subarray(2 * i, 2 * (i + m)), 2 * c);
    kk.dot(base, base + 8 * c, m, base + 16 * c);
    fastAdd(result, 0, result, 0, mem, 2 * c);
  }
  return result;
}

/**
 * For each column j of a column-major block `columns` (width·n base elements, n rows each), the
 * extension sum Σ_i columns_j[i]·w[i] with w planar (3 planes of n): `width` extension elements,
 * interleaved (Uint32Array(6·width)). Each chunk of w is copied to the kernel once for all columns.
 */
export function extDotBaseColumns(columns: Uint32Array, width: number, w: Uint32Array): Uint32Array {
  const n = checkExt('w', w);
  if (columns.length !== 2 * width * n) throw new RangeError(`columns has ${columns.length} words, expected ${2 * width * n}`);
  const out = new Uint32Array(6 * width);
  const kk = k();
  const c = Math.min(n, CHUNK);
  if (c === 0) return out;
  // w chunk (3c), one column chunk (c), three sums
  const base = arena!.reserve(32 * c + 32);
  const mem = arena!.u32(base, 8 * c + 8);
  for (let i = 0; i < n; i += c) {
    const m = Math.min(c, n - i);
    loadPlanar(mem, 0, m, w, n, i, m);
    for (let j = 0; j < width; j++) {
      mem.set(columns.subarray(2 * (j * n + i), 2 * (j * n + i + m)), 6 * c);
      kk.extDotBase(base + 24 * c, base, m, base + 32 * c);
      for (let p = 0; p < 3; p++) fastAdd(out, 3 * j + p, out, 3 * j + p, mem, 4 * c + p);
    }
  }
  return out;
}

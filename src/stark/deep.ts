/**
 * The DEEP composition polynomial on D (docs/stark.md, DEEP openings):
 *
 *   F(x) = (A(x) − A(ζ)) / (x − ζ) + (B(x) − B(ζω)) / (x − ζω),
 *   A = Σ_t λ^t p_t over every committed column,  B = Σ_u λ^(T+u) p_u over the next-row columns,
 *
 * over blocks of rows: a block of every tree's columns is copied into the `deep` kernel once, the
 * kernel forms A and B (three base multiply-adds per cell), and the batch kernels divide. Row
 * ranges are independent, so a pool splits them (DEEP_ROWS) and the result does not depend on
 * the split.
 */
import * as ext from '../field/extension.js';
import * as gl from '../field/reference.js';
import type { Ext3 } from '../field/index.js';
import { batchAdd, batchSub, extBatchInverse, extBatchMul, extBatchScalarMul } from '../field/batch.js';
import * as fast from '../field/fast.js';
import { SHIFT, layerPoints } from '../fri/index.js';
import type { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { splitRange, task } from '../parallel/task.js';
import { KernelArena, instantiateKernel } from '../wasm/index.js';
import type { InstanceShape } from './shape.js';

export function extWords(v: Ext3): Uint32Array {
  return fast.fromBigInts(v);
}

interface DeepKernel extends WebAssembly.Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  combine(acc: number, cols: number, idx: number, coeffs: number, count: number, n: number): void;
}

let kernel: { k: DeepKernel; arena: KernelArena } | undefined;
function deepKernel(): { k: DeepKernel; arena: KernelArena } {
  if (!kernel) {
    const k = instantiateKernel<DeepKernel>('deep');
    kernel = { k, arena: new KernelArena(k) };
  }
  return kernel;
}

/** Rows per block: a block of 70 columns is ~1 MiB of kernel memory. */
const BLOCK_ROWS = 2048;

/** Plain data for one row range (crosses to a worker; the big arrays are SharedArrayBuffer views). */
export interface DeepJob {
  /** Every tree's LDE, column-major over N rows, in shape order (all columns concatenated). */
  columns: Uint32Array[];
  widths: number[];
  /** Indices (into the concatenated columns) of the next-row columns, in opening order. */
  next: number[];
  logN: number;
  /** λ^k for k < T + U, 6 words each. */
  coeffs: Uint32Array;
  /** The N points of D, bit-reversed. */
  points: Uint32Array;
  zeta: Uint32Array;
  zetaNext: Uint32Array;
  aZeta: Uint32Array;
  bNext: Uint32Array;
  /** F, planar (3 planes of N). */
  out: Uint32Array;
  start: number;
  end: number;
}

/** 1/(x − z) for the block's points, planar. */
function inverseDistances(points: Uint32Array, z: Uint32Array): Uint32Array {
  const words = points.length;
  const d = new Uint32Array(3 * words);
  const z0 = new Uint32Array(words);
  for (let i = 0; i < words; i += 2) {
    z0[i] = z[0]!;
    z0[i + 1] = z[1]!;
  }
  batchSub(points, z0, d.subarray(0, words));
  for (let c = 1; c < 3; c++) {
    const neg = gl.neg((BigInt(z[2 * c + 1]!) << 32n) | BigInt(z[2 * c]!));
    const lo = Number(neg & 0xffffffffn);
    const hi = Number(neg >> 32n);
    const plane = d.subarray(c * words, (c + 1) * words);
    for (let i = 0; i < words; i += 2) {
      plane[i] = lo;
      plane[i + 1] = hi;
    }
  }
  return extBatchInverse(d, d);
}

/** F on rows [start, end) (runs in a worker or on the calling thread). */
export function deepRows(job: DeepJob): void {
  const { k, arena } = deepKernel();
  const N = 2 ** job.logN;
  const total = job.widths.reduce((a, b) => a + b, 0);
  const U = job.next.length;
  for (let r0 = job.start; r0 < job.end; r0 += BLOCK_ROWS) {
    const L = Math.min(BLOCK_ROWS, job.end - r0);
    // kernel memory: columns (total·L), idx (total + U u32), coeffs, acc A (3L), acc B (3L)
    const colsBytes = 8 * total * L;
    const idxBytes = 4 * (total + U) + 4;
    const coefBytes = 24 * (total + U);
    const accBytes = 24 * L;
    const base = arena.reserve(colsBytes + idxBytes + coefBytes + 2 * accBytes);
    const idxPtr = base + colsBytes;
    const coefPtr = idxPtr + idxBytes + ((8 - (idxBytes % 8)) % 8);
    const aPtr = coefPtr + coefBytes;
    const bPtr = aPtr + accBytes;
    const mem = arena.u32(base, (colsBytes + idxBytes + ((8 - (idxBytes % 8)) % 8) + coefBytes + 2 * accBytes) / 4);
    let j = 0;
    job.columns.forEach((data, t) => {
      for (let c = 0; c < job.widths[t]!; c++, j++) mem.set(data.subarray(2 * (c * N + r0), 2 * (c * N + r0 + L)), 2 * j * L);
    });
    const idx = arena.u32(idxPtr, total + U);
    for (let i = 0; i < total; i++) idx[i] = i;
    for (let u = 0; u < U; u++) idx[total + u] = job.next[u]!;
    arena.u32(coefPtr, coefBytes / 4).set(job.coeffs);
    arena.u32(aPtr, (2 * accBytes) / 4).fill(0);
    k.combine(aPtr, base, idxPtr, coefPtr, total, L);
    if (U > 0) k.combine(bPtr, base, idxPtr + 4 * total, coefPtr + 24 * total, U, L);
    const a = arena.u32(aPtr, accBytes / 4).slice();
    const b = U > 0 ? arena.u32(bPtr, accBytes / 4).slice() : undefined;
    const points = job.points.subarray(2 * r0, 2 * (r0 + L));
    const inv1 = inverseDistances(points, job.zeta);
    const f = extBatchMul(a, inv1, a);
    batchSub(f, extBatchScalarMul(inv1, job.aZeta, inv1), f);
    if (b) {
      const inv2 = inverseDistances(points, job.zetaNext);
      const g = extBatchMul(b, inv2, b);
      batchSub(g, extBatchScalarMul(inv2, job.bNext, inv2), g);
      batchAdd(f, g, f);
    }
    for (let c = 0; c < 3; c++) job.out.set(f.subarray(2 * c * L, 2 * (c + 1) * L), 2 * (c * N + r0));
  }
}

export const DEEP_ROWS = task<DeepJob, void>(import.meta.url, 'deepRows');

/** Below this many rows the composition runs on the calling thread. */
const MIN_PARALLEL_ROWS = 1 << 12;

function isShared(a: Uint32Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

function sharedCopy(a: Uint32Array): Uint32Array {
  if (isShared(a)) return a;
  const s = new Uint32Array(new SharedArrayBuffer(4 * a.length));
  s.set(a);
  return s;
}

/**
 * F on D (planar, bit-reversed). `ldes` are the trees' LDE matrices in shape order; `zetaValues`
 * and `nextValues` the openings (T and U extension elements), `lambda` the DEEP challenge.
 */
export async function deepComposition(
  shape: InstanceShape,
  ldes: readonly Matrix[],
  zeta: Ext3,
  omega: bigint,
  zetaValues: readonly Ext3[],
  nextValues: readonly Ext3[],
  lambda: Ext3,
  pool?: WorkerPool,
): Promise<Uint32Array> {
  const N = 2 ** shape.logLde;
  const T = shape.zetaOpenings;
  const U = shape.nextOpenings;
  const coeffs = new Uint32Array(6 * (T + U));
  let power: Ext3 = ext.ONE;
  let aZeta: Ext3 = ext.ZERO;
  let bNext: Ext3 = ext.ZERO;
  for (let k = 0; k < T + U; k++) {
    coeffs.set(extWords(power), 6 * k);
    if (k < T) aZeta = ext.add(aZeta, ext.mul(power, zetaValues[k]!));
    else bNext = ext.add(bNext, ext.mul(power, nextValues[k - T]!));
    power = ext.mul(power, lambda);
  }
  const next: number[] = [];
  let first = 0;
  for (const tree of shape.trees) {
    for (const c of tree.next) next.push(first + c);
    first += tree.width;
  }
  const parallel = pool !== undefined && pool.workers > 1 && N >= MIN_PARALLEL_ROWS;
  const out = parallel ? new Uint32Array(new SharedArrayBuffer(24 * N)) : new Uint32Array(6 * N);
  const job: DeepJob = {
    columns: ldes.map((m) => (parallel ? sharedCopy(m.data) : m.data)),
    widths: ldes.map((m) => m.width),
    next,
    logN: shape.logLde,
    coeffs,
    points: parallel ? sharedCopy(layerPoints(shape.logLde, SHIFT)) : layerPoints(shape.logLde, SHIFT),
    zeta: extWords(zeta),
    zetaNext: extWords(ext.mulBase(zeta, omega)),
    aZeta: extWords(aZeta),
    bNext: extWords(bNext),
    out,
    start: 0,
    end: N,
  };
  if (!parallel) {
    deepRows(job);
    return out;
  }
  // Ranges of whole blocks, several per worker (the cores may run at different speeds).
  const blocks = Math.ceil(N / BLOCK_ROWS);
  await Promise.all(
    splitRange(blocks, pool.workers * 4).map(([a, b]) => pool.run(DEEP_ROWS, { ...job, start: a * BLOCK_ROWS, end: Math.min(b * BLOCK_ROWS, N) })),
  );
  return out;
}

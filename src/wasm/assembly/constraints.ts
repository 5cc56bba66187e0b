// The constraint evaluation kernel: runs a compiled expression program (src/constraints/program.ts)
// over one block of rows.
//
// Memory layout (chosen by the TypeScript engine): `vec` holds the vector slots, each `slotBytes`
// long (the block's rows as u64, padded to a multiple of 8 rows); `scal` holds the scalar slots (one
// u64 each: constants, challenges, air values and every other row-invariant value, computed once
// per call). An instruction is four u32: opcode, d, a, b; the opcode fixes whether each field names a
// vector slot, a scalar slot or the first of three consecutive vector slots (an extension value,
// planar: coefficient 0, 1, 2).
//
// Why one instruction at a time over the whole block (and not the whole program per row): the
// dispatch cost is paid once per block instead of once per row, and each loop is a straight SIMD
// pass over L1/L2-resident slots. Elementwise ops process every pair of rows up to the block's rows
// rounded up to even — the lane past the end holds some canonical garbage that is never read back —
// while reductions (RSUM3, RDOT3, CNTNZ, firstNonZero) stop at the exact row count.
import { gAdd, gSub, gMul, gInv, gReduce128 } from './lib/goldilocks';
import { simdSign, simdP, simdMask32, vAdd, vSub, vMul, vNeg, vSplit, vMulSplit } from './lib/goldilocks-simd';
import { extBatchInverse } from './field';

export function heapBase(): usize {
  return __heap_base;
}

// Opcodes: keep in step with OP in src/constraints/program.ts.
const ADD: u32 = 0; // d = a + b              (vectors)
const SUB: u32 = 1; // d = a − b
const MUL: u32 = 2; // d = a · b
const NEG: u32 = 3; // d = −a
const ADD_S: u32 = 4; // d = a + s[b]         (a vector, b scalar)
const SUB_S: u32 = 5; // d = a − s[b]
const RSUB_S: u32 = 6; // d = s[b] − a
const MUL_S: u32 = 7; // d = a · s[b]
const SPLAT: u32 = 8; // d = s[a] on every row
const SET3: u32 = 9; // d..d+2 = s[a..a+2]
const ACC3: u32 = 10; // d..d+2 += s[b..b+2] · a    (extension scalar times base vector)
const EXTINV: u32 = 11; // d..d+2 = (a..a+2)^−1, 0 ↦ 0
const MACC3: u32 = 12; // d..d+2 += (a..a+2) · b    (extension vector times base vector)
const MACC3_S: u32 = 13; // d..d+2 += (a..a+2) · s[b]
const ADD3: u32 = 14; // d..d+2 += a..a+2
const OR: u32 = 15; // d |= a (bitwise: non-zero iff some operand was non-zero)
const ZERO: u32 = 16; // d … d+a = 0 (a + 1 slots)
const SCALE3: u32 = 17; // d..d+2 *= s[a]
const RSUM3: u32 = 18; // s[d..d+2] += Σ_rows (a..a+2)
const RDOT3: u32 = 19; // s[d..d+2] += Σ_rows (a..a+2) · b
const CNTNZ: u32 = 20; // s[d] += number of rows where a ≠ 0 (a plain count, not a field element)
const OR_NZ: u32 = 21; // d |= a where b ≠ 0 (the flags of constraints b·E_k, from the OR of the E_k)
const ACCL: u32 = 22; // d..d+11 += s[b..b+2] · a, unreduced (see accLazy)
const FINISH: u32 = 23; // d..d+2 = the canonical values of the unreduced accumulator a..a+11

/**
 * Runs `count` instructions at `code` over one block of `rows` rows. `scratch` is two slots of
 * working memory for EXTINV.
 */
export function run(code: usize, count: u32, vec: usize, slotBytes: usize, scal: usize, rows: u32, scratch: usize): void {
  const bytes = (<usize>((rows + 1) >> 1)) << 4;
  for (let i: u32 = 0; i < count; i++) {
    const p = code + (<usize>i << 4);
    const op = load<u32>(p);
    const d = load<u32>(p, 4);
    const a = load<u32>(p, 8);
    const b = load<u32>(p, 12);
    const dv = vec + <usize>d * slotBytes;
    const av = vec + <usize>a * slotBytes;
    const bv = vec + <usize>b * slotBytes;
    const bs = scal + (<usize>b << 3);
    switch (op) {
      case ADD: addVV(dv, av, bv, bytes); break;
      case SUB: subVV(dv, av, bv, bytes); break;
      case MUL: mulVV(dv, av, bv, bytes); break;
      case NEG: negV(dv, av, bytes); break;
      case ADD_S: addVS(dv, av, load<u64>(bs), bytes); break;
      case SUB_S: addVS(dv, av, gSub(0, load<u64>(bs)), bytes); break;
      case RSUB_S: rsubVS(dv, av, load<u64>(bs), bytes); break;
      case MUL_S: mulVS(dv, av, load<u64>(bs), bytes); break;
      case SPLAT: splat(dv, load<u64>(scal + (<usize>a << 3)), bytes); break;
      case SET3: {
        const as = scal + (<usize>a << 3);
        splat(dv, load<u64>(as), bytes);
        splat(dv + slotBytes, load<u64>(as, 8), bytes);
        splat(dv + 2 * slotBytes, load<u64>(as, 16), bytes);
        break;
      }
      case ACC3: acc3(dv, slotBytes, av, bs, bytes); break;
      // Whole slots (a multiple of 8 rows, as extBatchInverse wants): the three slots of a value
      // are then exactly its planes.
      case EXTINV: extBatchInverse(av, dv, slotBytes >> 3, scratch); break;
      case MACC3: macc3(dv, slotBytes, av, bv, bytes); break;
      case MACC3_S: macc3S(dv, slotBytes, av, load<u64>(bs), bytes); break;
      case ADD3:
        addVV(dv, dv, av, bytes);
        addVV(dv + slotBytes, dv + slotBytes, av + slotBytes, bytes);
        addVV(dv + 2 * slotBytes, dv + 2 * slotBytes, av + 2 * slotBytes, bytes);
        break;
      case OR: orV(dv, av, bytes); break;
      case OR_NZ: orNonZero(dv, av, bv, bytes); break;
      case ACCL: accLazy(dv, slotBytes, av, bs, bytes); break;
      case FINISH: finish(dv, av, slotBytes, rows); break;
      case ZERO: for (let k: u32 = 0; k <= a; k++) memory.fill(dv + <usize>k * slotBytes, 0, bytes); break;
      case SCALE3: {
        const s = load<u64>(scal + (<usize>a << 3));
        mulVS(dv, dv, s, bytes);
        mulVS(dv + slotBytes, dv + slotBytes, s, bytes);
        mulVS(dv + 2 * slotBytes, dv + 2 * slotBytes, s, bytes);
        break;
      }
      case RSUM3: {
        const ds = scal + (<usize>d << 3);
        store<u64>(ds, gAdd(load<u64>(ds), sum(av, rows)));
        store<u64>(ds, gAdd(load<u64>(ds, 8), sum(av + slotBytes, rows)), 8);
        store<u64>(ds, gAdd(load<u64>(ds, 16), sum(av + 2 * slotBytes, rows)), 16);
        break;
      }
      case RDOT3: {
        const ds = scal + (<usize>d << 3);
        store<u64>(ds, gAdd(load<u64>(ds), dot(av, bv, rows)));
        store<u64>(ds, gAdd(load<u64>(ds, 8), dot(av + slotBytes, bv, rows)), 8);
        store<u64>(ds, gAdd(load<u64>(ds, 16), dot(av + 2 * slotBytes, bv, rows)), 16);
        break;
      }
      case CNTNZ: {
        const ds = scal + (<usize>d << 3);
        let c: u64 = 0;
        for (let r: usize = 0; r < <usize>rows; r++) c += <u64>(load<u64>(av + (r << 3)) != 0);
        store<u64>(ds, load<u64>(ds) + c);
        break;
      }
      default:
        unreachable();
    }
  }
}

// `bytes` is a multiple of 16 (one pair of rows). The multiplies take two pairs per iteration:
// independent chains keep both SIMD pipes busy (a product is latency-bound within one pair).

// @ts-ignore: decorator
@inline function addVV(d: usize, a: usize, b: usize, bytes: usize): void {
  const S = simdSign(), PV = simdP();
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(d + o, vAdd(v128.load(a + o), v128.load(b + o), S, PV));
  }
}

function subVV(d: usize, a: usize, b: usize, bytes: usize): void {
  const S = simdSign(), PV = simdP();
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(d + o, vSub(v128.load(a + o), v128.load(b + o), S, PV));
  }
}

function mulVV(d: usize, a: usize, b: usize, bytes: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  let o: usize = 0;
  const two = bytes & ~(<usize>31);
  for (; o < two; o += 32) {
    const x0 = vMul(v128.load(a + o), v128.load(b + o), S, PV, M);
    const x1 = vMul(v128.load(a + o, 16), v128.load(b + o, 16), S, PV, M);
    v128.store(d + o, x0);
    v128.store(d + o, x1, 16);
  }
  if (o < bytes) v128.store(d + o, vMul(v128.load(a + o), v128.load(b + o), S, PV, M));
}

function negV(d: usize, a: usize, bytes: usize): void {
  const S = simdSign(), PV = simdP();
  for (let o: usize = 0; o < bytes; o += 16) v128.store(d + o, vNeg(v128.load(a + o), S, PV));
}

function addVS(d: usize, a: usize, s: u64, bytes: usize): void {
  const S = simdSign(), PV = simdP();
  const sv = i64x2.splat(s);
  for (let o: usize = 0; o < bytes; o += 16) v128.store(d + o, vAdd(v128.load(a + o), sv, S, PV));
}

function rsubVS(d: usize, a: usize, s: u64, bytes: usize): void {
  const S = simdSign(), PV = simdP();
  const sv = i64x2.splat(s);
  for (let o: usize = 0; o < bytes; o += 16) v128.store(d + o, vSub(sv, v128.load(a + o), S, PV));
}

function mulVS(d: usize, a: usize, s: u64, bytes: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  // The scalar is split once (vSplit) so each product skips one shuffle.
  const sv = vSplit(i64x2.splat(s));
  let o: usize = 0;
  const two = bytes & ~(<usize>31);
  for (; o < two; o += 32) {
    const x0 = vMulSplit(v128.load(a + o), sv, S, PV, M);
    const x1 = vMulSplit(v128.load(a + o, 16), sv, S, PV, M);
    v128.store(d + o, x0);
    v128.store(d + o, x1, 16);
  }
  if (o < bytes) v128.store(d + o, vMulSplit(v128.load(a + o), sv, S, PV, M));
}

function splat(d: usize, s: u64, bytes: usize): void {
  const sv = i64x2.splat(s);
  for (let o: usize = 0; o < bytes; o += 16) v128.store(d + o, sv);
}

function orV(d: usize, a: usize, bytes: usize): void {
  for (let o: usize = 0; o < bytes; o += 16) v128.store(d + o, v128.or(v128.load(d + o), v128.load(a + o)));
}

function orNonZero(d: usize, a: usize, b: usize, bytes: usize): void {
  const zero = i64x2.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    const live = v128.not(i64x2.eq(v128.load(b + o), zero));
    v128.store(d + o, v128.or(v128.load(d + o), v128.and(v128.load(a + o), live)));
  }
}

/** d_c += s_c · a for c = 0, 1, 2: the random combination of constraints, and fingerprints. */
function acc3(d: usize, stride: usize, a: usize, s: usize, bytes: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const s0 = vSplit(i64x2.splat(load<u64>(s)));
  const s1 = vSplit(i64x2.splat(load<u64>(s, 8)));
  const s2 = vSplit(i64x2.splat(load<u64>(s, 16)));
  const d1 = d + stride, d2 = d + 2 * stride;
  for (let o: usize = 0; o < bytes; o += 16) {
    const x = v128.load(a + o);
    const y0 = vMulSplit(x, s0, S, PV, M);
    const y1 = vMulSplit(x, s1, S, PV, M);
    const y2 = vMulSplit(x, s2, S, PV, M);
    v128.store(d + o, vAdd(v128.load(d + o), y0, S, PV));
    v128.store(d1 + o, vAdd(v128.load(d1 + o), y1, S, PV));
    v128.store(d2 + o, vAdd(v128.load(d2 + o), y2, S, PV));
  }
}

/**
 * The unreduced form of acc3, for long sums Σ_k s_k·a_k: per component c, four slots w0..w3 hold
 * sums of 32-bit pieces by weight (2^0, 2^32, 2^64, 2^96) of the products' four 32×32-bit partial
 * products, so no addition carries and nothing is reduced until FINISH. Each term adds at most three
 * pieces below 2^32 to a slot, so 2^30 terms keep every slot below 2^63 (FINISH relies on that). Measured: ~1.8× faster than acc3,
 * whose reduction and canonical addition are most of the work.
 */
function accLazy(d: usize, stride: usize, a: usize, s: usize, bytes: usize): void {
  const M = simdMask32();
  for (let c: usize = 0; c < 3; c++) {
    const wS = vSplit(i64x2.splat(load<u64>(s + (c << 3))));
    const wT = i32x4.shuffle(wS, wS, 2, 3, 0, 1);
    const w0 = d + 4 * c * stride, w1 = w0 + stride, w2 = w1 + stride, w3 = w2 + stride;
    for (let o: usize = 0; o < bytes; o += 16) {
      const x = v128.load(a + o);
      const X = i32x4.shuffle(x, x, 0, 2, 1, 3);
      const ll = i64x2.extmul_low_i32x4_u(X, wS);
      const hh = i64x2.extmul_high_i32x4_u(X, wS);
      const lh = i64x2.extmul_low_i32x4_u(X, wT);
      const hl = i64x2.extmul_high_i32x4_u(X, wT);
      v128.store(w0 + o, i64x2.add(v128.load(w0 + o), v128.and(ll, M)));
      v128.store(w1 + o, i64x2.add(v128.load(w1 + o), i64x2.add(i64x2.shr_u(ll, 32), i64x2.add(v128.and(lh, M), v128.and(hl, M)))));
      v128.store(w2 + o, i64x2.add(v128.load(w2 + o), i64x2.add(i64x2.shr_u(lh, 32), i64x2.add(i64x2.shr_u(hl, 32), v128.and(hh, M)))));
      v128.store(w3 + o, i64x2.add(v128.load(w3 + o), i64x2.shr_u(hh, 32)));
    }
  }
}

/**
 * d_c = w0 + w1·2^32 + w2·2^64 + w3·2^96 mod p for the lazy accumulator at a (see accLazy): the
 * exact 192-bit value t0 + t1·2^64 + t2·2^128, then 2^128 ≡ −2^32. Once per block: scalar code.
 */
function finish(d: usize, a: usize, stride: usize, rows: u32): void {
  for (let c: usize = 0; c < 3; c++) {
    const w = a + 4 * c * stride;
    const out = d + c * stride;
    for (let r: usize = 0; r < <usize>rows; r++) {
      const o = r << 3;
      const w0 = load<u64>(w + o), w1 = load<u64>(w + stride + o), w2 = load<u64>(w + 2 * stride + o), w3 = load<u64>(w + 3 * stride + o);
      const t0 = w0 + (w1 << 32);
      const c0: u64 = t0 < w0 ? 1 : 0;
      const u = (w1 >> 32) + w2; // < 2^64: w1 >> 32 < 2^32 and w2 < 2^63
      const v = (w3 << 32) + c0;
      const t1 = u + v;
      const c1: u64 = t1 < u ? 1 : 0;
      const t2 = (w3 >> 32) + c1;
      store<u64>(out + o, gSub(gReduce128(t0, t1), gReduce128(t2 << 32, 0)));
    }
  }
}

/** d_c += a_c · b for c = 0, 1, 2 (extension times base, per row). */
function macc3(d: usize, stride: usize, a: usize, b: usize, bytes: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const d1 = d + stride, d2 = d + 2 * stride;
  const a1 = a + stride, a2 = a + 2 * stride;
  for (let o: usize = 0; o < bytes; o += 16) {
    const x = vSplit(v128.load(b + o));
    const y0 = vMulSplit(v128.load(a + o), x, S, PV, M);
    const y1 = vMulSplit(v128.load(a1 + o), x, S, PV, M);
    const y2 = vMulSplit(v128.load(a2 + o), x, S, PV, M);
    v128.store(d + o, vAdd(v128.load(d + o), y0, S, PV));
    v128.store(d1 + o, vAdd(v128.load(d1 + o), y1, S, PV));
    v128.store(d2 + o, vAdd(v128.load(d2 + o), y2, S, PV));
  }
}

function macc3S(d: usize, stride: usize, a: usize, s: u64, bytes: usize): void {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  const x = vSplit(i64x2.splat(s));
  const d1 = d + stride, d2 = d + 2 * stride;
  const a1 = a + stride, a2 = a + 2 * stride;
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(d + o, vAdd(v128.load(d + o), vMulSplit(v128.load(a + o), x, S, PV, M), S, PV));
    v128.store(d1 + o, vAdd(v128.load(d1 + o), vMulSplit(v128.load(a1 + o), x, S, PV, M), S, PV));
    v128.store(d2 + o, vAdd(v128.load(d2 + o), vMulSplit(v128.load(a2 + o), x, S, PV, M), S, PV));
  }
}

function sum(a: usize, rows: u32): u64 {
  const S = simdSign(), PV = simdP();
  let acc = i64x2.splat(0);
  const pairs = (<usize>rows) & ~(<usize>1);
  for (let r: usize = 0; r < pairs; r += 2) acc = vAdd(acc, v128.load(a + (r << 3)), S, PV);
  let s = gAdd(i64x2.extract_lane(acc, 0), i64x2.extract_lane(acc, 1));
  if (rows & 1) s = gAdd(s, load<u64>(a + (pairs << 3)));
  return s;
}

function dot(a: usize, b: usize, rows: u32): u64 {
  const S = simdSign(), PV = simdP(), M = simdMask32();
  let acc = i64x2.splat(0);
  const pairs = (<usize>rows) & ~(<usize>1);
  for (let r: usize = 0; r < pairs; r += 2) {
    const o = r << 3;
    acc = vAdd(acc, vMul(v128.load(a + o), v128.load(b + o), S, PV, M), S, PV);
  }
  let s = gAdd(i64x2.extract_lane(acc, 0), i64x2.extract_lane(acc, 1));
  if (rows & 1) {
    const o = pairs << 3;
    s = gAdd(s, gMul(load<u64>(a + o), load<u64>(b + o)));
  }
  return s;
}

/** Index of the first non-zero u64 among the first `rows` at a, or −1. */
export function firstNonZero(a: usize, rows: u32): i32 {
  const pairs = (<usize>rows) & ~(<usize>1);
  for (let r: usize = 0; r < pairs; r += 2) {
    if (v128.any_true(v128.load(a + (r << 3)))) {
      return load<u64>(a + (r << 3)) != 0 ? <i32>r : <i32>r + 1;
    }
  }
  if ((rows & 1) && load<u64>(a + (pairs << 3)) != 0) return <i32>pairs;
  return -1;
}

/** out[j] = w^bitrev(j) for j < 2^logB (bit reversal over logB bits); w = (wLo, wHi). */
export function bitrevPowers(out: usize, logB: u32, wLo: u32, wHi: u32): void {
  const n: usize = <usize>1 << logB;
  const w = (<u64>wHi << 32) | <u64>wLo;
  let x: u64 = 1;
  for (let j: usize = 0; j < n; j++) {
    const r: usize = logB == 0 ? 0 : <usize>(bitrev32(<u32>j) >>> (32 - logB));
    store<u64>(out + (r << 3), x);
    x = gMul(x, w);
  }
}

// @ts-ignore: decorator
@inline function bitrev32(x: u32): u32 {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return bswap<u32>(x);
}

/**
 * The row selectors of one block of the extended domain, in bit-reversed order. Row j of the block
 * is the point x_j = c·T[j] (T from bitrevPowers: the block's points are one coset of ⟨ω_B⟩).
 * Parameters (u64 at params): c, ω^(n−1), Z_H/n, Z_H·ω^(n−1)/n (Z_H = x^n − 1 is constant on a
 * block of at most n rows). Writes, where the address is non-zero:
 *   first[j] = Z_H / (n·(x_j − 1)),  last[j] = Z_H·ω^(n−1) / (n·(x_j − ω^(n−1))),
 *   trans[j] = x_j − ω^(n−1).
 * One inversion per block: 1/(x−1) and 1/(x−ω^(n−1)) both come from the batch inverse of their
 * product (Montgomery's trick, a dependent chain: scalar code). `work` holds `rows` u64.
 */
export function ldeSelectors(table: usize, rows: u32, params: usize, first: usize, last: usize, trans: usize, work: usize): void {
  const c = load<u64>(params);
  const wLast = load<u64>(params, 8);
  const zf = load<u64>(params, 16);
  const zl = load<u64>(params, 24);
  const n = <usize>rows;
  if (trans != 0) {
    for (let j: usize = 0; j < n; j++) store<u64>(trans + (j << 3), gSub(gMul(c, load<u64>(table + (j << 3))), wLast));
  }
  if (first == 0 && last == 0) return;
  // work[j] = Π_{k<j} u_k·v_k
  let acc: u64 = 1;
  for (let j: usize = 0; j < n; j++) {
    store<u64>(work + (j << 3), acc);
    const x = gMul(c, load<u64>(table + (j << 3)));
    acc = gMul(acc, gMul(gSub(x, 1), gSub(x, wLast)));
  }
  let inv = gInv(acc);
  for (let j = n; j > 0; ) {
    j--;
    const x = gMul(c, load<u64>(table + (j << 3)));
    const u = gSub(x, 1);
    const v = gSub(x, wLast);
    const invUV = gMul(inv, load<u64>(work + (j << 3)));
    inv = gMul(inv, gMul(u, v));
    if (first != 0) store<u64>(first + (j << 3), gMul(zf, gMul(v, invUV)));
    if (last != 0) store<u64>(last + (j << 3), gMul(zl, gMul(u, invUV)));
  }
}

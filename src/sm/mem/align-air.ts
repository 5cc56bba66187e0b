/**
 * MemAlign: proves every access of Main that is not an aligned 8-byte one — 1, 2 or 4 bytes, or 8
 * bytes at an unaligned address — one row per access, from the aligned words it reads (and for a
 * store writes at mem_step + 1) which Mem proves. Two instantiations of one template:
 *
 *   MemAlign          the access lies inside one word (o + w ≤ 8): widths 1, 2, 4;
 *   MemAlignStraddle  the access crosses into the next word (o + w > 8): widths 2, 4, 8.
 *
 * Columns (W = 1 or 2 words):
 *   addr      word address of the first word
 *   off[8]    one-hot byte offset o of the access in that word; sel = Σ off (0 on padding rows)
 *   width[3]  one-hot width
 *   wr        the access is a store
 *   step      mem_step of the access
 *   q[8W]     the old bytes of the words, rotated so the access starts at q[0]:
 *             q[k] = byte (o + k) mod 8W of the window (word 0 then word 1)
 *   v[..]     the value's bytes: loads v[k] = q[k] for k < w, 0 above (zero-extended); stores the bytes
 *             of Main's 64-bit value. W = 1 keeps 4 bytes and the high limb whole (vHigh): no
 *             width-≤4 access reads or writes it.
 *   nw[2W]    the words after the access (limbs): q with v[0..w) written over q[0..w), rotated back
 *
 * Store values: only the low w bytes are written; the other bytes of Main's value are carried to
 * the bus unchanged and may be anything (they are the rest of the register Main stores), as RISC-V's
 * sb/sh/sw ignore them. They do not reach memory: nw keeps the old bytes there.
 *
 * Interactions: prove `[1 + wr, 8·addr + o, step, w, value]` (sel); assume the read of each word
 * `[1, 8·(addr + j), step, 8, old]` (sel) and for stores the write `[2, 8·(addr + j), step + 1, 8, nw]`
 * (wr); byte checks of q and v in pairs. The aligned 8-byte case is refused (it is Mem's), and so is
 * an access in the wrong instantiation.
 *
 * Why not ZisK's design: ZisK's MemAlign runs a small program per access (MemAlignRom), one row per
 * word read, written or returned: 2 rows for a load inside a word, 3 for a store, 3 or 5 across two
 * words, each of ≈ 32 columns + ≈ 12 of LogUp (≈ 44). Here a load or store inside one word is one
 * row of 29 columns + 18 of LogUp (47: 0.53× ZisK's load, 0.36× its store); across two words one row
 * of 42 + 33 (75, against 132–220). No program table, and the planner counts accesses, not rows.
 */
import { defineAir, type Air, type AirBuilder, type ColumnCounts, type Expr } from '../../air/index.js';
import { MEMORY_BUS } from '../../bus/index.js';
import { assumeBytes } from '../range/index.js';
import { MEMORY_LOAD_OP, MEMORY_STORE_OP } from './mem-air.js';

type AnyBuilder = AirBuilder<ColumnCounts, ColumnCounts, ColumnCounts, ColumnCounts>;
type Group = Readonly<Record<string, Expr | readonly Expr[]>>;

/** The widths each instantiation proves, in the order of its width columns. */
export const ALIGN_WIDTHS: Readonly<Record<1 | 2, readonly number[]>> = { 1: [1, 2, 4], 2: [2, 4, 8] };

/** Value bytes held as columns: W = 1 holds 4 (and the high limb whole), W = 2 all 8. */
export function valueBytes(words: 1 | 2): number {
  return words === 1 ? 4 : 8;
}

function alignEval(b: AnyBuilder, words: 1 | 2): void {
  const m = b.main as Group;
  const addr = m['addr'] as Expr;
  const off = m['off'] as readonly Expr[];
  const width = m['width'] as readonly Expr[];
  const wr = m['wr'] as Expr;
  const step = m['step'] as Expr;
  const q = m['q'] as readonly Expr[];
  const v = m['v'] as readonly Expr[];
  const nw = m['nw'] as readonly Expr[];
  const widths = ALIGN_WIDTHS[words];
  const nv = valueBytes(words);
  const span = 8 * words;

  let sel: Expr = off[0]!;
  for (let o = 1; o < 8; o++) sel = sel.add(off[o]!);
  off.forEach((x, o) => b.assertBool(`off[${o}] is boolean`, x));
  width.forEach((x, j) => b.assertBool(`width ${widths[j]} is boolean`, x));
  b.assertBool('wr is boolean', wr);
  b.assertBool('at most one offset (sel is boolean)', sel);
  b.assertEq('one width on real rows, none on padding', width.reduce((s: Expr, x) => s.add(x), b.constant(0)), sel);
  b.assertZero('stores are real rows', wr.mul(sel.not()));

  // Which (offset, width) pairs belong here: inside one word, or across two.
  let wrongPlace: Expr = b.constant(0);
  for (let o = 0; o < 8; o++) {
    widths.forEach((w, j) => {
      const crosses = o + w > 8;
      if (crosses !== (words === 2)) wrongPlace = wrongPlace.add(off[o]!.mul(width[j]!));
    });
  }
  b.assertZero(words === 1 ? 'the access stays inside one word' : 'the access crosses into the next word', wrongPlace);

  // m_k = 1 when byte k of the value is accessed (k < w).
  const mask = (k: number): Expr => widths.reduce((s: Expr, w, j) => (w > k ? s.add(width[j]!) : s), b.constant(0));

  // Loads return the accessed bytes, zero-extended.
  for (let k = 0; k < nv; k++) b.assertZero(`a load returns byte ${k} of the access`, wr.not().mul(v[k]!.sub(mask(k).mul(q[k]!))));
  const vHigh = words === 1 ? (m['vHigh'] as Expr) : undefined;
  if (vHigh) b.assertZero('a load inside a word returns no high limb', wr.not().mul(vHigh));

  // Window byte i before (old) and after (new) the access: un-rotate q by the offset.
  const rotated = (k: number, bytes: (k: number) => Expr): Expr => bytes(((k % span) + span) % span);
  const newByte = (k: number): Expr => (k < nv ? q[k]!.add(mask(k).mul(v[k]!.sub(q[k]!))) : q[k]!);
  const windowByte = (i: number, bytes: (k: number) => Expr): Expr => {
    let e: Expr = b.constant(0);
    for (let o = 0; o < 8; o++) e = e.add(off[o]!.mul(rotated(i - o, bytes)));
    return e;
  };
  const limb = (j: number, t: number, bytes: (k: number) => Expr): Expr => {
    let e: Expr = b.constant(0);
    for (let k = 3; k >= 0; k--) e = e.mul(256).add(windowByte(8 * j + 4 * t + k, bytes));
    return e;
  };
  const old = (j: number, t: number) => limb(j, t, (k) => q[k]!);
  for (let j = 0; j < words; j++) {
    for (let t = 0; t < 2; t++) b.assertEq(`nw[${2 * j + t}] is word ${j} limb ${t} after the access`, nw[2 * j + t]!, limb(j, t, newByte));
  }

  // Interactions: degree-1 messages first, in pairs; the reads (degree 2) last, each alone.
  for (let k = 0; k < span; k += 2) assumeBytes(b, `q[${k}], q[${k + 1}] are bytes`, q[k]!, q[k + 1]!, sel);
  for (let k = 0; k < nv; k += 2) assumeBytes(b, `v[${k}], v[${k + 1}] are bytes`, v[k]!, v[k + 1]!, sel);
  const value = (t: number): Expr => {
    let e: Expr = b.constant(0);
    for (let k = 3; k >= 0; k--) e = e.mul(256).add(v[4 * t + k]!);
    return e;
  };
  let byteAddr: Expr = addr.mul(8);
  for (let o = 1; o < 8; o++) byteAddr = byteAddr.add(off[o]!.mul(o));
  const bytes = widths.reduce((s: Expr, w, j) => s.add(width[j]!.mul(w)), b.constant(0));
  b.permutationProves('the access Main makes', MEMORY_BUS, [wr.add(MEMORY_LOAD_OP), byteAddr, step, bytes, value(0), vHigh ?? value(1)], sel);
  for (let j = 0; j < words; j++) {
    b.permutationAssumes(`the write of word ${j}`, MEMORY_BUS, [MEMORY_STORE_OP, addr.add(j).mul(8), step.add(1), 8, nw[2 * j]!, nw[2 * j + 1]!], wr);
  }
  for (let j = 0; j < words; j++) {
    b.permutationAssumes(`the read of word ${j}`, MEMORY_BUS, [MEMORY_LOAD_OP, addr.add(j).mul(8), step, 8, old(j, 0), old(j, 1)], sel);
  }
}

function alignAir(words: 1 | 2): Air {
  const columns: ColumnCounts =
    words === 1
      ? { addr: 1, off: 8, width: 3, wr: 1, step: 1, q: 8, v: 4, vHigh: 1, nw: 2 }
      : { addr: 1, off: 8, width: 3, wr: 1, step: 1, q: 16, v: 8, nw: 4 };
  return defineAir({
    name: words === 1 ? 'MemAlign' : 'MemAlignStraddle',
    columns,
    eval: (b) => alignEval(b as unknown as AnyBuilder, words),
  }) as unknown as Air;
}

export const memAlignAir: Air = alignAir(1);
export const memAlignStraddleAir: Air = alignAir(2);

/** Column indices of a MemAlign AIR for witness builders (vHigh −1 when absent). */
export interface AlignLayout {
  readonly words: 1 | 2;
  readonly addr: number;
  readonly off: readonly number[];
  readonly width: readonly number[];
  readonly wr: number;
  readonly step: number;
  readonly q: readonly number[];
  readonly v: readonly number[];
  readonly vHigh: number;
  readonly nw: readonly number[];
}

export function alignLayout(air: Air): AlignLayout {
  const c = air.cols as Readonly<Record<string, number | readonly number[] | undefined>>;
  return {
    words: air === memAlignAir ? 1 : 2,
    addr: c['addr'] as number,
    off: c['off'] as readonly number[],
    width: c['width'] as readonly number[],
    wr: c['wr'] as number,
    step: c['step'] as number,
    q: c['q'] as readonly number[],
    v: c['v'] as readonly number[],
    vHigh: (c['vHigh'] as number | undefined) ?? -1,
    nw: c['nw'] as readonly number[],
  };
}

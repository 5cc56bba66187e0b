/**
 * The Mem AIR template (ZisK's mem.pil), instantiated once per region: `Mem` (RAM), `RomData` and
 * `InputData`. One row per aligned 8-byte access of the region, rows sorted by (word address,
 * mem_step); the AIR proves each access on the memory bus as `[op, 8·addr, mem_step, 8, lo, hi]`.
 *
 * Columns (all regions):
 *   addr         word address (byte address / 8)
 *   step         mem_step of the access
 *   sel          1 on real rows, 0 on padding (padding rows repeat the last row and send nothing)
 *   addrChanges  1 when the row's address differs from the previous row's
 *   l, h, x      the row's increment, l + 2^16·h + 2^32·x (16, 16 and 8 bits): when the address
 *                changes, addr − previous addr − 1; else step − previous step − 1, plus 1 for a
 *                read (reads of one word may share a step, writes may not)
 * and per region:
 *   Mem:       value[2] (32-bit limbs), wr (the access is a write), readSame = (1 − addrChanges)·(1 − wr)
 *   RomData:   value[2]
 *   InputData: half[4] (16-bit pieces of the value, range-checked: the value is free), freeRead
 *
 * The value rules: a read of an unchanged address keeps the value; Mem's first access of a word is a
 * write or reads 0; RomData's first access of a word reads the program's data (a lookup into
 * RomDataTable); InputData's first access is free, and its first word (the free-input slot) may
 * read a new value on every row marked freeRead.
 *
 * Continuations: instances cut the address axis. Each assumes on MEMORY_CONTINUATION_BUS the state
 * its predecessor ended with, `[base, segment, isFirst, addr, step, lo, hi]` (air values prev*), and
 * proves its own last row's state `[base, segment + 1, 0, …]` (air values last*), except the last
 * instance. The first instance's predecessor is the verifier's global term
 * `[base, 0, 1, baseWord − 1, 0, 0, 0]`: only an instance with isFirst = 1 can take it, and such an
 * instance must start at a new address, so ≥ baseWord. Counting the messages shows there is exactly
 * one chain, from that term to one last instance. Every instance checks prevAddr ≥ baseWord − 1
 * and lastAddr ≤ endWord, so with positive increments every address is inside the region.
 *
 * Soundness of the ordering needs the sum of one instance's increments to stay below p: at most
 * 2^23 rows of 2^40 each. Mem-family instances must not exceed 2^23 rows.
 *
 * Differences from ZisK: increments of 40 bits (ZisK: 22 + 16) make ZisK's intermediate rows for
 * far-apart accesses unnecessary (every mem_step is below 2^38); RomData's first read of a word is
 * looked up in a program-committed table instead of matching a BIOS write (our BIOS does not copy
 * read-only data); no "dual" rows (two accesses per row); addresses are not forced consecutive.
 */
import { defineAir, type Air, type AirBuilder, type ColumnCounts, type ConstraintSink, type Expr, type ExprLike } from '../../air/index.js';
import { MEMORY_BUS, MEMORY_CONTINUATION_BUS } from '../../bus/index.js';
import { assumeRange } from '../range/index.js';
import { REGIONS, type Region } from './regions.js';

export const MEMORY_LOAD_OP = 1;
export const MEMORY_STORE_OP = 2;

/**
 * RomData's first read of a word looks up `[addr, lo, hi]` here; RomDataTable proves the program's
 * read-only data, one word per row.
 */
export const ROM_DATA_BUS = 12;

const AIR_VALUES = {
  segment: 1,
  isFirst: 1,
  isLast: 1,
  prevAddr: 1,
  prevStep: 1,
  prevValue: 2,
  lastAddr: 1,
  lastStep: 1,
  lastValue: 2,
  /** prevAddr − (baseWord − 1) = baseDist[0] + 2^16·baseDist[1]. */
  baseDist: 2,
  /** endWord − lastAddr = endDist[0] + 2^16·endDist[1]. */
  endDist: 2,
} as const;

const COMMON = { addr: 1, step: 1, sel: 1, addrChanges: 1, l: 1, h: 1, x: 1 } as const;
const COLUMNS = {
  ram: { ...COMMON, value: 2, wr: 1, readSame: 1 },
  rom: { ...COMMON, value: 2 },
  input: { ...COMMON, half: 4, freeRead: 1 },
} as const;

type AnyBuilder = AirBuilder<ColumnCounts, ColumnCounts, ColumnCounts, ColumnCounts>;
type Group = Readonly<Record<string, Expr | readonly Expr[]>>;
const one = (g: Group, name: string): Expr => g[name] as Expr;
const many = (g: Group, name: string): readonly Expr[] => g[name] as readonly Expr[];

/** A row's state as the ordering rules see it. */
interface State {
  readonly addr: ExprLike;
  readonly step: ExprLike;
  readonly value: readonly [ExprLike, ExprLike];
}

interface Row extends State {
  readonly addr: Expr;
  readonly step: Expr;
  readonly addrChanges: Expr;
  /** 1 for a write (Mem only). */
  readonly wr: Expr | 0;
  /** The selector under which the value must equal the previous row's. */
  readonly keep: Expr;
  readonly increment: Expr;
}

function rowOf(g: Group, region: Region): Row {
  const addrChanges = one(g, 'addrChanges');
  const increment = one(g, 'l').add(one(g, 'h').mul(1 << 16)).add(one(g, 'x').mul(2 ** 32));
  let value: readonly [Expr, Expr];
  let wr: Expr | 0 = 0;
  let keep: Expr;
  if (region.kind === 'input') {
    const half = many(g, 'half');
    value = [half[0]!.add(half[1]!.mul(1 << 16)), half[2]!.add(half[3]!.mul(1 << 16))];
    keep = addrChanges.not().sub(one(g, 'freeRead'));
  } else {
    const v = many(g, 'value');
    value = [v[0]!, v[1]!];
    if (region.kind === 'ram') {
      wr = one(g, 'wr');
      keep = one(g, 'readSame');
    } else {
      keep = addrChanges.not();
    }
  }
  return { addr: one(g, 'addr'), step: one(g, 'step'), value, addrChanges, wr, keep, increment };
}

/**
 * The rules between a row and its predecessor (the previous row, or on the first row the state the
 * previous instance ended with). Each is of degree ≤ 2, so that scoped to the first row it stays ≤ 3.
 */
function ordering(b: AnyBuilder, s: ConstraintSink, prev: State, cur: Row, where: string): void {
  const ac = cur.addrChanges;
  s.assertZero(`an unchanged address equals the previous one (${where})`, ac.not().mul(cur.addr.sub(prev.addr)));
  // Reads may share a step with the previous access of the word; writes must come later.
  const dStep = cur.step.sub(prev.step).add(cur.wr === 0 ? 1 : cur.wr.not());
  const dAddr = cur.addr.sub(prev.addr);
  s.assertEq(`increment + 1 is the address or step distance (${where})`, cur.increment.add(1), ac.mul(dAddr.sub(dStep)).add(dStep));
  for (let i = 0; i < 2; i++) {
    s.assertZero(`a read of the same word keeps its value, limb ${i} (${where})`, cur.keep.mul(b.constant(cur.value[i]!).sub(prev.value[i]!)));
  }
}

function memEval(b: AnyBuilder, region: Region): void {
  const m = b.main as Group;
  const av = b.airValues as Group;
  const cur = rowOf(m, region);
  const next = rowOf(b.next as Group, region);
  const sel = one(m, 'sel');
  const segment = one(av, 'segment');
  const isFirst = one(av, 'isFirst');
  const isLast = one(av, 'isLast');
  const prevValue = many(av, 'prevValue');
  const lastValue = many(av, 'lastValue');
  const baseDist = many(av, 'baseDist');
  const endDist = many(av, 'endDist');
  const prev: State = { addr: one(av, 'prevAddr'), step: one(av, 'prevStep'), value: [prevValue[0]!, prevValue[1]!] };

  // Per-instance values.
  b.assertBool('isFirst is boolean', isFirst);
  b.assertBool('isLast is boolean', isLast);
  b.assertZero('the first instance is segment 0', isFirst.mul(segment));
  b.assertEq('baseDist splits prevAddr − (baseWord − 1)', one(av, 'prevAddr').sub(region.baseWord - 1), baseDist[0]!.add(baseDist[1]!.mul(1 << 16)));
  b.assertEq('endDist splits endWord − lastAddr', b.constant(region.endWord).sub(one(av, 'lastAddr')), endDist[0]!.add(endDist[1]!.mul(1 << 16)));

  // Row flags.
  b.assertBool('sel is boolean', sel);
  b.assertBool('addrChanges is boolean', cur.addrChanges);
  if (region.kind === 'ram') {
    const wr = cur.wr as Expr;
    b.assertBool('wr is boolean', wr);
    b.assertZero('every write is sent (no silent writes)', wr.mul(sel.not()));
    b.assertEq('readSame = (1 − addrChanges)·(1 − wr)', cur.keep, cur.addrChanges.not().mul(wr.not()));
    for (let i = 0; i < 2; i++) {
      b.assertZero(`the first access of a word writes or reads 0, limb ${i}`, cur.addrChanges.mul(wr.not()).mul(cur.value[i]!));
    }
  }
  if (region.kind === 'input') {
    const freeRead = one(m, 'freeRead');
    b.assertBool('freeRead is boolean', freeRead);
    b.assertZero('only the free-input slot reads free values', freeRead.mul(cur.addr.sub(region.baseWord)));
  }

  // Order and values: between rows, and from the previous instance's last state to row 0.
  ordering(b, b.whenTransition(), cur, next, 'row to next row');
  ordering(b, b.whenFirstRow(), prev, cur, 'previous instance to row 0');
  b.whenFirstRow().assertZero('the first instance starts at a new address', isFirst.mul(cur.addrChanges.not()));

  // The last row is the state handed to the next instance.
  const last = b.whenLastRow();
  last.assertEq('lastAddr is the last row\'s address', cur.addr, one(av, 'lastAddr'));
  last.assertEq('lastStep is the last row\'s step', cur.step, one(av, 'lastStep'));
  for (let i = 0; i < 2; i++) last.assertEq(`lastValue[${i}] is the last row's value`, cur.value[i]!, lastValue[i]!);

  // Interactions. Declaration order sets the LogUp grouping: the per-instance messages (degree-0
  // values) ride along with the first two range checks.
  for (let i = 0; i < 2; i++) assumeRange(b, `baseDist[${i}] is 16-bit`, 16, baseDist[i]!, b.isFirstRow);
  for (let i = 0; i < 2; i++) assumeRange(b, `endDist[${i}] is 16-bit`, 16, endDist[i]!, b.isFirstRow);
  // The third value marks the verifier's initial state: only the instance that takes it is first
  // (and so must start at a new address); every instance hands on a state marked 0.
  b.permutationAssumes('the previous instance\'s last state', MEMORY_CONTINUATION_BUS, [region.base, segment, isFirst, prev.addr, prev.step, prev.value[0], prev.value[1]], b.isFirstRow);
  b.permutationProves('this instance\'s last state, for the next', MEMORY_CONTINUATION_BUS, [region.base, segment.add(1), 0, one(av, 'lastAddr'), one(av, 'lastStep'), lastValue[0]!, lastValue[1]!], b.isFirstRow.mul(isLast.not()));
  assumeRange(b, 'increment bits 0..15', 16, one(m, 'l'));
  assumeRange(b, 'increment bits 16..31', 16, one(m, 'h'));
  assumeRange(b, 'increment bits 32..39', 8, one(m, 'x'));
  const op = cur.wr === 0 ? MEMORY_LOAD_OP : cur.wr.add(MEMORY_LOAD_OP);
  b.permutationProves('the access', MEMORY_BUS, [op, cur.addr.mul(8), cur.step, 8, cur.value[0], cur.value[1]], sel);
  if (region.kind === 'rom') {
    b.lookupAssumes('the first read of a word is the program\'s data', ROM_DATA_BUS, [cur.addr, cur.value[0], cur.value[1]], cur.addrChanges);
  }
  if (region.kind === 'input') {
    many(m, 'half').forEach((h, i) => assumeRange(b, `value half ${i} is 16-bit`, 16, h));
  }
}

/**
 * The tallest memory instance: the ordering argument sums one instance's increments (each below
 * 2^40), which must stay below the field's size.
 */
export const MAX_MEM_LOG_ROWS = 23;

function memAir(region: Region): Air {
  return defineAir({
    name: region.name,
    columns: COLUMNS[region.kind],
    airValues: AIR_VALUES,
    maxLogRows: MAX_MEM_LOG_ROWS,
    eval: (b) => memEval(b as unknown as AnyBuilder, region),
  }) as unknown as Air;
}

/** Mem, RomData, InputData: indexed like REGIONS. */
export const MEM_AIRS: readonly Air[] = REGIONS.map(memAir);

/** Column and air-value indices of a memory AIR, for witness builders (−1: absent in this region). */
export interface MemLayout {
  readonly addr: number;
  readonly step: number;
  readonly sel: number;
  readonly addrChanges: number;
  readonly l: number;
  readonly h: number;
  readonly x: number;
  readonly value: readonly number[];
  readonly wr: number;
  readonly readSame: number;
  readonly half: readonly number[];
  readonly freeRead: number;
  readonly av: Readonly<Record<keyof typeof AIR_VALUES, number | readonly number[]>>;
}

export function memLayout(air: Air): MemLayout {
  const c = air.cols as Readonly<Record<string, number | readonly number[] | undefined>>;
  const n = (k: string) => (c[k] as number | undefined) ?? -1;
  const a = (k: string) => (c[k] as readonly number[] | undefined) ?? [];
  return {
    addr: n('addr'),
    step: n('step'),
    sel: n('sel'),
    addrChanges: n('addrChanges'),
    l: n('l'),
    h: n('h'),
    x: n('x'),
    value: a('value'),
    wr: n('wr'),
    readSame: n('readSame'),
    half: a('half'),
    freeRead: n('freeRead'),
    av: air.airValueIndex as MemLayout['av'],
  };
}

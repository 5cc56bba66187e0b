/**
 * The memory family as one ComponentBuilder: one counter sees every memory message once; the plan
 * holds, in this order, the Mem, RomData and InputData instances (address cuts), the MemAlign and
 * MemAlignStraddle instances (access counts) and, when RomData is used, the RomDataTable.
 */
import type { Air, GlobalBusTerm } from '../../air/index.js';
import { MEMORY_CONTINUATION_BUS } from '../../bus/index.js';
import type { ChunkCount, ComponentBuilder, Instance, PlanContext, ProofPublics } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { checkPointOf, planByCount, type ChunkId, type ChunkSlice, type Plan } from '../../planner/index.js';
import type { ZiskRom } from '../../zisk/index.js';
import { ALIGN_ONE_WORD, ALIGN_TWO_WORDS } from './access.js';
import { memAlignAir, memAlignStraddleAir } from './align-air.js';
import { alignWitness } from './align-witness.js';
import { AccessList, AlignCollector, MemCollector } from './collector.js';
import { MemCounter, type MemCounts } from './counter.js';
import { MAX_MEM_LOG_ROWS, MEM_AIRS } from './mem-air.js';
import { memWitness, type StartState } from './mem-witness.js';
import { fitLogRows, planByAddress, type MemInstancePlan } from './planner.js';
import { REGION_ROM, REGIONS } from './regions.js';
import { romDataLogRows, romDataProgramColumns, romDataTableAir, romDataWords, romSpan } from './rom-data.js';

export { MAX_MEM_LOG_ROWS };

export type MemPlanMeta =
  | { readonly kind: 'mem'; readonly region: number; readonly isLast: boolean; readonly plan: MemInstancePlan }
  | { readonly kind: 'align'; readonly words: 1 | 2; readonly slices: readonly ChunkSlice[]; readonly rows: number }
  | { readonly kind: 'romTable' };

const ALIGN_AIRS = { 1: memAlignAir, 2: memAlignStraddleAir } as const;

/** The global initial state of a region's chain: the word below its first, step 0, value 0. */
export function initialState(region: number): StartState {
  return { addr: REGIONS[region]!.baseWord - 1, step: 0, lo: 0, hi: 0 };
}

function planMem(counts: readonly ChunkCount<MemCounts>[], ctx: PlanContext): Plan<MemPlanMeta>[] {
  const plans: Plan<MemPlanMeta>[] = [];
  for (const region of REGIONS) {
    const air = MEM_AIRS[region.index]!;
    const perChunk = counts.map((c) => ({ chunk: c.chunk, count: c.data.regions[region.index]! })).filter((c) => c.count.words.length > 0);
    if (perChunk.length === 0) continue;
    const logRows = ctx.logRowsOf(air);
    if (logRows > MAX_MEM_LOG_ROWS) throw new RangeError(`${air.name}: 2^${logRows} rows per instance; the ordering argument allows at most 2^${MAX_MEM_LOG_ROWS}`);
    const instances = planByAddress(perChunk, 2 ** logRows);
    instances.forEach((p, segment) => {
      const isLast = segment === instances.length - 1;
      plans.push({
        air,
        segment,
        instanceType: 'instance',
        checkPoint: checkPointOf(p.slices.map((s) => s.chunk)),
        logRows: isLast ? fitLogRows(p.rows, logRows) : logRows,
        rows: p.rows,
        meta: { kind: 'mem', region: region.index, isLast, plan: p },
      });
    });
    if (region.index === REGION_ROM) {
      plans.push({ air: romDataTableAir, segment: 0, instanceType: 'table', checkPoint: { kind: 'none' }, logRows: romDataLogRows(romSpan(ctx.rom)), meta: { kind: 'romTable' } });
    }
  }
  for (const words of [1, 2] as const) {
    const air = ALIGN_AIRS[words];
    const logRows = ctx.logRowsOf(air);
    const sliced = planByCount(counts.map((c) => ({ chunk: c.chunk, count: words === 1 ? c.data.align : c.data.straddle })), 2 ** logRows);
    sliced.forEach((slices, segment) => {
      const rows = slices.reduce((s, x) => s + x.take, 0);
      plans.push({
        air,
        segment,
        instanceType: 'instance',
        checkPoint: checkPointOf(slices.map((s) => s.chunk)),
        logRows: segment === sliced.length - 1 ? fitLogRows(rows, logRows) : logRows,
        rows,
        meta: { kind: 'align', words, slices, rows },
      });
    });
  }
  // Tables last among this family's plans (they are built last anyway).
  return [...plans.filter((p) => p.instanceType === 'instance'), ...plans.filter((p) => p.instanceType === 'table')];
}

/** The read-only words of a ROM, computed once per ROM. */
const romWords = new WeakMap<ZiskRom, ReturnType<typeof romDataWords> & { firstWord: number; logRows: number }>();
function romDataOf(rom: ZiskRom) {
  let d = romWords.get(rom);
  if (!d) {
    const span = romSpan(rom);
    d = { ...romDataWords(rom, span), firstWord: span.firstWord, logRows: romDataLogRows(span) };
    romWords.set(rom, d);
  }
  return d;
}

function memInstance(plan: Plan<MemPlanMeta>, meta: Extract<MemPlanMeta, { kind: 'mem' }>): Instance {
  const region = REGIONS[meta.region]!;
  const p = meta.plan;
  const label = `${plan.air.name} #${plan.segment}`;
  const sliceOf = (chunk: ChunkId) => {
    const s = p.slices.find((x) => x.chunk === chunk);
    if (!s) throw new Error(`${label}: chunk ${chunk} is not in its checkpoint`);
    return s;
  };
  return {
    instanceType: 'instance',
    checkPoint: () => plan.checkPoint,
    buildInputsCollector: (chunk) =>
      new MemCollector(p.fromAddr, p.toAddr, sliceOf(chunk), p.previous.kind === 'collect' && p.previous.chunk === chunk),
    computeWitness({ rom, collectors, tables }) {
      const mine = collectors.map((c) => c as MemCollector);
      let start: StartState;
      const prev = p.previous;
      if (prev.kind === 'init') start = initialState(region.index);
      else if (prev.kind === 'known') start = prev;
      else {
        const c = mine[p.slices.findIndex((s) => s.chunk === prev.chunk)]?.previous;
        if (!c) throw new Error(`${label}: the previous instance's last access was not found in chunk ${prev.chunk}`);
        start = { addr: p.fromAddr, ...c };
      }
      let romData;
      if (region.kind === 'rom') {
        const d = romDataOf(rom);
        romData = { firstWord: d.firstWord, lo: d.lo, hi: d.hi, counts: tables.of(romDataTableAir, 2 ** d.logRows) };
      }
      const accesses = AccessList.concat(mine.map((c) => c.accesses));
      if (accesses.n !== p.rows) throw new Error(`${label}: collected ${accesses.n} accesses, the plan has ${p.rows}`);
      return memWitness({ air: plan.air, region, logRows: plan.logRows, segment: plan.segment, isLast: meta.isLast, start, accesses, tables, romData, label });
    },
    debug: () => `${label}: 2^${plan.logRows} rows, ${p.rows} accesses, words 0x${(p.fromAddr * 8).toString(16)}–0x${(p.toAddr * 8).toString(16)}, ${p.slices.length} chunks`,
    reset() {},
  };
}

function alignInstance(plan: Plan<MemPlanMeta>, meta: Extract<MemPlanMeta, { kind: 'align' }>): Instance {
  const label = `${plan.air.name} #${plan.segment}`;
  const kind = meta.words === 1 ? ALIGN_ONE_WORD : ALIGN_TWO_WORDS;
  return {
    instanceType: 'instance',
    checkPoint: () => plan.checkPoint,
    buildInputsCollector: (chunk) => {
      const s = meta.slices.find((x) => x.chunk === chunk);
      if (!s) throw new Error(`${label}: chunk ${chunk} is not in its checkpoint`);
      return new AlignCollector(kind, s);
    },
    computeWitness({ collectors, tables }) {
      return alignWitness({ air: plan.air, logRows: plan.logRows, collectors: collectors.map((c) => c as AlignCollector), tables, label });
    },
    debug: () => `${label}: 2^${plan.logRows} rows, ${meta.rows} accesses, ${meta.slices.length} chunks`,
    reset() {},
  };
}

function romTableInstance(plan: Plan<MemPlanMeta>): Instance {
  return {
    instanceType: 'table',
    checkPoint: () => plan.checkPoint,
    buildInputsCollector: () => undefined,
    computeWitness({ rom, tables }) {
      const program = romDataProgramColumns(rom);
      const trace = new Matrix(1, program.height);
      const counts = tables.get(romDataTableAir);
      if (counts) counts.forEach((c, r) => trace.setU32(r, 0, c));
      return { air: romDataTableAir, trace, program, label: 'RomDataTable' };
    },
    debug: () => `RomDataTable: 2^${plan.logRows} rows`,
    reset() {},
  };
}

/** The global terms: each region's chain starts from the verifier's initial state, if the region is used. */
export function memGlobalTerms(publics: ProofPublics): GlobalBusTerm[] {
  const counts = publics.instanceCounts;
  if (!counts) throw new Error('the memory family\'s global terms need publics.instanceCounts (which memory AIRs the proof instantiates)');
  const terms: GlobalBusTerm[] = [];
  for (const region of REGIONS) {
    if (!((counts[region.name] ?? 0) > 0)) continue;
    const s = initialState(region.index);
    terms.push({
      label: `${region.name} starts from the initial state`,
      bus: MEMORY_CONTINUATION_BUS,
      values: [BigInt(region.base), 0n, 1n, BigInt(s.addr), 0n, 0n, 0n],
      multiplicity: 1n,
    });
  }
  return terms;
}

export const memComponent: ComponentBuilder<MemCounts, MemPlanMeta> = {
  name: 'mem',
  airs: [...MEM_AIRS, memAlignAir, memAlignStraddleAir, romDataTableAir] as readonly Air[],
  defaultLogRows: { Mem: 22, RomData: 21, InputData: 21, MemAlign: 21, MemAlignStraddle: 18 },
  buildCounter: () => new MemCounter(),
  plan: planMem,
  buildInstance({ plan }) {
    const meta = plan.meta;
    switch (meta.kind) {
      case 'mem': return memInstance(plan, meta);
      case 'align': return alignInstance(plan, meta);
      case 'romTable': return romTableInstance(plan);
    }
  },
  globalTerms: memGlobalTerms,
};

/**
 * The Binary family as the executor sees it: one counter per chunk (basic, add and extension
 * operations), one planner for the three AIRs and the table, collectors that follow their slices,
 * and the instances' witness builders.
 */
import type { Air, AirInstance } from '../../air/index.js';
import { OP, OPERATION_BUS, type BusDevice } from '../../bus/index.js';
import type { ChunkCount, Collector, ComponentBuilder, Counter, Instance, PlanContext } from '../../executor/index.js';
import { checkPointOf, fitLogRows, planByCount, SliceCursor, takenBy, type ChunkId, type ChunkSlice, type Plan } from '../../planner/index.js';
import { OPS, OP_ADD, OP_TYPE_BINARY, OP_TYPE_BINARY_E } from '../../zisk/index.js';
import { binaryAddAir, binaryAddTrace } from './add.js';
import { binaryAir, binaryTrace } from './basic.js';
import { OP_INFO_INDEX } from './classes.js';
import { EXTENSION_COLUMN_OF_OP } from './extension-classes.js';
import { binaryExtensionAir, binaryExtensionTrace } from './extension.js';
import { OperationList, totalLength } from './operations.js';
import { binaryTableAir, binaryTableFixed, binaryTableTrace, TABLE_LOG_ROWS } from './table.js';

/** What an operation message is to this family. */
export const KIND_NONE = 0;
export const KIND_BASIC = 1;
export const KIND_ADD = 2;
export const KIND_EXTENSION = 3;

/** Kind of each opcode. Built from the op table: every op of type Binary/BinaryE must be provable here. */
export const KIND_OF_OP: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const op of OPS) {
    if (op.opType === OP_TYPE_BINARY) {
      if (OP_INFO_INDEX[op.code]! < 0) throw new Error(`Binary: op ${op.name} (0x${op.code.toString(16)}) has op type Binary but no row in Binary's op table`);
      t[op.code] = op.code === OP_ADD ? KIND_ADD : KIND_BASIC;
    } else if (op.opType === OP_TYPE_BINARY_E) {
      if (EXTENSION_COLUMN_OF_OP[op.code]! < 0) throw new Error(`BinaryExtension: op ${op.name} has op type BinaryE but no table column`);
      t[op.code] = KIND_EXTENSION;
    }
  }
  return t;
})();

/** One chunk's operations, by kind. */
export interface BinaryCounts {
  readonly basic: number;
  readonly add: number;
  readonly extension: number;
}

class BinaryCounter implements Counter<BinaryCounts>, BusDevice {
  readonly busIds = [OPERATION_BUS];
  private readonly n = [0, 0, 0, 0];
  processData(_bus: number, d: Uint32Array): boolean {
    this.n[KIND_OF_OP[d[OP.op]! & 255]!]!++;
    return true;
  }
  result(): BinaryCounts {
    return { basic: this.n[KIND_BASIC]!, add: this.n[KIND_ADD]!, extension: this.n[KIND_EXTENSION]! };
  }
}

/** What each Binary-family plan carries. */
export type BinaryMeta =
  | { readonly kind: 'basic'; readonly slices: readonly ChunkSlice[]; readonly withAdds: boolean }
  | { readonly kind: 'add'; readonly slices: readonly ChunkSlice[] }
  | { readonly kind: 'extension'; readonly slices: readonly ChunkSlice[] }
  | { readonly kind: 'table' };

/**
 * Collects one instance's operations from one chunk: the messages of its kinds (a bit mask), after
 * skipping those earlier instances took.
 */
class OperationCollector implements Collector, BusDevice {
  readonly busIds = [OPERATION_BUS];
  readonly list: OperationList;
  private readonly cursor: SliceCursor;
  constructor(slice: ChunkSlice, private readonly kinds: number) {
    this.cursor = new SliceCursor(slice);
    this.list = new OperationList(slice.take);
  }
  processData(_bus: number, d: Uint32Array): boolean {
    const op = d[OP.op]! & 255;
    if (((this.kinds >> KIND_OF_OP[op]!) & 1) === 0) return true;
    if (this.cursor.accept()) this.list.push(op, d[OP.aLo]!, d[OP.aHi]!, d[OP.bLo]!, d[OP.bHi]!);
    return !this.cursor.done;
  }
}

/** Cells an AIR pays for `ops` operations: whole instances × (trace + LogUp columns). */
export function planCost(air: Air, ops: number, logRows: number): number {
  if (ops === 0) return 0;
  const rows = 2 ** logRows;
  return Math.ceil(ops / rows) * rows * (air.width + air.stage2Width);
}

/**
 * ZisK's rule: adds go to BinaryAdd only when Binary for the other ops plus BinaryAdd for the adds
 * costs fewer cells than Binary for everything (instances are padded, so this depends on sizes).
 */
export function useBinaryAdd(basic: number, add: number, logRowsBinary: number, logRowsAdd: number): boolean {
  const together = planCost(binaryAir, basic + add, logRowsBinary);
  const apart = planCost(binaryAir, basic, logRowsBinary) + planCost(binaryAddAir, add, logRowsAdd);
  return apart < together;
}

const BASIC = 1 << KIND_BASIC;
const ADD = 1 << KIND_ADD;
const EXTENSION = 1 << KIND_EXTENSION;

function instancePlans<M>(air: Air, counts: readonly { chunk: ChunkId; count: number }[], logRows: number, meta: (slices: readonly ChunkSlice[]) => M): Plan<M>[] {
  return planByCount(counts, 2 ** logRows).map((slices, segment, all) => ({
    air,
    segment,
    instanceType: 'instance' as const,
    checkPoint: checkPointOf(slices.map((s) => s.chunk)),
    // Every instance but the last is full; the last shrinks to the operations it holds.
    logRows: segment === all.length - 1 ? fitLogRows(takenBy(slices), logRows) : logRows,
    rows: takenBy(slices),
    meta: meta(slices),
  }));
}

function plan(counts: readonly ChunkCount<BinaryCounts>[], ctx: PlanContext): Plan<BinaryMeta>[] {
  const logBasic = ctx.logRowsOf(binaryAir);
  const logAdd = ctx.logRowsOf(binaryAddAir);
  const logExt = ctx.logRowsOf(binaryExtensionAir);
  let basic = 0;
  let add = 0;
  for (const c of counts) {
    basic += c.data.basic;
    add += c.data.add;
  }
  const withAddAir = useBinaryAdd(basic, add, logBasic, logAdd);
  const plans: Plan<BinaryMeta>[] = [
    ...instancePlans(binaryExtensionAir, counts.map((c) => ({ chunk: c.chunk, count: c.data.extension })), logExt, (slices): BinaryMeta => ({ kind: 'extension', slices })),
    ...(withAddAir ? instancePlans(binaryAddAir, counts.map((c) => ({ chunk: c.chunk, count: c.data.add })), logAdd, (slices): BinaryMeta => ({ kind: 'add', slices })) : []),
    ...instancePlans(
      binaryAir,
      counts.map((c) => ({ chunk: c.chunk, count: c.data.basic + (withAddAir ? 0 : c.data.add) })),
      logBasic,
      (slices): BinaryMeta => ({ kind: 'basic', slices, withAdds: !withAddAir }),
    ),
  ];
  const usesTable = plans.some((p) => p.air !== binaryAddAir);
  if (usesTable) plans.push({ air: binaryTableAir, segment: 0, instanceType: 'table', checkPoint: { kind: 'none' }, logRows: TABLE_LOG_ROWS, meta: { kind: 'table' } });
  return plans;
}

function operationInstance(plan: Plan<BinaryMeta>): Instance {
  const meta = plan.meta;
  if (meta.kind === 'table') throw new Error('operationInstance: table plan');
  const kinds = meta.kind === 'extension' ? EXTENSION : meta.kind === 'add' ? ADD : meta.withAdds ? BASIC | ADD : BASIC;
  const name = plan.air.name;
  const label = (n: number) => `${name} #${plan.segment} (${n} ops)`;
  return {
    instanceType: 'instance',
    checkPoint: () => plan.checkPoint,
    buildInputsCollector(chunk) {
      const slice = meta.slices.find((s) => s.chunk === chunk);
      if (!slice) throw new Error(`${name} #${plan.segment} has no slice of chunk ${chunk}`);
      return new OperationCollector(slice, kinds);
    },
    computeWitness({ collectors, tables }): AirInstance {
      const lists = collectors.map((c, i) => {
        if (!(c instanceof OperationCollector)) throw new Error(`${name} #${plan.segment}: no collector for its chunk #${i}`);
        if (c.list.length !== c.list.capacity) throw new Error(`${name} #${plan.segment}: chunk #${i} gave ${c.list.length} operations, the plan counted ${c.list.capacity}`);
        return c.list;
      });
      const trace = meta.kind === 'extension'
        ? binaryExtensionTrace(lists, plan.logRows, tables)
        : meta.kind === 'add'
          ? binaryAddTrace(lists, plan.logRows, tables)
          : binaryTrace(lists, plan.logRows, tables);
      return { air: plan.air, trace, label: label(totalLength(lists)) };
    },
    debug: () => `${name} #${plan.segment}: 2^${plan.logRows} rows, ${meta.slices.reduce((n, s) => n + s.take, 0)} ops, chunks ${meta.slices.map((s) => s.chunk).join(', ')}`,
    reset() {},
  };
}

function tableInstance(plan: Plan<BinaryMeta>): Instance {
  return {
    instanceType: 'table',
    checkPoint: () => plan.checkPoint,
    buildInputsCollector: () => undefined,
    computeWitness({ tables }): AirInstance {
      return { air: plan.air, trace: binaryTableTrace(tables.get(plan.air)), fixed: binaryTableFixed(), label: 'BinaryTable' };
    },
    debug: () => `BinaryTable: 2^${TABLE_LOG_ROWS} rows`,
    reset() {},
  };
}

export const binaryComponent: ComponentBuilder<BinaryCounts, BinaryMeta> = {
  name: 'binary',
  airs: [binaryAir, binaryAddAir, binaryExtensionAir, binaryTableAir],
  defaultLogRows: { Binary: 19, BinaryAdd: 20, BinaryExtension: 19 },
  buildCounter: () => new BinaryCounter(),
  plan,
  buildInstance: ({ plan: p }) => (p.meta.kind === 'table' ? tableInstance(p) : operationInstance(p)),
};

/**
 * The Arith family in the executor: a counter per chunk (its Arith operations), instances of
 * `2^logRows` operations filled in chunk order (`planByCount`), collectors that take each
 * instance's slice of a chunk, the ArithTable instance when anything was planned, and the
 * remainder-check generator.
 */
import type { BusDevice } from '../../bus/index.js';
import { OP, OPERATION_BUS } from '../../bus/index.js';
import type { ComponentBuilder, Counter, Instance } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { checkPointOf, fitLogRows, planByCount, SliceCursor, takenBy, type ChunkSlice, type Plan } from '../../planner/index.js';
import { OP_TYPE_ARITH } from '../../zisk/index.js';
import { arithAir } from './air.js';
import { RemainderCheckGenerator } from './remainder.js';
import { ARITH_TABLE_LOG_ROWS, ARITH_TABLE_ROWS, arithTableAir } from './table.js';
import { buildArithTrace, type OperationList } from './witness.js';

/** Rows (log2) of an Arith instance unless configured (`ExecutorOptions.logRows.Arith`). */
export const ARITH_DEFAULT_LOG_ROWS = 18;

/** Counts a chunk's Arith operations (derived operations are Binary's, not counted). */
export class ArithCounter implements Counter<number>, BusDevice {
  readonly busIds = [OPERATION_BUS];
  private n = 0;
  processData(_busId: number, data: Uint32Array): boolean {
    if (data[OP.opType] === OP_TYPE_ARITH) this.n++;
    return true;
  }
  result(): number {
    return this.n;
  }
}

/** A growable list of operations (typed arrays), filled by a collector. */
export class OperationBuffer implements OperationList {
  length = 0;
  op: Uint8Array;
  aLo: Uint32Array;
  aHi: Uint32Array;
  bLo: Uint32Array;
  bHi: Uint32Array;
  cLo: Uint32Array;
  cHi: Uint32Array;
  flag: Uint8Array;

  constructor(capacity = 16) {
    const n = Math.max(1, capacity);
    this.op = new Uint8Array(n);
    this.aLo = new Uint32Array(n);
    this.aHi = new Uint32Array(n);
    this.bLo = new Uint32Array(n);
    this.bHi = new Uint32Array(n);
    this.cLo = new Uint32Array(n);
    this.cHi = new Uint32Array(n);
    this.flag = new Uint8Array(n);
  }

  push(op: number, aLo: number, aHi: number, bLo: number, bHi: number, cLo: number, cHi: number, flag: number): void {
    if (this.length === this.op.length) this.grow();
    const i = this.length++;
    this.op[i] = op;
    this.aLo[i] = aLo;
    this.aHi[i] = aHi;
    this.bLo[i] = bLo;
    this.bHi[i] = bHi;
    this.cLo[i] = cLo;
    this.cHi[i] = cHi;
    this.flag[i] = flag;
  }

  private grow(): void {
    const n = 2 * this.op.length;
    const re = <T extends Uint8Array | Uint32Array>(x: T, make: new (n: number) => T): T => {
      const y = new make(n);
      y.set(x);
      return y;
    };
    this.op = re(this.op, Uint8Array);
    this.aLo = re(this.aLo, Uint32Array);
    this.aHi = re(this.aHi, Uint32Array);
    this.bLo = re(this.bLo, Uint32Array);
    this.bHi = re(this.bHi, Uint32Array);
    this.cLo = re(this.cLo, Uint32Array);
    this.cHi = re(this.cHi, Uint32Array);
    this.flag = re(this.flag, Uint8Array);
  }
}

/** Takes one instance's slice of a chunk's Arith operations. */
export class ArithCollector implements BusDevice {
  readonly busIds = [OPERATION_BUS];
  readonly ops: OperationBuffer;
  private readonly cursor: SliceCursor;

  constructor(slice: ChunkSlice) {
    this.cursor = new SliceCursor(slice);
    this.ops = new OperationBuffer(slice.take);
  }

  processData(_busId: number, d: Uint32Array): boolean {
    if (d[OP.opType] !== OP_TYPE_ARITH) return true;
    if (this.cursor.accept()) this.ops.push(d[OP.op]!, d[OP.aLo]!, d[OP.aHi]!, d[OP.bLo]!, d[OP.bHi]!, d[OP.cLo]!, d[OP.cHi]!, d[OP.flag]!);
    return !this.cursor.done;
  }
}

/** What an Arith plan carries: its chunk slices (none for the table). */
export type ArithMeta = readonly ChunkSlice[];

function arithInstance(plan: Plan<ArithMeta>): Instance {
  const chunks = plan.meta.map((s) => s.chunk);
  const label = `Arith #${plan.segment}`;
  return {
    instanceType: 'instance',
    checkPoint: () => plan.checkPoint,
    buildInputsCollector(chunk) {
      const slice = plan.meta.find((s) => s.chunk === chunk);
      if (!slice) throw new Error(`${label}: chunk ${chunk} is not in its checkpoint`);
      return new ArithCollector(slice);
    },
    computeWitness({ collectors, tables }) {
      const lists = collectors.map((c, i) => {
        if (!(c instanceof ArithCollector)) throw new Error(`${label}: no collector for chunk ${chunks[i]}`);
        if (c.ops.length !== plan.meta[i]!.take) {
          throw new Error(`${label}: chunk ${chunks[i]} gave ${c.ops.length} operations, the plan expected ${plan.meta[i]!.take}`);
        }
        return c.ops;
      });
      const trace = buildArithTrace(lists, plan.logRows, tables, label);
      return { air: arithAir, trace, label };
    },
    debug: () => `${label}: 2^${plan.logRows} rows, ${plan.meta.reduce((s, x) => s + x.take, 0)} operations, chunks ${chunks.join(', ')}`,
    reset() {},
  };
}

/** Builds the ArithTable instance from the lookups the Arith instances counted. */
export function arithTableInstance(): Instance {
  return {
    instanceType: 'table',
    checkPoint: () => ({ kind: 'none' }),
    buildInputsCollector: () => undefined,
    computeWitness({ tables }) {
      const trace = new Matrix(1, ARITH_TABLE_ROWS);
      const counts = tables.get(arithTableAir);
      if (counts) counts.forEach((c, r) => trace.set(r, 0, BigInt(c)));
      return { air: arithTableAir, trace, fixed: arithTableAir.fixedValues(ARITH_TABLE_LOG_ROWS, (w, h) => new Matrix(w, h)), label: 'ArithTable' };
    },
    debug: () => `ArithTable: ${ARITH_TABLE_ROWS} rows`,
    reset() {},
  };
}

export const arithComponent: ComponentBuilder<number, ArithMeta> = {
  name: 'arith',
  airs: [arithAir, arithTableAir],
  defaultLogRows: { [arithAir.name]: ARITH_DEFAULT_LOG_ROWS },
  buildCounter: () => new ArithCounter(),
  buildInputsGenerator: () => new RemainderCheckGenerator(),
  plan(counts, ctx) {
    const logRows = ctx.logRowsOf(arithAir);
    const plans: Plan<ArithMeta>[] = planByCount(counts.map((c) => ({ chunk: c.chunk, count: c.data })), 2 ** logRows).map((slices, segment, all) => ({
      air: arithAir,
      segment,
      instanceType: 'instance',
      checkPoint: checkPointOf(slices.map((s) => s.chunk)),
      // Every instance but the last is full; the last shrinks to the operations it holds.
      logRows: segment === all.length - 1 ? fitLogRows(takenBy(slices), logRows) : logRows,
      rows: takenBy(slices),
      meta: slices,
    }));
    // The table only when some operation looks it up: an empty table would still cost its rows.
    if (plans.length > 0) {
      plans.push({ air: arithTableAir, segment: 0, instanceType: 'table', checkPoint: { kind: 'none' }, logRows: ARITH_TABLE_LOG_ROWS, meta: [] });
    }
    return plans;
  },
  buildInstance({ plan }) {
    return plan.air === arithTableAir ? arithTableInstance() : arithInstance(plan);
  },
};

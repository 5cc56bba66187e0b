/**
 * A test state machine with the shape of Binary's, for the executor's own tests (threads import it
 * by URL: `OPLOG_REF`). It counts the Binary ops of each chunk, plans instances of a few rows, and
 * collects each instance's ops through slices. Its trace is the list of ops it collected, so a test
 * can compare the instances with a direct run; a table, OpLogTable, counts the ops by code.
 */
import { defineAir, type Air } from '../../air/index.js';
import { OP, OPERATION_BUS, type BusDevice } from '../../bus/index.js';
import { Matrix } from '../../matrix/index.js';
import { checkPointOf, planByCount, SliceCursor, type ChunkSlice, type Plan } from '../../planner/index.js';
import { OP_TYPE_BINARY } from '../../zisk/index.js';
import type { ComponentBuilder, Counter } from '../index.js';

export const opLogAir: Air = defineAir({
  name: 'OpLog',
  columns: { op: 1, aLo: 1, bLo: 1, cLo: 1 },
  eval() {},
});

class OpCounter implements Counter<number>, BusDevice {
  readonly busIds = [OPERATION_BUS];
  private n = 0;
  processData(_bus: number, d: Uint32Array): boolean {
    if (d[OP.opType] === OP_TYPE_BINARY) this.n++;
    return true;
  }
  result(): number {
    return this.n;
  }
}

export class OpCollector implements BusDevice {
  readonly busIds = [OPERATION_BUS];
  readonly rows: number[][] = [];
  private readonly cursor: SliceCursor;
  constructor(slice: ChunkSlice) {
    this.cursor = new SliceCursor(slice);
  }
  processData(_bus: number, d: Uint32Array): boolean {
    if (d[OP.opType] !== OP_TYPE_BINARY) return true;
    if (this.cursor.accept()) this.rows.push([d[OP.op]!, d[OP.aLo]!, d[OP.bLo]!, d[OP.cLo]!]);
    return !this.cursor.done;
  }
}

export function opLog(logRows: number): ComponentBuilder<number, readonly ChunkSlice[]> {
  return {
    name: 'oplog',
    airs: [opLogAir, opLogTableAir],
    buildCounter: () => new OpCounter(),
    plan(counts) {
      return planByCount(counts.map((c) => ({ chunk: c.chunk, count: c.data })), 2 ** logRows).map(
        (slices, segment): Plan<readonly ChunkSlice[]> => ({
          air: opLogAir,
          segment,
          instanceType: 'instance',
          checkPoint: checkPointOf(slices.map((s) => s.chunk)),
          logRows,
          meta: slices,
        }),
      ).concat([{ air: opLogTableAir, segment: 0, instanceType: 'table', checkPoint: { kind: 'none' }, logRows: 8, meta: [] }]);
    },
    buildInstance({ plan }) {
      if (plan.instanceType === 'table') return opLogTable();
      return {
        instanceType: 'instance',
        checkPoint: () => plan.checkPoint,
        buildInputsCollector: (chunk) => new OpCollector(plan.meta.find((s) => s.chunk === chunk)!),
        computeWitness({ collectors, tables }) {
          const trace = new Matrix(4, 2 ** plan.logRows);
          let r = 0;
          const counts = tables.of(opLogTableAir, 256);
          for (const c of collectors) {
            for (const row of (c as unknown as OpCollector).rows) {
              row.forEach((v, j) => trace.setU32(r, j, v));
              counts[row[0]! & 255]!++;
              r++;
            }
          }
          return { air: opLogAir, trace, label: `OpLog #${plan.segment} (${r} ops)` };
        },
        debug: () => `OpLog #${plan.segment}`,
        reset() {},
      };
    },
  };
}

export const opLogTableAir: Air = defineAir({
  name: 'OpLogTable',
  columns: { count: 1 },
  logRows: 8,
  eval() {},
});

function opLogTable() {
  return {
    instanceType: 'table' as const,
    checkPoint: () => ({ kind: 'none' as const }),
    buildInputsCollector: () => undefined,
    computeWitness({ tables }: { tables: import('../tables.js').TableMultiplicities }) {
      const trace = new Matrix(1, 256);
      const counts = tables.get(opLogTableAir);
      if (counts) counts.forEach((c, r) => trace.setU32(r, 0, c));
      return { air: opLogTableAir, trace, label: 'OpLogTable' };
    },
    debug: () => 'OpLogTable',
    reset() {},
  };
}

/** A registry of one OpLog state machine with instances of 2^5 rows, and where threads import it from. */
export const opLogMachines: readonly ComponentBuilder[] = [opLog(5)];
export const OPLOG_REF = { module: import.meta.url, name: 'opLogMachines' } as const;

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defineAir, type Air } from '../air/index.js';
import { OP, OPERATION_BUS, type BusDevice } from '../bus/index.js';
import { runObserved, type StepRecord } from '../emulator/index.js';
import { Matrix } from '../matrix/index.js';
import { checkPointOf, planByCount, SliceCursor, type ChunkSlice, type Plan } from '../planner/index.js';
import { transpile } from '../transpiler/index.js';
import { OP_TYPE_BINARY } from '../zisk/index.js';
import { computeWitnesses, execute, type ComponentBuilder, type Counter } from './index.js';

/**
 * A test state machine with the shape of Binary's: it counts the Binary ops of each chunk, plans
 * instances of a few rows, and collects each instance's ops through slices. Its trace is the list of
 * ops it collected, so the test can compare the instances with a direct run.
 */
const opLogAir: Air = defineAir({
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

class OpCollector implements BusDevice {
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

function opLog(logRows: number): ComponentBuilder<number, readonly ChunkSlice[]> {
  return {
    name: 'oplog',
    airs: [opLogAir],
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
      );
    },
    buildInstance({ plan }) {
      return {
        instanceType: 'instance',
        checkPoint: () => plan.checkPoint,
        buildInputsCollector: (chunk) => new OpCollector(plan.meta.find((s) => s.chunk === chunk)!),
        computeWitness({ collectors }) {
          const trace = new Matrix(4, 2 ** plan.logRows);
          let r = 0;
          for (const c of collectors) for (const row of (c as unknown as OpCollector).rows) row.forEach((v, j) => trace.setU32(r, j, v)), r++;
          return { air: opLogAir, trace, label: `OpLog #${plan.segment} (${r} ops)` };
        },
        debug: () => `OpLog #${plan.segment}`,
        reset() {},
      };
    },
  };
}

test('counting, planning and collection with skips give every operation to exactly one instance, in order', () => {
  const rom = transpile(readFileSync(new URL('../../guest/elf/sort.elf', import.meta.url)));
  const input = readFileSync(new URL('../../guest/inputs/sort/small.bin', import.meta.url));
  // Direct run: the ops a Binary-like state machine should see, in order.
  const expected: number[][] = [];
  runObserved(rom, input, {
    onStep(r: StepRecord) {
      const inst = rom.insts[r.inst]!;
      if (inst.opType === OP_TYPE_BINARY) expected.push([inst.op, r.aLo >>> 0, r.bLo >>> 0, r.cLo >>> 0]);
      return false;
    },
    onMemory() {},
    onRegister() {},
  });
  assert.ok(expected.length > 100);

  const plan = execute(rom, input, [opLog(5)], { chunkSize: 97 });
  assert.ok(plan.instances.length > 3, 'several instances');
  assert.ok(plan.instances.some((p) => checkPointChunksCount(p.plan) > 1), 'an instance spans chunks');
  const { instances } = computeWitnesses(plan);
  const got: number[][] = [];
  for (const p of plan.instances) {
    const m = instances.get(p.globalId)!.trace;
    const label = instances.get(p.globalId)!.label!;
    const n = Number(/\((\d+) ops\)/.exec(label)![1]);
    for (let r = 0; r < n; r++) got.push([0, 1, 2, 3].map((j) => Number(m.get(r, j))));
  }
  assert.deepEqual(got, expected);
});

function checkPointChunksCount(p: Plan<unknown>): number {
  return p.checkPoint.kind === 'multiple' ? p.checkPoint.chunks.length : p.checkPoint.kind === 'single' ? 1 : 0;
}

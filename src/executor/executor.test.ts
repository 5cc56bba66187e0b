import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runObserved, type StepRecord } from '../emulator/index.js';
import type { Plan } from '../planner/index.js';
import { transpile } from '../transpiler/index.js';
import { OP_TYPE_BINARY } from '../zisk/index.js';
import { computeWitnesses, execute } from './index.js';
import { opLog } from './test-support/oplog.js';

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
    if (p.plan.instanceType === 'table') continue;
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

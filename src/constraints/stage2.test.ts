import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { bigintAlgebra, evaluateGraph, NodeKind, P, rowLeaves, type AirInstance } from '../air/index.js';
import { byteLookupInstances } from '../air/examples/byte-lookup.js';
import { fibonacciInstance } from '../air/examples/fibonacci.js';
import * as ext from '../field/extension.js';
import { Matrix } from '../matrix/index.js';
import { WorkerPool } from '../parallel/index.js';
import { buildStage2 } from './index.js';
import { Rng } from './test-support/random.js';
import { busyAir, busyInstance } from './test-support/airs.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

function challenges(seed: number): bigint[] {
  const rng = new Rng(seed);
  return Array.from({ length: 6 }, () => rng.element());
}

/** Every LogUp (stage-2) constraint on every row, by the reference evaluator. */
function logupHolds(inst: AirInstance, stage2: Matrix, ch: readonly bigint[], busSum: ext.Ext3): string | undefined {
  const { air } = inst;
  const n = inst.trace.height;
  for (let row = 0; row < n; row++) {
    const base = rowLeaves(inst, row);
    const v = evaluateGraph(air.graph, bigintAlgebra, (kind, index, offset) => {
      if (kind === NodeKind.Stage2) return stage2.get((row + offset) % n, index);
      if (kind === NodeKind.Challenge) return ch[index]!;
      if (kind === NodeKind.Stage2Value) return busSum[index]!;
      return base(kind, index, offset);
    });
    for (const c of air.constraints) if (c.stage === 2 && v[c.node] !== 0n) return `row ${row}: ${c.label}`;
  }
  return undefined;
}

test('the stage-2 witness satisfies every LogUp constraint, identically on 1, 2 and 3 workers', async () => {
  const cases: AirInstance[] = [...byteLookupInstances(6, 40), busyInstance(0, 1), busyInstance(3, 2), busyInstance(9, 3)];
  assert.ok(busyAir.logup.groups.length > 1);
  for (const [k, inst] of cases.entries()) {
    const ch = challenges(k);
    let first: Uint32Array | undefined;
    for (const pool of pools) {
      const { stage2, busSum } = await buildStage2(inst, ch, { pool });
      assert.equal(stage2.width, inst.air.stage2Width);
      assert.equal(logupHolds(inst, stage2, ch, busSum), undefined, `${inst.air.name} case ${k}, ${pool.workers} workers`);
      if (!first) first = stage2.data.slice();
      else assert.deepEqual(stage2.data, first);
    }
  }
});

test('a wrong stage-2 cell breaks a LogUp constraint (the check above can fail)', async () => {
  const inst = busyInstance(4, 9);
  const ch = challenges(3);
  const { stage2, busSum } = await buildStage2(inst, ch);
  stage2.set(6, 1, (stage2.get(6, 1) + 1n) % P);
  assert.match(logupHolds(inst, stage2, ch, busSum) ?? '', /LogUp/);
});

test('the byte-lookup pair: bus sums add to zero, and not with a tampered multiplicity', async () => {
  const ch = challenges(11);
  const sum = async (insts: readonly AirInstance[]) => {
    let s: ext.Ext3 = ext.ZERO;
    for (const inst of insts) s = ext.add(s, (await buildStage2(inst, ch)).busSum);
    return s;
  };
  const honest = byteLookupInstances(8, 200);
  assert.deepEqual(await sum(honest), ext.ZERO);
  const tampered = byteLookupInstances(8, 200);
  const t = tampered[0].trace;
  t.set(17, 0, t.get(17, 0) + 1n);
  assert.notDeepEqual(await sum(tampered), ext.ZERO);
});

test('no interactions: no columns and a zero bus sum; challenges are checked', async () => {
  const fib = fibonacciInstance(3);
  const r = await buildStage2(fib, challenges(1));
  assert.equal(r.stage2.width, 0);
  assert.deepEqual(r.busSum, [0n, 0n, 0n]);
  await assert.rejects(buildStage2(fib, [1n, 2n]), /6 base coefficients/);
});

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { bigintAlgebra, evaluateGraph, NodeKind, P, type AirInstance } from '../air/index.js';
import { fibonacciInstance } from '../air/examples/fibonacci.js';
import { wideAir, wideInstance } from '../air/examples/wide.js';
import { byteLookupInstances } from '../air/examples/byte-lookup.js';
import * as ext from '../field/extension.js';
import * as gl from '../field/reference.js';
import { interpolate, lde } from '../ntt/index.js';
import type { Matrix } from '../matrix/index.js';
import { WorkerPool } from '../parallel/index.js';
import { buildStage2, evaluateQuotient, type QuotientInput } from './index.js';
import { ldeNextRow, ldePoint, ldeSelectorsAt } from './domain.js';
import { Rng } from './test-support/random.js';
import { busyInstance, factoredInstance, mixedInstance, randomAir, randomAirInstance } from './test-support/airs.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

const SHIFT = 7n;

function randomExt(rng: Rng): ext.Ext3 {
  return [rng.element(), rng.element(), rng.element()];
}

/** The quotient input of an instance: stage 2 built for random challenges, every matrix extended. */
async function quotientInput(inst: AirInstance, logBlowup: number, seed: number): Promise<QuotientInput & { stage2Trace: Matrix }> {
  const rng = new Rng(seed);
  const challenges = Array.from({ length: 6 }, () => rng.element());
  const { stage2, busSum } = await buildStage2(inst, challenges);
  const ext_ = (m: Matrix | undefined) => (m && m.width > 0 ? lde(m, logBlowup, SHIFT, 'bit-reversed') : undefined);
  return {
    air: inst.air,
    logRows: Math.log2(inst.trace.height),
    logBlowup,
    shift: SHIFT,
    main: lde(inst.trace, logBlowup, SHIFT, 'bit-reversed'),
    fixed: ext_(inst.fixed),
    program: ext_(inst.program),
    stage2: ext_(stage2),
    stage2Trace: stage2,
    airValues: inst.airValues ?? [],
    challenges,
    busSum,
    alpha: randomExt(rng),
  };
}

/** Q at row i of D, plainly: every constraint by evaluateGraph, combined with α^k, divided by Z_H. */
function referenceQ(q: QuotientInput, i: number): ext.Ext3 {
  const { air, logRows, logBlowup, shift } = q;
  const x = ldePoint(i, logRows, logBlowup, shift);
  const sel = ldeSelectorsAt(x, logRows);
  const next = ldeNextRow(i, logRows, logBlowup);
  const v = evaluateGraph(air.graph, bigintAlgebra, (kind, index, offset) => {
    const r = offset ? next : i;
    switch (kind) {
      case NodeKind.Main: return q.main.get(r, index);
      case NodeKind.Fixed: return q.fixed!.get(r, index);
      case NodeKind.Program: return q.program!.get(r, index);
      case NodeKind.Stage2: return q.stage2!.get(r, index);
      case NodeKind.AirValue: return q.airValues[index]!;
      case NodeKind.Challenge: return q.challenges[index]!;
      case NodeKind.Stage2Value: return q.busSum[index]!;
      case NodeKind.IsFirstRow: return sel[0];
      case NodeKind.IsLastRow: return sel[1];
      case NodeKind.IsTransition: return sel[2];
      default: throw new Error(`leaf ${kind}`);
    }
  });
  let c: ext.Ext3 = ext.ZERO;
  let pw: ext.Ext3 = ext.ONE;
  for (const k of air.constraints) {
    c = ext.add(c, ext.mulBase(pw, v[k.node]!));
    pw = ext.mul(pw, q.alpha);
  }
  const zh = gl.sub(gl.pow(x, 2n ** BigInt(logRows)), 1n);
  return ext.mulBase(c, gl.inv(zh));
}

function rowOf(m: Matrix, i: number): ext.Ext3 {
  return [m.get(i, 0), m.get(i, 1), m.get(i, 2)];
}

/** Whether Q (on D, bit-reversed) interpolates to a polynomial of degree < bound. */
function degreeBelow(qm: Matrix, bound: number): boolean {
  const coeffs = interpolate(qm, SHIFT, 'bit-reversed');
  for (let c = 0; c < 3; c++) for (let r = bound; r < coeffs.height; r++) if (coeffs.get(r, c) !== 0n) return false;
  return true;
}

const honest: [string, () => AirInstance, number][] = [
  ['fibonacci', () => fibonacciInstance(5), 1],
  ['wide', () => wideInstance(wideAir(10), 5, 3), 2],
  ['byte table', () => byteLookupInstances(5, 20)[0], 2],
  ['word bytes', () => byteLookupInstances(5, 20)[1], 2],
  ['mixed', () => mixedInstance(5, 4), 1],
  ['busy', () => busyInstance(4, 5), 2],
  ['busy, one row', () => busyInstance(0, 6), 2],
  ['factored', () => factoredInstance(4, 7, false), 1],
];

test('common factors (shared multipliers, row-invariant factors, a repeated constraint): Q equals the reference', async () => {
  for (const seed of [1, 2, 3]) {
    const q = await quotientInput(factoredInstance(2 + seed, seed, true), 1, seed);
    const qm = await evaluateQuotient(q);
    for (let i = 0; i < qm.height; i += 3) assert.deepEqual(rowOf(qm, i), referenceQ(q, i), `seed ${seed} row ${i}`);
  }
});

test('Q equals the plain reference at points of D, and the same bytes on 1, 2 and 3 workers', async () => {
  for (const [name, make, logBlowup] of honest) {
    const q = await quotientInput(make(), logBlowup, name.length);
    let first: Matrix | undefined;
    for (const pool of pools) {
      const qm = await evaluateQuotient(q, { pool });
      assert.equal(qm.width, 3);
      assert.equal(qm.height, 2 ** (q.logRows + logBlowup));
      if (!first) first = qm;
      else assert.deepEqual(qm.data, first.data, `${name}: ${pool.workers} workers`);
    }
    const N = first!.height;
    const rows = new Set([0, 1, N - 1, N >> 1, (N >> 1) - 1, 5 % N, 11 % N]);
    for (const i of rows) assert.deepEqual(rowOf(first!, i), referenceQ(q, i), `${name} row ${i}`);
  }
});

test('honest instances: Q has degree < (degree − 1)·n; a changed cell, stage-2 cell or bus sum breaks that', async () => {
  for (const [name, make, logBlowup] of honest) {
    const inst = make();
    const q = await quotientInput(inst, logBlowup, 3);
    const n = inst.trace.height;
    const bound = (inst.air.degree - 1) * n;
    assert.ok(bound < n << logBlowup, `${name}: the test needs room above the bound`);
    assert.ok(degreeBelow(await evaluateQuotient(q), bound), `${name} honest`);
    if (n === 1) continue; // one row: every polynomial is constant and no cell change is visible
    // one changed witness cell
    const bad = make();
    const row = (7 * name.length) % n, col = name.length % bad.trace.width;
    bad.trace.set(row, col, (bad.trace.get(row, col) + 1n) % P);
    const qb = { ...q, main: lde(bad.trace, logBlowup, SHIFT, 'bit-reversed') };
    assert.ok(!degreeBelow(await evaluateQuotient(qb), bound), `${name}: changed cell`);
    if (q.stage2) {
      const s2 = q.stage2Trace;
      const saved = s2.get(row, 0);
      s2.set(row, 0, (saved + 1n) % P);
      const qs = { ...q, stage2: lde(s2, logBlowup, SHIFT, 'bit-reversed') };
      s2.set(row, 0, saved);
      assert.ok(!degreeBelow(await evaluateQuotient(qs), bound), `${name}: changed stage-2 cell`);
      const qsum = { ...q, busSum: ext.add(q.busSum, ext.ONE) };
      assert.ok(!degreeBelow(await evaluateQuotient(qsum), bound), `${name}: wrong bus sum`);
    }
  }
});

test('inputs are checked at the boundary', async () => {
  const q = await quotientInput(fibonacciInstance(3), 1, 1);
  await assert.rejects(evaluateQuotient({ ...q, logBlowup: 2 }), /main must be 2×32/);
  await assert.rejects(evaluateQuotient({ ...q, airValues: [] }), /0 air values given/);
  await assert.rejects(evaluateQuotient({ ...q, alpha: [P, 0n, 0n] }), /alpha must be/);
});

test('random AIRs (every leaf kind, scopes, scalar factors, interactions): Q equals the reference', async () => {
  for (let seed = 1; seed <= 8; seed++) {
    const air = randomAir(seed);
    const inst = randomAirInstance(air, seed % 5, seed);
    const q = await quotientInput(inst, seed % 3, seed);
    const qm = await evaluateQuotient(q, { pool: pools[seed % 3] });
    for (let i = 0; i < qm.height; i += 1 + (qm.height >> 4)) assert.deepEqual(rowOf(qm, i), referenceQ(q, i), `seed ${seed} row ${i}`);
  }
});

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkConstraintsReference, P, type AirInstance } from '../air/index.js';
import { fibonacciInstance } from '../air/examples/fibonacci.js';
import { wideAir, wideInstance } from '../air/examples/wide.js';
import { byteLookupInstances } from '../air/examples/byte-lookup.js';
import { Matrix } from '../matrix/index.js';
import { WorkerPool } from '../parallel/index.js';
import { checkConstraints } from './index.js';
import { Rng } from './test-support/random.js';
import { factoredInstance, mixedInstance, randomAir, randomAirInstance } from './test-support/airs.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

async function same(inst: AirInstance, what: string): Promise<void> {
  const want = checkConstraintsReference(inst);
  for (const pool of pools) assert.deepEqual(await checkConstraints(inst, { pool }), want, `${what}, ${pool.workers} workers`);
}

test('honest example traces pass, on 1, 2 and 3 workers', async () => {
  await same(fibonacciInstance(6), 'fibonacci');
  await same(wideInstance(wideAir(9), 7), 'wide');
  for (const inst of byteLookupInstances(7, 100)) await same(inst, inst.air.name);
  await same(mixedInstance(8, 1), 'mixed');
  await same(mixedInstance(0, 1), 'mixed, one row');
  await same(factoredInstance(6, 1, false), 'factored');
});

test('constraints with common factors: the same first failure as the reference', async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const inst = factoredInstance(1 + (seed % 7), seed, seed % 3 === 0);
    if (seed % 3 !== 0) {
      // the zero trace with one or two set cells: a masked constraint must stay masked
      const rng = new Rng(seed);
      for (let k = 0; k <= seed % 2; k++) inst.trace.set(rng.int(inst.trace.height), rng.int(6), rng.element());
    }
    await same(inst, `factored seed ${seed}`);
  }
});

test('tampered cells: the same first failure as the reference (row, constraint, value)', async () => {
  const rng = new Rng(5);
  for (let t = 0; t < 30; t++) {
    const kind = t % 4;
    let inst: AirInstance;
    if (kind === 0) inst = fibonacciInstance(1 + rng.int(8));
    else if (kind === 1) inst = wideInstance(wideAir(3 + rng.int(6)), 1 + rng.int(7), t);
    else if (kind === 2) inst = byteLookupInstances(1 + rng.int(8), 2)[1];
    else inst = mixedInstance(rng.int(8), t);
    const n = inst.trace.height;
    // one to three changed cells (sometimes several, so that the lowest failing row matters)
    const changes = 1 + rng.int(3);
    for (let c = 0; c < changes; c++) {
      const row = rng.int(n), col = rng.int(inst.trace.width);
      inst.trace.set(row, col, rng.int(2) ? rng.element() : (inst.trace.get(row, col) + 1n) % P);
    }
    await same(inst, `case ${t}`);
  }
});

test('per-instance values: a broken row-invariant or boundary constraint is reported on its row', async () => {
  const k = mixedInstance(5, 2);
  k.airValues[1] = 6n;
  const r = await checkConstraints(k);
  assert.equal(!r.ok && r.row, 0);
  assert.equal(!r.ok && r.constraint, 'k is 5');
  await same(k, 'k');

  const fib = fibonacciInstance(4);
  fib.airValues[2] = 0n;
  await same(fib, 'result');
  const rf = await checkConstraints(fib);
  assert.equal(!rf.ok && rf.row, 15);
});

test('shapes are checked first', async () => {
  const fib = fibonacciInstance(3);
  await assert.rejects(checkConstraints({ ...fib, trace: new Matrix(3, 8) }), /3 columns, AIR declares 2/);
  await assert.rejects(checkConstraints({ ...fib, airValues: [] }), /0 air values given/);
});

test('random AIRs: the same report as the reference', async () => {
  // sparse traces: most constraints vanish, so failures land on varied rows and constraints
  for (let seed = 1; seed <= 20; seed++) await same(randomAirInstance(randomAir(seed), 2 + (seed % 6), seed, 40), `random AIR ${seed}`);
});

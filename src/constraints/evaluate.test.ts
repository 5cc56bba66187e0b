import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigintAlgebra, evaluateGraph, rowLeaves, type AirInstance } from '../air/index.js';
import { fibonacciInstance } from '../air/examples/fibonacci.js';
import { wideAir, wideInstance } from '../air/examples/wide.js';
import { byteLookupInstances } from '../air/examples/byte-lookup.js';
import { evaluateNodes } from './evaluate.js';
import { ldeDomain, ldeNextRow, ldeNextStart, traceDomain, wrapPermutation, bitrev } from './domain.js';
import { Rng, randomData, randomGraph, traceLeaves, ldeLeaves } from './test-support/random.js';

test('the next row on D: contiguous runs, and the wrap permutation, agree with the definition', () => {
  for (let logRows = 0; logRows <= 6; logRows++) {
    for (let logBlowup = 0; logBlowup <= 2; logBlowup++) {
      const N = 2 ** (logRows + logBlowup), n = 2 ** logRows;
      for (let logB = 0; logB <= logRows; logB++) {
        const B = 2 ** logB;
        const perm = wrapPermutation(logB);
        for (let s = 0; s < N; s += B) {
          const start = ldeNextStart(s, logB, logRows);
          for (let j = 0; j < B; j++) {
            const want = ldeNextRow(s + j, logRows, logBlowup);
            const got = start >= 0 ? start + j : s - (s % n) + perm[j]!;
            assert.equal(got, want, `logRows ${logRows} logBlowup ${logBlowup} B ${B} row ${s + j}`);
          }
        }
      }
    }
  }
  assert.equal(bitrev(1, 3), 4);
});

const W = { main: 4, fixed: 2, program: 1, stage2: 3, airValues: 2 };

test('compiled evaluation equals evaluateGraph on the trace domain (random graphs, block sizes)', async () => {
  for (let seed = 1; seed <= 24; seed++) {
    const rng = new Rng(seed);
    const g = randomGraph(rng, W, 20 + rng.int(150));
    const logRows = rng.int(6);
    const n = 2 ** logRows;
    const d = randomData(rng, W, n);
    const nodes = Array.from({ length: g.size }, (_, i) => i);
    const logBlockRows = rng.int(logRows + 1);
    const out = await evaluateNodes(g, nodes, traceDomain(logRows), d, d, { logBlockRows });
    for (let r = 0; r < n; r++) {
      const want = evaluateGraph(g, bigintAlgebra, traceLeaves(d, n, r));
      for (const i of nodes) assert.equal(out.get(r, i), want[i], `seed ${seed} row ${r} node ${i}`);
    }
  }
});

test('compiled evaluation equals evaluateGraph on the extended domain (selectors, next rows)', async () => {
  for (let seed = 100; seed < 116; seed++) {
    const rng = new Rng(seed);
    const g = randomGraph(rng, W, 20 + rng.int(120));
    const logRows = rng.int(5);
    const logBlowup = rng.int(3);
    const N = 2 ** (logRows + logBlowup);
    const d = randomData(rng, W, N);
    const nodes = Array.from({ length: g.size }, (_, i) => i);
    const logBlockRows = rng.int(logRows + 1);
    const shift = 7n;
    const out = await evaluateNodes(g, nodes, ldeDomain(logRows, logBlowup, shift), d, d, { logBlockRows });
    for (let r = 0; r < N; r++) {
      const want = evaluateGraph(g, bigintAlgebra, ldeLeaves(d, logRows, logBlowup, shift, r));
      for (const i of nodes) assert.equal(out.get(r, i), want[i], `seed ${seed} row ${r} node ${i}`);
    }
  }
});

test('compiled evaluation equals evaluateGraph on the example AIRs (every node, trace domain)', async () => {
  const cases: AirInstance[] = [fibonacciInstance(4), wideInstance(wideAir(6), 4), ...byteLookupInstances(4, 9)];
  for (const inst of cases) {
    const { air } = inst;
    const nodes = Array.from({ length: air.evalNodeCount }, (_, i) => i);
    const n = inst.trace.height;
    const out = await evaluateNodes(air.graph, nodes, traceDomain(Math.log2(n)), { main: inst.trace, fixed: inst.fixed }, inst, { logBlockRows: 2 });
    for (let r = 0; r < n; r++) {
      const want = evaluateGraph(air.graph, bigintAlgebra, rowLeaves(inst, r), air.evalNodeCount);
      for (const i of nodes) assert.equal(out.get(r, i), want[i], `${air.name} row ${r} node ${i}`);
    }
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineAir, checkConstraintsReference, checkBusBalanceReference, NodeKind, P } from './index.js';
import { fibonacciAir, fibonacciInstance } from './examples/fibonacci.js';
import { wideAir, wideInstance } from './examples/wide.js';
import { byteLookupInstances, BYTE_BUS } from './examples/byte-lookup.js';
import { Matrix } from '../matrix/index.js';

test('layouts give typed column indices in declaration order', () => {
  const air = defineAir({
    name: 'Layout',
    columns: { a: 1, limbs: 3, flag: 1 },
    airValues: { segment: 1 },
    eval(b) {
      b.assertBool('flag', b.main.flag);
    },
  });
  assert.equal(air.cols.a, 0);
  assert.deepEqual(air.cols.limbs, [1, 2, 3]);
  assert.equal(air.cols.flag, 4);
  assert.equal(air.width, 5);
  assert.equal(air.airValueIndex.segment, 0);
  assert.equal(air.columnName(2), 'limbs[1]');
});

test('symbolic degrees: columns and first/last selectors count 1, the transition selector 0', () => {
  assert.equal(fibonacciAir.degree, 2);
  const wide = wideAir(8);
  assert.equal(wide.degree, 3);
  assert.equal(wide.constraints.filter((c) => c.stage === 1).length, 8);
});

test('a constraint above the maximum degree is refused when the AIR is defined', () => {
  assert.throws(
    () => defineAir({ name: 'TooHigh', columns: { x: 1 }, eval: (b) => b.assertZero('x^4', b.main.x.mul(b.main.x).mul(b.main.x).mul(b.main.x)) }),
    /constraint 'x\^4' has degree 4, above the maximum 3/,
  );
  assert.throws(
    () => defineAir({ name: 'Declared', columns: { x: 1 }, degree: 3, eval: (b) => b.assertBool('x', b.main.x) }),
    /declares degree 3 but its constraints have degree 2/,
  );
});

test('identical subexpressions are one node', () => {
  const air = defineAir({
    name: 'Shared',
    columns: { x: 1, y: 1 },
    eval(b) {
      const { x, y } = b.main;
      b.assertZero('one', x.mul(y).add(1));
      b.assertZero('two', y.mul(x).add(1).sub(x));
    },
  });
  const muls = air.graph.kind.filter((k) => k === NodeKind.Mul).length;
  assert.equal(muls, 1);
});

test('honest traces pass the debug checker', () => {
  assert.deepEqual(checkConstraintsReference(fibonacciInstance(5)), { ok: true });
  const wide = wideAir(6);
  assert.deepEqual(checkConstraintsReference(wideInstance(wide, 4)), { ok: true });
  for (const inst of byteLookupInstances(5, 20)) assert.deepEqual(checkConstraintsReference(inst), { ok: true });
});

test('one changed cell is caught, naming the AIR, row and constraint', () => {
  const inst = fibonacciInstance(4);
  inst.trace.set(9, fibonacciAir.cols.b, inst.trace.get(9, fibonacciAir.cols.b) + 1n);
  const r = checkConstraintsReference(inst);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.air, 'Fibonacci');
  assert.equal(r.row, 8, 'row 8 predicts row 9');
  assert.equal(r.constraint, "b' = a + b");
  assert.equal(r.value, 1n);

  const wide = wideAir(5);
  const w = wideInstance(wide, 3);
  w.trace.set(7, 2, (w.trace.get(7, 2) + 5n) % P);
  const rw = checkConstraintsReference(w);
  assert.equal(rw.ok, false);
  if (!rw.ok) assert.equal(rw.row, 6);

  const last = fibonacciInstance(3);
  last.airValues[2] = 0n;
  const rl = checkConstraintsReference(last);
  assert.equal(!rl.ok && rl.constraint, 'the last b is the result');
});

test('interactions are grouped into LogUp columns within the degree bound', () => {
  const [table, words] = byteLookupInstances(4, 3);
  // Four lookups with degree-1 values and degree-1 multiplicities: two per group (degree 3).
  assert.deepEqual(words.air.logup.groups, [[0, 1], [2, 3]]);
  assert.equal(words.air.stage2Width, 3 * 3);
  assert.equal(table.air.logup.groups.length, 1);
  assert.ok(words.air.constraints.some((c) => c.stage === 2));
  assert.ok(words.air.constraints.every((c) => c.degree <= 3));
});

test('bus balance: honest lookups net to zero; a tampered multiplicity or a dropped row does not', () => {
  const honest = byteLookupInstances(5, 25);
  const ok = checkBusBalanceReference(honest);
  assert.equal(ok.ok, true);

  const tampered = byteLookupInstances(5, 25);
  const t = tampered[0].trace;
  const col = tampered[0].air.cols.multiplicity;
  const row = [...Array(256).keys()].find((r) => t.get(r, col) > 0n)!;
  t.set(row, col, t.get(row, col) + 1n);
  const bad = checkBusBalanceReference(tampered);
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.bus, BYTE_BUS);
    assert.deepEqual(bad.values, row === 0 ? [] : [BigInt(row)]);
    assert.equal(bad.net, 1n);
  }

  const dropped = byteLookupInstances(5, 25);
  dropped[1].trace.setU32(3, dropped[1].air.cols.sel, 0);
  assert.equal(checkBusBalanceReference(dropped).ok, false);
});

test('shape mismatches are reported before any evaluation', () => {
  assert.throws(() => checkConstraintsReference({ air: fibonacciAir, trace: new Matrix(3, 4), airValues: [0n, 0n, 0n] }), /3 columns, AIR declares 2/);
  assert.throws(() => checkConstraintsReference({ air: fibonacciAir, trace: new Matrix(2, 6), airValues: [0n, 0n, 0n] }), /not a power of two/);
  assert.throws(() => checkConstraintsReference({ air: fibonacciAir, trace: new Matrix(2, 4) }), /0 air values given/);
});

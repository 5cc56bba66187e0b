import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineAir, checkConstraintsReference, checkBusBalanceReference, directBusTerms, NodeKind, P } from './index.js';
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

test('direct interactions: sent once per instance from air values, balanced like row messages', () => {
  // A chain of instances, each assuming its start value and proving its end value once.
  const chain = defineAir({
    name: 'Chain',
    columns: { x: 1 },
    airValues: { start: 1, end: 1 },
    eval(b) {
      b.whenFirstRow().assertEq('x starts at start', b.main.x, b.airValues.start);
      b.whenTransition().assertEq("x' = x + 1", b.next.x, b.main.x.add(1));
      b.whenLastRow().assertEq('x ends at end - 1', b.main.x, b.airValues.end.sub(1));
      b.directAssumes('start', 9, [b.airValues.start]);
      b.directProves('end', 9, [b.airValues.end]);
    },
  });
  assert.equal(chain.interactions.length, 0);
  assert.equal(chain.directInteractions.length, 2);
  assert.equal(chain.stage2Width, 0, 'direct terms cost no stage-2 column');
  const inst = (start: number) => {
    const t = new Matrix(1, 4);
    for (let r = 0; r < 4; r++) t.setU32(r, 0, start + r);
    return { air: chain, trace: t, airValues: [BigInt(start), BigInt(start + 4)] };
  };
  const terms = directBusTerms(chain, [3n, 7n]);
  assert.deepEqual(terms.map((t) => [t.bus, t.values, t.multiplicity]), [[9, [3n], -1n], [9, [7n], 1n]]);
  const global = [
    { label: 'boot', bus: 9, values: [0n], multiplicity: 1n },
    { label: 'end', bus: 9, values: [8n], multiplicity: -1n },
  ];
  assert.equal(checkBusBalanceReference([inst(0), inst(4)], global).ok, true);
  const broken = checkBusBalanceReference([inst(0), inst(5)], global);
  assert.equal(broken.ok, false);
  if (!broken.ok) assert.ok(broken.senders.some((s) => s.includes("(once) 'end'") || s.includes("(once) 'start'")));
  const single = defineAir({
    name: 'Single',
    columns: { x: 1 },
    airValues: { v: 1 },
    eval(b) {
      b.directProves('v', 9, [b.airValues.v.mul(2)]);
    },
  });
  const one = { air: single, trace: new Matrix(1, 2), airValues: [21n] };
  assert.equal(checkBusBalanceReference([one], [{ label: 'take', bus: 9, values: [42n], multiplicity: -1n }]).ok, true);
  const bad = checkBusBalanceReference([{ ...one, airValues: [20n] }], [{ label: 'take', bus: 9, values: [42n], multiplicity: -1n }]);
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.ok(bad.senders.some((s) => s.includes("(once) 'v'")));
  assert.throws(
    () => defineAir({ name: 'RowDirect', columns: { x: 1 }, eval: (b) => b.directProves('x', 9, [b.main.x]) }),
    /direct interaction 'x' depends on a main leaf/,
  );
});

// AIRs for the constraint engine's tests: every leaf kind and interaction shape the examples lack.
import { defineAir, P } from '../../air/index.js';
import { Matrix } from '../../matrix/index.js';
import { Rng } from './random.js';

/** Fixed and program columns, air values, every selector, and a row-invariant constraint. */
export const mixedAir = defineAir({
  name: 'Mixed',
  columns: { x: 1, y: 1, flag: 1 },
  fixed: { step: 1 },
  program: { code: 1 },
  airValues: { start: 1, k: 1 },
  eval(b) {
    const { x, y, flag } = b.main;
    b.assertBool('flag is boolean', flag);
    b.whenFirstRow().assertEq('x starts at start', x, b.airValues.start);
    b.whenTransition().assertEq("x' = x + step", b.next.x, x.add(b.fixed.step));
    b.assertEq('y = code · flag', y, b.program.code.mul(flag));
    b.whenLastRow().assertZero('flag is 0 on the last row', flag);
    b.assertEq('k is 5', b.airValues.k, 5);
  },
  // The tests build the fixed column themselves (random steps); this fill is never used.
  fixedValues() {},
});

export function mixedInstance(logRows: number, seed: number) {
  const n = 2 ** logRows;
  const rng = new Rng(seed);
  const trace = new Matrix(3, n), fixed = new Matrix(1, n), program = new Matrix(1, n);
  const start = rng.element();
  let x = start;
  for (let r = 0; r < n; r++) {
    const step = rng.element(), code = rng.element(), flag = r === n - 1 ? 0n : BigInt(rng.int(2));
    fixed.set(r, 0, step);
    program.set(r, 0, code);
    trace.set(r, 0, x);
    trace.set(r, 1, (code * flag) % P);
    trace.set(r, 2, flag);
    x = (x + step) % P;
  }
  return { air: mixedAir, trace, fixed, program, airValues: [start, 5n] };
}

/**
 * Interactions of every shape: row-invariant values (constants, air values), next-row values,
 * selector and negated multiplicities, several groups, different value counts.
 */
export const busyAir = defineAir({
  name: 'Busy',
  columns: { a: 1, b: 1, m: 1, s: 1 },
  airValues: { tag: 1 },
  eval(bb) {
    const { a, b, m, s } = bb.main;
    bb.lookupProves('pair', 5, [a, b.mul(b)], m);
    bb.lookupAssumes('next', 5, [bb.next.a, 3], s);
    bb.permutationProves('first', 9, [bb.airValues.tag, a], bb.isFirstRow);
    bb.lookupAssumes('const', 9, [7, 11, bb.airValues.tag]);
    bb.lookupProves('long', 12, [a, b, m, s, a.add(b)], 2);
  },
});

export function busyInstance(logRows: number, seed: number) {
  const rng = new Rng(seed);
  const n = 2 ** logRows;
  const trace = new Matrix(4, n);
  for (let r = 0; r < n; r++) for (let c = 0; c < 4; c++) trace.set(r, c, rng.int(3) ? rng.element() : BigInt(rng.int(4)));
  return { air: busyAir, trace, airValues: [rng.element()] };
}

// AIRs for the constraint engine's tests: every leaf kind and interaction shape the examples lack.
import { Air, defineAir, P, type AirBuilder, type AirInstance, type Expr } from '../../air/index.js';
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

/** Messages on two buses (with a trailing zero value, and a one-value message): the sender side. */
export const sendAir = defineAir({
  name: 'Send',
  columns: { a: 1, b: 1, m: 1, k: 1 },
  eval(bb) {
    const { a, b, m, k } = bb.main;
    bb.lookupProves('ab', 1, [a, b], m);
    bb.lookupProves('a0', 2, [a, 0], k);
    bb.permutationProves('b', 1, [b], k);
  },
});

/** The same messages consumed. */
export const receiveAir = defineAir({
  name: 'Receive',
  columns: { a: 1, b: 1, m: 1, k: 1 },
  eval(bb) {
    const { a, b, m, k } = bb.main;
    bb.lookupAssumes('ab', 1, [a, b], m);
    bb.lookupAssumes('a0', 2, [a], k);
    bb.permutationAssumes('b', 1, [b], k);
  },
});

/** A sender trace with small values (messages repeat) and the receiver holding its rows permuted. */
export function sendReceivePair(logRows: number, seed: number) {
  const rng = new Rng(seed);
  const n = 2 ** logRows;
  const send = new Matrix(4, n), receive = new Matrix(4, n);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  for (let r = 0; r < n; r++) {
    const row = [BigInt(rng.int(4)), BigInt(rng.int(3)), BigInt(rng.int(3)), BigInt(rng.int(2))];
    row.forEach((v, c) => {
      send.set(r, c, v);
      receive.set(perm[r]!, c, v);
    });
  }
  return [
    { air: sendAir, trace: send, label: `Send #${seed}` },
    { air: receiveAir, trace: receive },
  ] as const;
}

/**
 * Constraints with common factors (factor.ts): a selector and a column shared as multipliers by at
 * least four constraints each, row-invariant factors (a constant, an air value), and one constraint
 * asserted twice. The all-zero trace satisfies every constraint.
 */
export const factoredAir = defineAir({
  name: 'Factored',
  columns: { x: 6 },
  airValues: { s: 1 },
  eval(b) {
    const x = b.main.x;
    for (let i = 0; i < 5; i++) b.whenTransition().assertEq(`x${i}' = x${i}·x${i + 1}`, b.next.x[i]!, x[i]!.mul(x[i + 1]!));
    for (let i = 0; i < 4; i++) b.when(x[5]!).assertEq(`x5 ⇒ x${i} = 0`, x[i]!, 0);
    b.assertZero('3·(x0 − x1)', x[0]!.sub(x[1]!).mul(3));
    b.assertZero('s·x2·x3', b.airValues.s.mul(x[2]!.mul(x[3]!)));
    b.assertZero('s·x2·x3 again', b.airValues.s.mul(x[2]!.mul(x[3]!)));
    b.whenFirstRow().assertZero('x4 starts at 0', x[4]!);
  },
});

export function factoredInstance(logRows: number, seed: number, random: boolean) {
  const rng = new Rng(seed);
  const n = 2 ** logRows;
  const trace = new Matrix(6, n);
  if (random) for (let r = 0; r < n; r++) for (let c = 0; c < 6; c++) trace.set(r, c, rng.int(2) ? rng.element() : 0n);
  return { air: factoredAir, trace, airValues: [rng.element()] };
}

/**
 * A random AIR from a seed: random expressions over every column kind, air values, selectors and
 * constants; constraints in every scope (some sharing a multiplier); random interactions. Its
 * maximum degree is high, so it is for evaluation tests, not for proving.
 */
export function randomAir(seed: number): Air {
  const rng = new Rng(seed);
  const spec = {
    name: `Random${seed}`,
    columns: { x: 5 },
    fixed: { f: 2 },
    program: { p: 1 },
    airValues: { v: 2 },
    eval(b: AirBuilder<{ x: 5 }, { f: 2 }, { p: 1 }, { v: 2 }>) {
      const leaves: Expr[] = [...b.main.x, ...b.next.x, ...b.fixed.f, ...b.fixedNext.f, b.program.p, ...b.airValues.v, b.isFirstRow, b.isLastRow];
      const pool = [...leaves];
      const pick = () => pool[rng.int(pool.length)]!;
      for (let i = 0; i < 25; i++) {
        const op = rng.int(5);
        pool.push(op === 0 ? pick().add(pick()) : op === 1 ? pick().sub(pick()) : op === 2 ? pick().mul(pick()) : op === 3 ? pick().mul(rng.element()) : pick().neg());
      }
      const shared = pick();
      for (let i = 0; i < 12; i++) {
        const e = pick();
        const scope = rng.int(5);
        const label = `c${i}`;
        if (scope === 0) b.assertZero(label, e);
        else if (scope === 1) b.whenTransition().assertZero(label, e);
        else if (scope === 2) b.when(shared).assertZero(label, e);
        else if (scope === 3) b.assertZero(label, e.mul(rng.int(7) + 2));
        else b.whenFirstRow().assertZero(label, e);
      }
      for (let i = 0; i < 3; i++) b.lookupProves(`i${i}`, rng.int(3), [pick(), pick()].slice(0, 1 + rng.int(2)), rng.int(2) ? pick() : 1);
    },
    fixedValues() {},
  };
  return new Air(spec as never, 1000);
}

/** Cells are non-zero with probability 1/sparsity (sparse traces break constraints on later rows). */
export function randomAirInstance(air: Air, logRows: number, seed: number, sparsity = 1.5): AirInstance {
  const rng = new Rng(seed);
  const n = 2 ** logRows;
  const m = (w: number) => {
    const out = new Matrix(w, n);
    for (let r = 0; r < n; r++) for (let c = 0; c < w; c++) out.set(r, c, rng.int(1000) < 1000 / sparsity ? rng.element() : 0n);
    return out;
  };
  return { air, trace: m(5), fixed: m(2), program: m(1), airValues: [rng.element(), rng.element()] };
}

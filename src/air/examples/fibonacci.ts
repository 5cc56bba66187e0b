import { defineAir } from '../define.js';
import { Matrix } from '../../matrix/index.js';
import { P } from '../expr.js';

/** Rows (a, b) with a' = b and b' = a + b; the first row and the last b are per-instance values. */
export const fibonacciAir = defineAir({
  name: 'Fibonacci',
  columns: { a: 1, b: 1 },
  airValues: { a0: 1, b0: 1, result: 1 },
  eval(b) {
    const { a, b: bb } = b.main;
    const next = b.next;
    const v = b.airValues;
    b.whenFirstRow().assertEq('a starts at a0', a, v.a0);
    b.whenFirstRow().assertEq('b starts at b0', bb, v.b0);
    b.whenTransition().assertEq("a' = b", next.a, bb);
    b.whenTransition().assertEq("b' = a + b", next.b, a.add(bb));
    b.whenLastRow().assertEq('the last b is the result', bb, v.result);
  },
});

/** An honest Fibonacci instance of 2^logRows rows. */
export function fibonacciInstance(logRows: number, a0 = 0n, b0 = 1n) {
  const n = 2 ** logRows;
  const trace = new Matrix(fibonacciAir.width, n);
  let a = a0;
  let b = b0;
  for (let r = 0; r < n; r++) {
    trace.set(r, fibonacciAir.cols.a, a);
    trace.set(r, fibonacciAir.cols.b, b);
    [a, b] = [b, (a + b) % P];
  }
  return { air: fibonacciAir, trace, airValues: [a0, b0, trace.get(n - 1, fibonacciAir.cols.b)] };
}

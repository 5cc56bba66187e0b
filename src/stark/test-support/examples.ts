// Systems and instances the STARK tests, the fixture and the benchmark share.
import { defineAir, P, type Air, type AirInstance } from '../../air/index.js';
import { fibonacciAir, fibonacciInstance } from '../../air/examples/fibonacci.js';
import { byteLookupInstances, byteTableAir, wordBytesAir } from '../../air/examples/byte-lookup.js';
import { wideAir, wideInstance } from '../../air/examples/wide.js';
import { Matrix } from '../../matrix/index.js';
import { defineSystem, starkInstance, type StarkInstance, type StarkSystem } from '../index.js';

export { fibonacciAir, fibonacciInstance, byteLookupInstances, byteTableAir, wordBytesAir, wideAir, wideInstance };

/** The bus on which FibOut publishes its result; the verifier consumes it from public value 0. */
export const RESULT_BUS = 5;

/** Fibonacci whose last value is sent on RESULT_BUS, so the public output is tied to the trace. */
export const fibOutAir = defineAir({
  name: 'FibOut',
  columns: { a: 1, b: 1 },
  airValues: { a0: 1, b0: 1, result: 1 },
  eval(b) {
    const { a, b: bb } = b.main;
    const v = b.airValues;
    b.whenFirstRow().assertEq('a starts at a0', a, v.a0);
    b.whenFirstRow().assertEq('b starts at b0', bb, v.b0);
    b.whenTransition().assertEq("a' = b", b.next.a, bb);
    b.whenTransition().assertEq("b' = a + b", b.next.b, a.add(bb));
    b.whenLastRow().assertEq('the last b is the result', bb, v.result);
    b.lookupProves('result', RESULT_BUS, [v.result], b.isLastRow);
  },
}) as unknown as Air;

export function fibOutInstance(logRows: number, a0 = 0n, b0 = 1n): AirInstance {
  const f = fibonacciInstance(logRows, a0, b0);
  return { ...f, air: fibOutAir };
}

/** An AIR with a program column: x = 2·c (c the program) and a running counter over the rows. */
export const programAir = defineAir({
  name: 'Doubler',
  columns: { x: 1, i: 1 },
  program: { c: 1 },
  eval(b) {
    b.assertEq('x = 2c', b.main.x, b.program.c.mul(2));
    b.whenFirstRow().assertZero('i starts at 0', b.main.i);
    b.whenTransition().assertEq("i' = i + 1", b.next.i, b.main.i.add(1));
  },
}) as unknown as Air;

export function programInstance(logRows: number, seed = 3): AirInstance {
  const n = 2 ** logRows;
  const program = new Matrix(1, n);
  const trace = new Matrix(2, n);
  let s = BigInt(seed);
  for (let r = 0; r < n; r++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) % P;
    program.set(r, 0, s);
    trace.set(r, 0, (2n * s) % P);
    trace.set(r, 1, BigInt(r));
  }
  return { air: programAir, trace, program };
}

/**
 * The multi-AIR test system: the byte table and its user, FibOut with one public value (its
 * result, consumed by a global bus term), the wide AIR, and the program AIR.
 */
export const wide8 = wideAir(8);
export const testSystem: StarkSystem = defineSystem({
  airs: [byteTableAir, wordBytesAir, fibOutAir, wide8, programAir, fibonacciAir],
  publicCount: 1,
  globalBusTerms: (publics) => [{ label: 'published result', bus: RESULT_BUS, values: [publics[0]!], multiplicity: -1n }],
});

/** FibOut's result for a trace of 2^logRows rows from (0, 1). */
export function fibResult(logRows: number): bigint {
  const inst = fibOutInstance(logRows);
  return inst.airValues![2]!;
}

/** A proof's worth of instances of testSystem, with different heights. */
export function mixedInstances(): { instances: StarkInstance[]; publics: bigint[] } {
  const [table, words] = byteLookupInstances(3, 6);
  const list: AirInstance[] = [table, words, fibOutInstance(4), wideInstance(wide8, 5), programInstance(3)];
  return { instances: list.map((i) => starkInstance(testSystem, i)), publics: [fibResult(4)] };
}

export function cloneMatrix(m: Matrix): Matrix {
  return new Matrix(m.width, m.height, m.data.slice());
}

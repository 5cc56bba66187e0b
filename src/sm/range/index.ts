/**
 * Shared range checks: one table of 2^16 rows that proves, for each supported bit size k, every
 * value below 2^k on the range bus as `[k, value]`. Any AIR checks that an expression is a k-bit
 * integer with `assumeRange`, and its witness builder counts the values it checked with
 * `countRange`; the table is built last from those counts.
 *
 * Adding a size is one entry in RANGE_BITS: it costs the table one fixed column, one multiplicity
 * column and one bus interaction.
 */
import { defineAir, type AirBuilder, type ColumnCounts, type ExprLike } from '../../air/index.js';
import { RANGE_BUS } from '../../bus/index.js';
import type { ComponentBuilder, TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';

/**
 * The bit sizes the table proves. 15 serves sign bits: a 16-bit chunk t with top bit s is checked as
 * `[15, t − 0x8000·s]` in one lookup (Arith's signed chunks).
 */
export const RANGE_BITS = [8, 15, 16] as const;
export type RangeBits = (typeof RANGE_BITS)[number];

const LOG_ROWS = 16;
const ROWS = 2 ** LOG_ROWS;

export const rangeAir = defineAir({
  name: 'RangeTable',
  /** count[i]: how many times each row's value was checked against size RANGE_BITS[i]. */
  columns: { count: RANGE_BITS.length },
  /** value[i] = row mod 2^RANGE_BITS[i]. */
  fixed: { value: RANGE_BITS.length },
  logRows: LOG_ROWS,
  eval(b) {
    RANGE_BITS.forEach((k, i) => b.lookupProves(`values below 2^${k}`, RANGE_BUS, [k, b.fixed.value[i]!], b.main.count[i]!));
  },
  fixedValues(logRows, m, layout) {
    const n = 2 ** logRows;
    RANGE_BITS.forEach((k, i) => {
      const mask = 2 ** k - 1;
      for (let r = 0; r < n; r++) m.setU32(r, layout.value[i]!, r & mask);
    });
  },
});

/** Asserts that `value` is an integer in [0, 2^bits) where `selector` is 1 (a bus assumption). */
export function assumeRange<C extends ColumnCounts, F extends ColumnCounts, G extends ColumnCounts, V extends ColumnCounts>(
  b: AirBuilder<C, F, G, V>,
  label: string,
  bits: RangeBits,
  value: ExprLike,
  selector: ExprLike = 1,
): void {
  b.lookupAssumes(label, RANGE_BUS, [bits, value], selector);
}

/**
 * Asserts once per instance that `value`, an expression of air values, is an integer in
 * [0, 2^bits) (a direct term: no stage-2 column). Count it like a row's check.
 */
export function assumeRangeOnce<C extends ColumnCounts, F extends ColumnCounts, G extends ColumnCounts, V extends ColumnCounts>(
  b: AirBuilder<C, F, G, V>,
  label: string,
  bits: RangeBits,
  value: ExprLike,
  multiplicity: ExprLike = 1,
): void {
  b.directAssumes(label, RANGE_BUS, [bits, value], multiplicity);
}

/** The counts of checked values of one size (index = value), which a witness builder adds to. */
export function rangeCounts(tables: TableMultiplicities, bits: RangeBits): Float64Array {
  const slot = RANGE_BITS.indexOf(bits) * ROWS;
  return tables.of(rangeAir, ROWS * RANGE_BITS.length).subarray(slot, slot + 2 ** bits);
}

export const rangeComponent: ComponentBuilder<never, null> = {
  name: 'range',
  airs: [rangeAir],
  plan() {
    return [{ air: rangeAir, segment: 0, instanceType: 'table', checkPoint: { kind: 'none' }, logRows: LOG_ROWS, meta: null }];
  },
  buildInstance({ plan }) {
    return {
      instanceType: 'table',
      checkPoint: () => plan.checkPoint,
      buildInputsCollector: () => undefined,
      computeWitness({ tables }) {
        const trace = new Matrix(RANGE_BITS.length, ROWS);
        const counts = tables.get(rangeAir);
        if (counts) {
          RANGE_BITS.forEach((k, i) => {
            for (let v = 0; v < 2 ** k; v++) {
              const c = counts[i * ROWS + v]!;
              if (c) trace.set(v, rangeAir.cols.count[i]!, BigInt(c));
            }
          });
        }
        return { air: rangeAir, trace, fixed: rangeAir.fixedValues(LOG_ROWS, (w, h) => new Matrix(w, h)), label: 'RangeTable' };
      },
      debug: () => 'RangeTable: 2^16 rows',
      reset() {},
    };
  },
};

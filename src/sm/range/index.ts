/**
 * Shared range checks: one table of 2^16 rows that proves, for each supported bit size k, every
 * value below 2^k on the range bus as `[k, value]`. Any AIR checks that an expression is a k-bit
 * integer with `assumeRange`, and its witness builder counts the values it checked with
 * `countRange`; the table is built last from those counts.
 *
 * Adding a size is one entry in RANGE_BITS: it costs the table one fixed column, one multiplicity
 * column and one bus interaction.
 *
 * The 8-bit entry checks bytes in pairs: row r proves `[8, r mod 256, r >> 8]`, so one lookup
 * `[8, b0, b1]` (`assumeBytes`) checks two bytes. A single byte `[8, b]` is the pair `[8, b, 0]` (a
 * trailing zero does not change a bus fingerprint), so single-byte checks hit rows 0..255 as before.
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
  /** value[i] = row mod 2^RANGE_BITS[i]; byteHigh = row >> 8, the second byte of the 8-bit entry. */
  fixed: { value: RANGE_BITS.length, byteHigh: 1 },
  logRows: LOG_ROWS,
  eval(b) {
    RANGE_BITS.forEach((k, i) => {
      const values = k === 8 ? [k, b.fixed.value[i]!, b.fixed.byteHigh] : [k, b.fixed.value[i]!];
      b.lookupProves(`values below 2^${k}`, RANGE_BUS, values, b.main.count[i]!);
    });
  },
  fixedValues(logRows, m, layout) {
    const n = 2 ** logRows;
    RANGE_BITS.forEach((k, i) => {
      const mask = 2 ** k - 1;
      for (let r = 0; r < n; r++) m.setU32(r, layout.value[i]!, r & mask);
    });
    for (let r = 0; r < n; r++) m.setU32(r, layout.byteHigh, r >>> 8);
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

/** Asserts that `b0` and `b1` are both bytes where `selector` is 1: one lookup for two bytes. */
export function assumeBytes<C extends ColumnCounts, F extends ColumnCounts, G extends ColumnCounts, V extends ColumnCounts>(
  b: AirBuilder<C, F, G, V>,
  label: string,
  b0: ExprLike,
  b1: ExprLike,
  selector: ExprLike = 1,
): void {
  b.lookupAssumes(label, RANGE_BUS, [8, b0, b1], selector);
}

/** The counts of checked values of one size (index = value), which a witness builder adds to. */
export function rangeCounts(tables: TableMultiplicities, bits: RangeBits): Float64Array {
  const slot = RANGE_BITS.indexOf(bits) * ROWS;
  return tables.of(rangeAir, ROWS * RANGE_BITS.length).subarray(slot, slot + 2 ** bits);
}

/** The counts of checked byte pairs, indexed b0 + 256·b1 (single bytes are the pairs with b1 = 0). */
export function bytePairCounts(tables: TableMultiplicities): Float64Array {
  const slot = RANGE_BITS.indexOf(8) * ROWS;
  return tables.of(rangeAir, ROWS * RANGE_BITS.length).subarray(slot, slot + ROWS);
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
            // The 8-bit entry uses every row (byte pairs); the others the rows below 2^k.
            const used = k === 8 ? ROWS : 2 ** k;
            for (let v = 0; v < used; v++) {
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

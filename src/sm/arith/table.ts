/**
 * ArithTable: the 14 Arith ops with their class flags (./classes.ts), one row each, padded to 16
 * rows by repeating the first. Arith looks `[op, flags]` up on every real row, so a row can only
 * claim the semantics its op has. The signs, division by zero and overflow are data, constrained in
 * the Arith AIR itself: the table needs no row per sign combination (ZisK's has 74).
 */
import { defineAir } from '../../air/index.js';
import { ARITH_CLASSES } from './classes.js';

/** The table bus: `[op, flags]` with flags = DV + 2·M32 + 4·SA + 8·SB + 16·MM + 32·MDV. */
export const ARITH_TABLE_BUS = 331;

export const ARITH_TABLE_LOG_ROWS = 4;
export const ARITH_TABLE_ROWS = 2 ** ARITH_TABLE_LOG_ROWS;

export const arithTableAir = defineAir({
  name: 'ArithTable',
  columns: { multiplicity: 1 },
  fixed: { op: 1, flags: 1 },
  logRows: ARITH_TABLE_LOG_ROWS,
  eval(b) {
    b.lookupProves('each Arith op with its class flags', ARITH_TABLE_BUS, [b.fixed.op, b.fixed.flags], b.main.multiplicity);
  },
  fixedValues(logRows, m, layout) {
    const n = 2 ** logRows;
    for (let r = 0; r < n; r++) {
      // Padding repeats the first row: it adds no combination.
      const [op, flags] = ARITH_CLASSES[r < ARITH_CLASSES.length ? r : 0]!;
      m.setU32(r, layout.op, op);
      m.setU32(r, layout.flags, flags);
    }
  },
});

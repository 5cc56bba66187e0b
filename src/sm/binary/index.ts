/**
 * The Binary family: Binary (comparisons, min/max, add/sub, bitwise ops and Arith's internal
 * checks), BinaryAdd (64-bit add, used only where it is cheaper), BinaryExtension (shifts and sign
 * extensions) and BinaryTable, the one table they look bytes up in.
 *
 * Where this differs from ZisK, and why (our prover pays (trace + LogUp columns) × rows per AIR, and
 * a table's full height on every proof):
 *
 * - One packed table of 2^17 rows with 30 multiplicity columns (./table.ts) instead of BinaryTable
 *   (2^23 rows) and BinaryExtensionTable (6·2^19 + 3·2^11 rows): ~10 M cells instead of ~80 M.
 * - Binary's byte lookups name a byte *relation* (22 of them, shared by several ops: ./classes.ts)
 *   rather than the op; an op-table lookup ties the op to its relations and initial carry. That costs
 *   Binary three more columns (42 against ZisK's 39) and saves ~20 table columns.
 * - gt, le, leu, max and maxu start their borrow chain at 1 (a − b − 1 < 0 ⟺ a ≤ b) instead of
 *   having their own ≤ rows, and lt_abs_np/pn negate with a carry kept in the same chain, whose
 *   final negation carry is dropped (−v mod 2^64): |r| = |d| compares equal, never "less".
 * - `_w` ops end at byte 3: bytes 4–7 are not looked up, and the result's sign bit comes with the
 *   byte-3 lookup, so no last-carry correction is needed in 32-bit mode.
 * - BinaryAdd keeps its two carries as degree-2 expressions instead of columns (9 columns).
 * - BinaryExtension looks bytes up by (op, position, byte, 6-bit amount): one table column per op
 *   (one for the three sign extensions), and checks the rest of the shift amount with two 16-bit
 *   range lookups.
 * - Padding rows send nothing (a `sel` column), where ZisK cancels padding ADD rows with a global
 *   term.
 * - a and b are not range-checked beyond the bytes the table sees: an operation message must equal
 *   one that Main or Arith assumes, whose operands are canonical limbs, so a row with other operands
 *   can prove nothing anyone uses. c and the flag are built from table bytes and checked carries.
 *
 * Per row: Binary 42 columns + 18 LogUp; BinaryAdd 9 + 12; BinaryExtension 33 + 21 (ZisK's AIRs
 * have 39, 10 and ~29 columns, before their LogUp columns).
 *
 * Planning follows ZisK's BinaryPlanner: BinaryExtension from its count; BinaryAdd for adds only if
 * Binary-for-the-rest plus BinaryAdd-for-the-adds costs fewer padded cells than Binary for all.
 */
export { binaryAir, binaryTrace } from './basic.js';
export { binaryAddAir, binaryAddTrace } from './add.js';
export { binaryExtensionAir, binaryExtensionTrace } from './extension.js';
export { binaryTableAir, binaryTableFixed, binaryTableTrace, BINARY_TABLE_BUS, BINARY_EXTENSION_TABLE_BUS, TABLE_LOG_ROWS } from './table.js';
export { OperationList } from './operations.js';
export { binaryComponent, planCost, useBinaryAdd, type BinaryCounts, type BinaryMeta } from './component.js';

/**
 * BinaryAdd: 64-bit `add` only, one cheap row per operation (9 columns, 5 interactions, against
 * Binary's 42 columns and 10 interactions).
 *
 * Columns: sel, a[2], b[2] (32-bit limbs, canonical because they must equal what Main assumes),
 * c[4] (16-bit chunks of the sum, range-checked through the shared range table). With
 *     d0 = a0 + b0 − (c0 + 2^16·c1)          d1 = a1 + b1 + d0/2^32 − (c2 + 2^16·c3)
 * the constraints d0·(d0 − 2^32) = 0 and d1·(d1 − 2^32) = 0 say that each limb's carry d/2^32 is
 * 0 or 1, so c = a + b mod 2^64. ZisK keeps the two carries as columns; here they are expressions
 * (degree 2 instead of two more columns).
 */
import { defineAir } from '../../air/index.js';
import { OPERATION_BUS } from '../../bus/index.js';
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { OP_ADD } from '../../zisk/index.js';
import { assumeRange, rangeCounts } from '../range/index.js';
import type { OperationList } from './operations.js';

const TWO_16 = 65536;
const TWO_32 = 2 ** 32;
/** 2^−32 mod p. */
const INV_TWO_32 = 18446744065119617026n;

export const binaryAddAir = defineAir({
  name: 'BinaryAdd',
  columns: { sel: 1, a: 2, b: 2, c: 4 },
  eval(b) {
    const { sel, a, b: bb, c } = b.main;
    b.assertBool('sel is boolean', sel);
    const cLo = c[0]!.add(c[1]!.mul(TWO_16));
    const cHi = c[2]!.add(c[3]!.mul(TWO_16));
    const d0 = a[0]!.add(bb[0]!).sub(cLo);
    const d1 = a[1]!.add(bb[1]!).add(d0.mul(INV_TWO_32)).sub(cHi);
    b.assertZero('low limb carries 0 or 1', d0.mul(d0.sub(TWO_32)));
    b.assertZero('high limb carries 0 or 1', d1.mul(d1.sub(TWO_32)));
    c.forEach((chunk, i) => assumeRange(b, `c chunk ${i} is 16 bits`, 16, chunk, sel));
    b.lookupProves('BinaryAdd proves the addition', OPERATION_BUS, [OP_ADD, a[0]!, a[1]!, bb[0]!, bb[1]!, cLo, cHi, 0], sel);
  },
});

const C = binaryAddAir.cols;

/** A BinaryAdd instance of 2^logRows rows holding the adds of `lists` in order. */
export function binaryAddTrace(lists: readonly OperationList[], logRows: number, tables: TableMultiplicities): Matrix {
  const n = 2 ** logRows;
  let total = 0;
  for (const l of lists) total += l.length;
  if (total > n) throw new Error(`BinaryAdd: ${total} operations do not fit 2^${logRows} rows`);
  const trace = new Matrix(binaryAddAir.width, n);
  const range = rangeCounts(tables, 16);
  const col = (j: number) => trace.column(j);
  const sel = col(C.sel), a0 = col(C.a[0]!), a1 = col(C.a[1]!), b0 = col(C.b[0]!), b1 = col(C.b[1]!);
  const c0 = col(C.c[0]!), c1 = col(C.c[1]!), c2 = col(C.c[2]!), c3 = col(C.c[3]!);
  let row = 0;
  for (const l of lists) {
    for (let i = 0; i < l.length; i++, row++) {
      if (l.op[i] !== OP_ADD) throw new Error(`BinaryAdd: row ${row}: op 0x${l.op[i]!.toString(16)} is not add`);
      const aLo = l.operands[4 * i]!, aHi = l.operands[4 * i + 1]!, bLo = l.operands[4 * i + 2]!, bHi = l.operands[4 * i + 3]!;
      const lo = aLo + bLo;
      const carry = lo >= TWO_32 ? 1 : 0;
      const cLo = lo >>> 0;
      const cHi = (aHi + bHi + carry) >>> 0;
      const w = 2 * row;
      sel[w] = 1;
      a0[w] = aLo;
      a1[w] = aHi;
      b0[w] = bLo;
      b1[w] = bHi;
      c0[w] = cLo & 0xffff;
      c1[w] = cLo >>> 16;
      c2[w] = cHi & 0xffff;
      c3[w] = cHi >>> 16;
      range[cLo & 0xffff]! += 1;
      range[cLo >>> 16]! += 1;
      range[cHi & 0xffff]! += 1;
      range[cHi >>> 16]! += 1;
    }
  }
  return trace;
}

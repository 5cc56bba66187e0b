import { defineAir } from '../define.js';
import { Matrix } from '../../matrix/index.js';

/** The bus of the example: messages [byte]. */
export const BYTE_BUS = 77;

/**
 * A table AIR: its fixed column lists 0..255 once each; its witness column counts how many times
 * each byte was looked up, and the table proves each row that many times.
 */
export const byteTableAir = defineAir({
  name: 'ByteTable',
  columns: { multiplicity: 1 },
  fixed: { byte: 1 },
  logRows: 8,
  eval(b) {
    b.lookupProves('byte table row', BYTE_BUS, [b.fixed.byte], b.main.multiplicity);
  },
  fixedValues(_logRows, m, layout) {
    for (let r = 0; r < 256; r++) m.setU32(r, layout.byte, r);
  },
});

/**
 * An AIR that splits 32-bit words into bytes and looks each byte up in the table: `word` is the
 * sum of the bytes, and `sel` (boolean) says whether the row is real.
 */
export const wordBytesAir = defineAir({
  name: 'WordBytes',
  columns: { word: 1, bytes: 4, sel: 1 },
  eval(b) {
    const { word, bytes, sel } = b.main;
    b.assertBool('sel is boolean', sel);
    b.assertEq('word is the sum of its bytes', word, bytes[0]!.add(bytes[1]!.mul(1 << 8)).add(bytes[2]!.mul(1 << 16)).add(bytes[3]!.mul(1 << 24)));
    bytes.forEach((byte, i) => b.lookupAssumes(`byte ${i} is a byte`, BYTE_BUS, [byte], sel));
  },
});

/** Honest instances: `count` words (the rest of the 2^logRows rows are padding) and the table. */
export function byteLookupInstances(logRows: number, count: number, seed = 7) {
  const n = 2 ** logRows;
  if (count > n) throw new RangeError(`${count} words do not fit ${n} rows`);
  const words = new Matrix(wordBytesAir.width, n);
  const mult = new Array<number>(256).fill(0);
  let s = seed >>> 0;
  const c = wordBytesAir.cols;
  for (let r = 0; r < count; r++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    words.setU32(r, c.word, s);
    for (let i = 0; i < 4; i++) {
      const byte = (s >>> (8 * i)) & 0xff;
      words.setU32(r, c.bytes[i]!, byte);
      mult[byte]!++;
    }
    words.setU32(r, c.sel, 1);
  }
  const table = new Matrix(byteTableAir.width, 256);
  mult.forEach((m, byte) => table.setU32(byte, byteTableAir.cols.multiplicity, m));
  const fixed = byteTableAir.fixedValues(8, (w, h) => new Matrix(w, h))!;
  return [
    { air: byteTableAir, trace: table, fixed },
    { air: wordBytesAir, trace: words },
  ] as const;
}

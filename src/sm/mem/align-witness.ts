/**
 * The witness of one MemAlign instance: one row per access, padding rows all zero (sel = 0).
 */
import type { Air, AirInstance } from '../../air/index.js';
import { MEM_STORE } from '../../bus/index.js';
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { bytePairCounts } from '../range/index.js';
import { mergeBytes } from './access.js';
import { ALIGN_WIDTHS, alignLayout, valueBytes } from './align-air.js';
import { AlignCollector } from './collector.js';

export interface AlignWitnessInput {
  readonly air: Air;
  readonly logRows: number;
  readonly collectors: readonly AlignCollector[];
  readonly tables: TableMultiplicities;
  readonly label: string;
}

export function alignWitness(input: AlignWitnessInput): AirInstance {
  const { air, tables, label } = input;
  const L = alignLayout(air);
  const words = L.words;
  const span = 8 * words;
  const nv = valueBytes(words);
  const widths = ALIGN_WIDTHS[words];
  const rows = 2 ** input.logRows;
  const trace = new Matrix(air.width, rows);
  const col = (j: number) => trace.column(j);
  const cAddr = col(L.addr);
  const cOff = L.off.map(col);
  const cWidth = L.width.map(col);
  const cWr = col(L.wr);
  const cStep = col(L.step);
  const cQ = L.q.map(col);
  const cV = L.v.map(col);
  const cVHigh = L.vHigh >= 0 ? col(L.vHigh) : undefined;
  const cNw = L.nw.map(col);
  const pairs = bytePairCounts(tables);
  // The two words as bytes and as limbs (the platform is little-endian: checked by the emulator).
  const win32 = new Uint32Array(4);
  const win = new Uint8Array(win32.buffer);
  const q = new Uint8Array(16);
  const v = new Uint8Array(8);
  const widthIndex = new Int8Array(9).fill(-1);
  widths.forEach((w, j) => (widthIndex[w] = j));

  let r = 0;
  for (const c of input.collectors) {
    const d = c.data;
    for (let a = 0; a < c.n; a++, r++) {
      if (r >= rows) throw new Error(`${label}: more accesses than its ${rows} rows`);
      const o = a * AlignCollector.STRIDE;
      const store = d[o] === MEM_STORE;
      const addr = d[o + 1]!;
      const bytes = d[o + 4]!;
      const off = addr & 7;
      const wi = bytes <= 8 ? widthIndex[bytes]! : -1;
      if (wi < 0 || (off + bytes > 8) !== (words === 2)) throw new Error(`${label}: access of ${bytes} bytes at 0x${addr.toString(16)} does not belong here`);
      win32[0] = d[o + 5]!;
      win32[1] = d[o + 6]!;
      win32[2] = d[o + 7]!;
      win32[3] = d[o + 8]!;
      for (let k = 0; k < span; k++) q[k] = win[(off + k) & (span - 1)]!;
      const vLo = d[o + 9]!;
      const vHi = d[o + 10]!;
      if (store) {
        for (let k = 0; k < nv; k++) v[k] = (k < 4 ? vLo >>> (8 * k) : vHi >>> (8 * (k - 4))) & 0xff;
        mergeBytes(win, off, bytes, vLo, vHi);
      } else {
        for (let k = 0; k < nv; k++) v[k] = k < bytes ? q[k]! : 0;
      }

      const r2 = 2 * r;
      cAddr[r2] = Math.floor(addr / 8);
      cOff[off]![r2] = 1;
      cWidth[wi]![r2] = 1;
      cWr[r2] = store ? 1 : 0;
      cStep[r2] = d[o + 2]!;
      cStep[r2 + 1] = d[o + 3]!;
      for (let k = 0; k < span; k++) cQ[k]![r2] = q[k]!;
      for (let k = 0; k < nv; k++) cV[k]![r2] = v[k]!;
      if (cVHigh) cVHigh[r2] = store ? vHi : 0;
      for (let j = 0; j < 2 * words; j++) cNw[j]![r2] = win32[j]!;
      for (let k = 0; k < span; k += 2) pairs[q[k]! + 256 * q[k + 1]!]! += 1;
      for (let k = 0; k < nv; k += 2) pairs[v[k]! + 256 * v[k + 1]!]! += 1;
    }
  }
  return { air, trace, label };
}

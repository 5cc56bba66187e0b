/**
 * The witness of one Mem-family instance: its accesses sorted by (word, mem_step), one row each,
 * then padding rows that repeat the last row with sel = 0 (a read at the same step: increment 0).
 */
import type { Air, AirInstance } from '../../air/index.js';
import type { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { bytePairCounts, rangeCounts } from '../range/index.js';
import type { AccessList } from './collector.js';
import { memLayout } from './mem-air.js';
import type { Region } from './regions.js';

const TWO_32 = 4294967296;

/** The state an instance starts from (its predecessor's last access). */
export interface StartState {
  readonly addr: number;
  readonly step: number;
  readonly lo: number;
  readonly hi: number;
}

/** Read-only data for RomData: its words and the table counts to add to. */
export interface RomDataSource {
  readonly firstWord: number;
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly counts: Float64Array;
}

export interface MemWitnessInput {
  readonly air: Air;
  readonly region: Region;
  readonly logRows: number;
  readonly segment: number;
  readonly isLast: boolean;
  readonly start: StartState;
  readonly accesses: AccessList;
  readonly tables: TableMultiplicities;
  readonly romData?: RomDataSource | undefined;
  readonly label: string;
}

/** Below this many accesses a comparison sort beats the radix sort's bucket passes. */
const RADIX_MIN = 1 << 14;

/**
 * Indices that put the accesses in (word, step) order. They arrive in step order, so a stable sort
 * by word is enough: two 16-bit counting passes over the word offset (the region spans < 2^32
 * words), or for few accesses a float sort of word·n + index.
 */
export function sortedOrder(a: AccessList): Uint32Array {
  const n = a.n;
  const word = a.word;
  let base = Infinity;
  for (let i = 0; i < n; i++) if (word[i]! < base) base = word[i]!;
  if (n < RADIX_MIN) {
    // Word span (≤ 2^27) × accesses (< 2^14) stays exact in a float64.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (word[i]! - base) * n + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i]! % n;
    return order;
  }
  const key = new Uint32Array(n);
  for (let i = 0; i < n; i++) key[i] = word[i]! - base;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    let any = false;
    for (let i = 0; i < n; i++) {
      const d = (key[i]! >>> shift) & 0xffff;
      count[d]!++;
      if (d !== 0) any = true;
    }
    if (!any) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      next[count[(key[j]! >>> shift) & 0xffff]!++] = j;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}

export function memWitness(input: MemWitnessInput): AirInstance {
  const { air, region, accesses, tables, start, romData, label } = input;
  const L = memLayout(air);
  const rows = 2 ** input.logRows;
  const n = accesses.n;
  if (n === 0) throw new Error(`${label}: an instance without accesses`);
  if (n > rows) throw new Error(`${label}: ${n} accesses do not fit ${rows} rows`);
  const trace = new Matrix(air.width, rows);
  const col = (j: number) => trace.column(j);
  const cAddr = col(L.addr);
  const cStep = col(L.step);
  const cSel = col(L.sel);
  const cAc = col(L.addrChanges);
  const cL = col(L.l);
  const cH = col(L.h);
  const cX = col(L.x);
  const ram = region.kind === 'ram';
  const input_ = region.kind === 'input';
  const cV0 = input_ ? undefined : col(L.value[0]!);
  const cV1 = input_ ? undefined : col(L.value[1]!);
  const cWr = ram ? col(L.wr) : undefined;
  const cRs = ram ? col(L.readSame) : undefined;
  const cHalf = input_ ? L.half.map(col) : [];
  const cFree = input_ ? col(L.freeRead) : undefined;
  const r16 = rangeCounts(tables, 16);
  const r8 = bytePairCounts(tables);

  const order = sortedOrder(accesses);
  let pAddr = start.addr;
  let pStep = start.step;
  let pLo = start.lo >>> 0;
  let pHi = start.hi >>> 0;
  for (let r = 0; r < rows; r++) {
    const real = r < n;
    let addr = pAddr;
    let step = pStep;
    let lo = pLo;
    let hi = pHi;
    let wr = 0;
    if (real) {
      const i = order[r]!;
      addr = accesses.word[i]!;
      step = accesses.step[i]!;
      lo = accesses.lo[i]!;
      hi = accesses.hi[i]!;
      wr = accesses.write[i]!;
    }
    if (wr && !ram) throw new Error(`${label}: row ${r} writes word 0x${(addr * 8).toString(16)}, which is read-only`);
    const ac = addr !== pAddr ? 1 : 0;
    const inc = ac ? addr - pAddr - 1 : step - pStep + (wr ? 0 : 1) - 1;
    if (inc < 0 || inc >= 2 ** 40) throw new Error(`${label}: row ${r} is out of order (word 0x${(addr * 8).toString(16)}, step ${step} after word 0x${(pAddr * 8).toString(16)}, step ${pStep})`);
    const fresh = ac === 1;
    if (!fresh && !wr && (lo !== pLo || hi !== pHi)) {
      const free = input_ && addr === region.baseWord;
      if (!free) throw new Error(`${label}: row ${r} reads 0x${hi.toString(16)}_${lo.toString(16)} from word 0x${(addr * 8).toString(16)}, which held 0x${pHi.toString(16)}_${pLo.toString(16)}`);
    }
    if (ram && fresh && !wr && (lo !== 0 || hi !== 0)) throw new Error(`${label}: row ${r} reads a non-zero value from word 0x${(addr * 8).toString(16)} before any write`);
    if (region.kind === 'rom' && fresh) {
      const k = addr - romData!.firstWord;
      if (k < 0 || k >= romData!.lo.length || romData!.lo[k] !== lo || romData!.hi[k] !== hi) {
        throw new Error(`${label}: row ${r} reads word 0x${(addr * 8).toString(16)} as 0x${hi.toString(16)}_${lo.toString(16)}, not the program's data`);
      }
      romData!.counts[k]!++;
    }
    // Cells are zero unless written: write the non-zero ones only (most flags and high parts are 0).
    const r2 = 2 * r;
    cAddr[r2] = addr;
    if (step < TWO_32) cStep[r2] = step;
    else {
      cStep[r2] = step % TWO_32;
      cStep[r2 + 1] = Math.floor(step / TWO_32);
    }
    if (real) cSel[r2] = 1;
    if (ac) cAc[r2] = 1;
    let l: number;
    let h: number;
    let x = 0;
    if (inc < TWO_32) {
      l = inc & 0xffff;
      h = inc >>> 16;
    } else {
      l = inc % 65536;
      h = Math.floor(inc / 65536) % 65536;
      x = Math.floor(inc / TWO_32);
    }
    if (l) cL[r2] = l;
    if (h) cH[r2] = h;
    if (x) cX[r2] = x;
    r16[l]! += 1;
    r16[h]! += 1;
    r8[x]! += 1;
    if (input_) {
      const h0 = lo & 0xffff;
      const h1 = lo >>> 16;
      const h2 = hi & 0xffff;
      const h3 = hi >>> 16;
      cHalf[0]![r2] = h0;
      cHalf[1]![r2] = h1;
      cHalf[2]![r2] = h2;
      cHalf[3]![r2] = h3;
      r16[h0]! += 1;
      r16[h1]! += 1;
      r16[h2]! += 1;
      r16[h3]! += 1;
      if (!fresh && addr === region.baseWord) cFree![r2] = 1;
    } else {
      cV0![r2] = lo;
      cV1![r2] = hi;
    }
    if (ram) {
      if (wr) cWr![r2] = 1;
      if (!fresh && !wr) cRs![r2] = 1;
    }
    pAddr = addr;
    pStep = step;
    pLo = lo;
    pHi = hi;
  }

  // Per-instance values: segment, flags, the start and end states, and the region bounds.
  const baseDist = start.addr - (region.baseWord - 1);
  const endDist = region.endWord - pAddr;
  if (baseDist < 0 || endDist < 0 || baseDist >= TWO_32 || endDist >= TWO_32) throw new Error(`${label}: addresses outside ${region.name}'s region`);
  const dist = [baseDist % 65536, Math.floor(baseDist / 65536), endDist % 65536, Math.floor(endDist / 65536)];
  for (const d of dist) r16[d]! += 1;
  const av = new Array<bigint>(air.airValueCount).fill(0n);
  const set = (name: keyof typeof L.av, v: number | readonly number[]) => {
    const idx = L.av[name];
    if (typeof idx === 'number') av[idx] = BigInt(v as number);
    else (v as readonly number[]).forEach((x, i) => (av[idx[i]!] = BigInt(x)));
  };
  set('segment', input.segment);
  set('isFirst', input.segment === 0 ? 1 : 0);
  set('isLast', input.isLast ? 1 : 0);
  set('prevAddr', start.addr);
  set('prevStep', start.step);
  set('prevValue', [start.lo >>> 0, start.hi >>> 0]);
  set('lastAddr', pAddr);
  set('lastStep', pStep);
  set('lastValue', [pLo, pHi]);
  set('baseDist', dist.slice(0, 2));
  set('endDist', dist.slice(2));
  return { air, trace, airValues: av, label };
}

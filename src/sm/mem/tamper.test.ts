// One changed cell per AIR is caught by the debug checker or by the bus balance; so are a dropped
// access and forged reads. The honest runs are sha256 on "abc" (RAM, read-only data, input, accesses
// inside a word) and the misaligned conformance program (accesses across two words).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { P, type AirInstance } from '../../air/index.js';
import type { Matrix } from '../../matrix/index.js';
import { alignLayout, memLayout } from './index.js';
import { copyInstance, firstFailure, imbalance, runGuest, type Run } from './test-support/runs.js';

const sha = runGuest('elf/sha256.elf', 'inputs/sha256/abc.bin');
const mis = runGuest('conformance/misaligned.elf');

test('the honest runs pass', () => {
  for (const run of [sha, mis]) {
    assert.equal(firstFailure(run.instances), undefined);
    assert.equal(imbalance(run), undefined);
  }
});

type Tamper = (inst: ReturnType<typeof copyInstance>) => void;

/** What catches a change to instance `index` of the run: the checker's or the balance's report. */
function caught(run: Run, index: number, tamper: Tamper, standIn?: (m: Matrix) => void): string | undefined {
  const t = copyInstance(run.instances[index]!);
  tamper(t);
  const instances = run.instances.map((x, i) => (i === index ? t : x));
  let standInInst = run.standIn;
  if (standIn) {
    const s = copyInstance(run.standIn);
    standIn(s.trace);
    standInInst = s;
  }
  return firstFailure([t]) ?? imbalance({ ...run, standIn: standInInst }, instances);
}

/** Index of the first instance of `air` with a row satisfying `pick`, and that row. */
function find(run: Run, air: string, pick: (inst: AirInstance, row: number) => boolean): { index: number; row: number } {
  for (let index = 0; index < run.instances.length; index++) {
    const inst = run.instances[index]!;
    if (inst.air.name !== air) continue;
    for (let row = 0; row < inst.trace.height; row++) if (pick(inst, row)) return { index, row };
  }
  throw new Error(`no row of ${air} fits`);
}

const cell = (inst: AirInstance, row: number, col: number): bigint => inst.trace.get(row, col);
const bump = (m: Matrix, row: number, col: number, by = 1n): void => m.set(row, col, (m.get(row, col) + by + P) % P);
/** Flips a boolean cell. */
const flip = (m: Matrix, row: number, col: number): void => m.set(row, col, 1n - m.get(row, col));

/** The stand-in's row for the access at (byte address, mem_step), or −1. */
function findStandInRow(run: Run, addr: bigint, step: bigint): number {
  const t = run.standIn.trace;
  for (let r = 0; r < t.height; r++) if (t.get(r, 1) === addr && t.get(r, 2) === step) return r;
  return -1;
}

function standInRow(run: Run, addr: bigint, step: bigint): number {
  const r = findStandInRow(run, addr, step);
  if (r < 0) throw new Error(`no access of Main at 0x${addr.toString(16)}, step ${step}`);
  return r;
}

for (const air of ['Mem', 'RomData', 'InputData'] as const) {
  const pickRead = (inst: AirInstance, r: number): boolean => {
    const L = memLayout(inst.air);
    return r > 0 && cell(inst, r, L.sel) === 1n && cell(inst, r, L.addrChanges) === 0n && (L.wr < 0 || cell(inst, r, L.wr) === 0n);
  };
  test(`${air}: a changed value, address, step or selector is caught`, () => {
    const { index, row } = find(sha, air, pickRead);
    const L = memLayout(sha.instances[index]!.air);
    const valueCol = L.value.length > 0 ? L.value[0]! : L.half[0]!;
    const changes: [string, Tamper][] = [
      ['value', (t) => bump(t.trace, row, valueCol)],
      ['address', (t) => bump(t.trace, row, L.addr)],
      ['step', (t) => bump(t.trace, row, L.step)],
      ['selector', (t) => flip(t.trace, row, L.sel)],
      ['addrChanges', (t) => flip(t.trace, row, L.addrChanges)],
      ['increment', (t) => bump(t.trace, row, L.l)],
    ];
    if (L.wr >= 0) changes.push(['wr', (t) => flip(t.trace, row, L.wr)], ['readSame', (t) => flip(t.trace, row, L.readSame)]);
    if (L.freeRead >= 0) changes.push(['freeRead', (t) => flip(t.trace, row, L.freeRead)]);
    for (const [what, change] of changes) {
      assert.ok(caught(sha, index, change), `${air}: changing the ${what} of row ${row} went unnoticed`);
    }
  });
  test(`${air}: a changed continuation value (previous or last state) is caught`, () => {
    const index = sha.instances.findIndex((x, i) => x.air.name === air && sha.instances[i + 1]?.air.name === air);
    const L = memLayout(sha.instances[index]!.air);
    for (const name of ['prevAddr', 'prevStep', 'prevValue', 'lastAddr', 'lastStep', 'lastValue', 'segment', 'isLast', 'isFirst'] as const) {
      const idx = L.av[name];
      const k = typeof idx === 'number' ? idx : idx[0]!;
      // Flags flip; other values move by one.
      const change = name === 'isLast' || name === 'isFirst' ? (v: bigint) => 1n - v : (v: bigint) => (v + 1n) % P;
      const got = caught(sha, index, (t) => void (t.airValues[k] = change(t.airValues[k]!)));
      assert.ok(got, `${air}: changing air value ${name} went unnoticed`);
    }
    // The first instance cannot pass for a later one: it would continue the initial state (the
    // word below the region) instead of starting at a new address.
    const first = sha.instances.findIndex((x) => x.air.name === air);
    const isFirst = L.av.isFirst as number;
    assert.match(caught(sha, first, (t) => void (t.airValues[isFirst] = 0n)) ?? '', /^bus 11:/);
  });
}

test('Mem: a dropped access breaks the balance', () => {
  const { index, row } = find(sha, 'Mem', (inst, r) => {
    const L = memLayout(inst.air);
    return cell(inst, r, L.sel) === 1n && cell(inst, r, L.wr) === 0n;
  });
  const got = caught(sha, index, (t) => t.trace.set(row, memLayout(t.air).sel, 0n));
  assert.match(got ?? '', /^bus 10:/);
});

test('Mem: a read of a value never written is refused (forged on both sides of the bus)', () => {
  // A read that repeats the word's previous value: forge another value for it, in Mem and in Main.
  const { index, row } = find(sha, 'Mem', (inst, r) => {
    const L = memLayout(inst.air);
    return r > 0 && cell(inst, r, L.sel) === 1n && cell(inst, r, L.readSame) === 1n;
  });
  const inst = sha.instances[index]!;
  const L = memLayout(inst.air);
  const addr = cell(inst, row, L.addr) * 8n;
  const step = cell(inst, row, L.step);
  const s = standInRow(sha, addr, step);
  const got = caught(sha, index, (t) => bump(t.trace, row, L.value[0]!, 5n), (m) => bump(m, s, 4, 5n));
  assert.match(got ?? '', /Mem #\d+: row \d+ breaks constraint 'a read of the same word keeps its value/);

  // The first read of a word (RAM starts zeroed): forge a non-zero value.
  const first = find(sha, 'Mem', (x, r) => {
    const M = memLayout(x.air);
    return cell(x, r, M.sel) === 1n && cell(x, r, M.addrChanges) === 1n && cell(x, r, M.wr) === 0n && cell(x, r, M.value[0]!) === 0n;
  });
  const fi = sha.instances[first.index]!;
  const s2 = standInRow(sha, cell(fi, first.row, L.addr) * 8n, cell(fi, first.row, L.step));
  const got2 = caught(sha, first.index, (t) => bump(t.trace, first.row, L.value[0]!, 7n), (m) => bump(m, s2, 4, 7n));
  assert.match(got2 ?? '', /the first access of a word writes or reads 0/);
});

test('RomData: a read-only word forged everywhere it is read still disagrees with the program\'s data', () => {
  // A word only Main reads (aligned), so the forgery is complete: every RomData row of the word,
  // the continuation values that carry it, and every read of it by Main say value + 3.
  const aligned = (w: bigint) => sha.instances.every((x) => !x.air.name.startsWith('MemAlign') || [...Array(x.trace.height).keys()].every((r) => cell(x, r, alignLayout(x.air).addr) !== w));
  const { index, row } = find(sha, 'RomData', (inst, r) => {
    const L = memLayout(inst.air);
    return cell(inst, r, L.sel) === 1n && cell(inst, r, L.addrChanges) === 1n && aligned(cell(inst, r, L.addr));
  });
  const L = memLayout(sha.instances[index]!.air);
  const word = cell(sha.instances[index]!, row, L.addr);
  const instances = sha.instances.map((x) => {
    if (x.air.name !== 'RomData') return x;
    const t = copyInstance(x);
    for (let r = 0; r < t.trace.height; r++) if (t.trace.get(r, L.addr) === word) bump(t.trace, r, L.value[0]!, 3n);
    const av = L.av;
    if (t.airValues[av.prevAddr as number] === word) t.airValues[(av.prevValue as number[])[0]!] = t.airValues[(av.prevValue as number[])[0]!]! + 3n;
    if (t.airValues[av.lastAddr as number] === word) t.airValues[(av.lastValue as number[])[0]!] = t.airValues[(av.lastValue as number[])[0]!]! + 3n;
    return t;
  });
  const standIn = copyInstance(sha.standIn);
  for (let r = 0; r < standIn.trace.height; r++) if (standIn.trace.get(r, 1) === word * 8n && standIn.trace.get(r, 3) === 8n) bump(standIn.trace, r, 4, 3n);
  assert.equal(firstFailure(instances), undefined, 'the forgery satisfies every constraint');
  assert.match(imbalance({ ...sha, standIn }, instances) ?? '', /^bus 12:/);
});

test('InputData: free values are 16-bit halves, and only the free-input slot may change its value', () => {
  const { index, row } = find(sha, 'InputData', (inst, r) => cell(inst, r, memLayout(inst.air).sel) === 1n);
  const L = memLayout(sha.instances[index]!.air);
  // A half above 2^16, compensated in the next half so the limb stays: the range check refuses it.
  const got = caught(sha, index, (t) => {
    bump(t.trace, row, L.half[0]!, 65536n);
    bump(t.trace, row, L.half[1]!, -1n);
  });
  assert.match(got ?? '', /^bus 100:/);
  const got2 = caught(sha, index, (t) => t.trace.set(row, L.freeRead, 1n));
  assert.ok(got2, 'freeRead away from the free-input slot went unnoticed');
});

for (const [air, run] of [['MemAlign', sha], ['MemAlignStraddle', mis]] as const) {
  test(`${air}: a changed byte, offset, width, step, selector or new word is caught`, () => {
    for (const store of [0n, 1n]) {
      const { index, row } = find(run, air, (inst, r) => {
        const L = alignLayout(inst.air);
        return cell(inst, r, L.wr) === store && L.off.some((c) => cell(inst, r, c) === 1n);
      });
      const inst = run.instances[index]!;
      const L = alignLayout(inst.air);
      const off = L.off.findIndex((c) => cell(inst, row, c) === 1n);
      const width = L.width.findIndex((c) => cell(inst, row, c) === 1n);
      const changes: [string, Tamper][] = [
        ['q[0]', (t) => bump(t.trace, row, L.q[0]!)],
        ['q[last]', (t) => bump(t.trace, row, L.q[L.q.length - 1]!)],
        ['v[0]', (t) => bump(t.trace, row, L.v[0]!)],
        ['v[last]', (t) => bump(t.trace, row, L.v[L.v.length - 1]!)],
        ['addr', (t) => bump(t.trace, row, L.addr)],
        ['step', (t) => bump(t.trace, row, L.step)],
        ['wr', (t) => flip(t.trace, row, L.wr)],
        ['offset (moved)', (t) => {
          flip(t.trace, row, L.off[off]!);
          flip(t.trace, row, L.off[(off + 1) % 8]!);
        }],
        ['width (changed)', (t) => {
          flip(t.trace, row, L.width[width]!);
          flip(t.trace, row, L.width[(width + 1) % 3]!);
        }],
        ['new word', (t) => bump(t.trace, row, L.nw[0]!)],
      ];
      if (L.vHigh >= 0) changes.push(['vHigh', (t) => bump(t.trace, row, L.vHigh)]);
      for (const [what, change] of changes) {
        assert.ok(caught(run, index, change), `${air} (${store ? 'store' : 'load'}): changing ${what} went unnoticed`);
      }
      // A dropped access (the whole row zeroed, a valid padding row) breaks the balance.
      const dropped = caught(run, index, (t) => {
        for (let c = 0; c < t.trace.width; c++) t.trace.setU32(row, c, 0);
      });
      assert.match(dropped ?? '', /^bus (10|100):/);
    }
  });
}

test('MemAlign: a load cannot return bytes the word does not hold, even forged on both sides', () => {
  const { index, row } = find(sha, 'MemAlign', (inst, r) => {
    const L = alignLayout(inst.air);
    return cell(inst, r, L.wr) === 0n && L.off.some((c) => cell(inst, r, c) === 1n);
  });
  const inst = sha.instances[index]!;
  const L = alignLayout(inst.air);
  const off = BigInt(L.off.findIndex((c) => cell(inst, row, c) === 1n));
  const s = standInRow(sha, cell(inst, row, L.addr) * 8n + off, cell(inst, row, L.step));
  const q0 = cell(inst, row, L.q[0]!);
  const forged = q0 === 255n ? 254n : q0 + 1n;
  // The loaded byte, the value byte, the (unwritten) new word and Main's value all say `forged`:
  // only the word read from Mem differs.
  const got = caught(sha, index, (t) => {
    t.trace.set(row, L.q[0]!, forged);
    t.trace.set(row, L.v[0]!, forged);
    bump(t.trace, row, L.nw[Number(off) >> 2]!, (forged - q0) << (8n * (off & 3n)));
  }, (m) => bump(m, s, 4, forged - q0));
  assert.match(got ?? '', /^bus 10:/);
});

test('RomDataTable: a changed multiplicity or data word is caught', () => {
  const index = sha.instances.findIndex((x) => x.air.name === 'RomDataTable');
  const inst = sha.instances[index]!;
  let row = 0;
  while (inst.trace.get(row, 0) === 0n) row++;
  assert.match(caught(sha, index, (t) => bump(t.trace, row, 0)) ?? '', /^bus 12:/);
  const t = copyInstance(inst);
  const program = copyInstance({ ...inst, trace: inst.program! }).trace;
  bump(program, row, 1);
  const instances = sha.instances.map((x, i) => (i === index ? { ...t, program } : x));
  assert.match(imbalance(sha, instances) ?? '', /^bus 12:/);
});

// MemAlign against a plain BigInt model of loads and stores: every offset and width, both AIRs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBusBalanceReference, checkConstraintsReference, defineAir, describeFailure, describeImbalance, type AirInstance } from '../../air/index.js';
import { MEM, MEMORY_BUS } from '../../bus/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { rangeComponent } from '../range/index.js';
import { alignWitness } from './align-witness.js';
import { AlignCollector } from './collector.js';
import { ALIGN_ONE_WORD, ALIGN_TWO_WORDS, alignKind, alignLayout, memAlignAir, memAlignStraddleAir } from './index.js';
import { imbalance, runGuest } from './test-support/runs.js';

const MASK64 = (1n << 64n) - 1n;
const RAM_WORD = 0xa0030000 / 8;

interface Access {
  store: boolean;
  addr: number;
  step: number;
  bytes: number;
  /** The two words around the access before it (w1 unused unless it straddles). */
  w0: bigint;
  w1: bigint;
  /** Main's 64-bit value for a store. */
  value: bigint;
}

/** The model: what a load returns, and the words after a store, by shifting a 128-bit window. */
function model(a: Access): { loaded: bigint; w0: bigint; w1: bigint } {
  const off = BigInt(a.addr & 7);
  const window = a.w0 | (a.w1 << 64n);
  const mask = (1n << BigInt(8 * a.bytes)) - 1n;
  const loaded = (window >> (8n * off)) & mask;
  const after = a.store ? (window & ~(mask << (8n * off))) | ((a.value & mask) << (8n * off)) : window;
  return { loaded, w0: after & MASK64, w1: after >> 64n };
}

const lo = (x: bigint) => Number(x & 0xffffffffn);
const hi = (x: bigint) => Number((x >> 32n) & 0xffffffffn);

/** The memory bus message Main's access makes (MEM layout). */
function message(a: Access): Uint32Array {
  const m = new Uint32Array(MEM.size);
  m[MEM.op] = a.store ? 2 : 1;
  m[MEM.addr] = a.addr;
  m[MEM.memStepLo] = a.step;
  m[MEM.bytes] = a.bytes;
  m[MEM.v0Lo] = lo(a.w0);
  m[MEM.v0Hi] = hi(a.w0);
  const two = alignKind(a.addr, a.bytes) === ALIGN_TWO_WORDS;
  m[MEM.v1Lo] = two ? lo(a.w1) : 0;
  m[MEM.v1Hi] = two ? hi(a.w1) : 0;
  m[MEM.valueLo] = a.store ? lo(a.value) : 0;
  m[MEM.valueHi] = a.store ? hi(a.value) : 0;
  return m;
}

/** Stands for Main and Mem around MemAlign: assumes Main's access, proves the model's word accesses. */
const aroundAir = defineAir({
  name: 'AroundMemAlign',
  columns: { access: 6, read0: 6, read1: 6, write0: 6, write1: 6, sel: 1, two: 1, store: 1 },
  eval(b) {
    const { access, read0, read1, write0, write1, sel, two, store } = b.main;
    b.permutationAssumes('Main\'s access', MEMORY_BUS, access, sel);
    b.permutationProves('read of word 0', MEMORY_BUS, read0, sel);
    b.permutationProves('read of word 1', MEMORY_BUS, read1, two);
    b.permutationProves('write of word 0', MEMORY_BUS, write0, store);
    b.permutationProves('write of word 1', MEMORY_BUS, write1, two.mul(store));
  },
});

function around(accesses: readonly Access[]): AirInstance {
  const n = 2 ** Math.max(1, Math.ceil(Math.log2(accesses.length)));
  const t = new Matrix(aroundAir.width, n);
  const c = aroundAir.cols;
  const put = (r: number, cols: readonly number[], values: readonly bigint[]) => values.forEach((v, j) => t.set(r, cols[j]!, v));
  accesses.forEach((a, r) => {
    const after = model(a);
    const word = BigInt(Math.floor(a.addr / 8));
    const two = alignKind(a.addr, a.bytes) === ALIGN_TWO_WORDS;
    const v = a.store ? a.value : after.loaded;
    put(r, c.access, [a.store ? 2n : 1n, BigInt(a.addr), BigInt(a.step), BigInt(a.bytes), v & 0xffffffffn, v >> 32n]);
    put(r, c.read0, [1n, word * 8n, BigInt(a.step), 8n, a.w0 & 0xffffffffn, a.w0 >> 32n]);
    put(r, c.read1, [1n, word * 8n + 8n, BigInt(a.step), 8n, a.w1 & 0xffffffffn, a.w1 >> 32n]);
    put(r, c.write0, [2n, word * 8n, BigInt(a.step + 1), 8n, after.w0 & 0xffffffffn, after.w0 >> 32n]);
    put(r, c.write1, [2n, word * 8n + 8n, BigInt(a.step + 1), 8n, after.w1 & 0xffffffffn, after.w1 >> 32n]);
    t.setU32(r, c.sel, 1);
    t.setU32(r, c.two, two ? 1 : 0);
    t.setU32(r, c.store, a.store ? 1 : 0);
  });
  return { air: aroundAir, trace: t };
}

/** MemAlign and MemAlignStraddle instances for the accesses, through the real collector, and the range table. */
function build(accesses: readonly Access[]): AirInstance[] {
  const tables = new TableMultiplicities();
  const out: AirInstance[] = [];
  for (const [air, kind] of [[memAlignAir, ALIGN_ONE_WORD], [memAlignStraddleAir, ALIGN_TWO_WORDS]] as const) {
    const mine = accesses.filter((a) => alignKind(a.addr, a.bytes) === kind);
    if (mine.length === 0) continue;
    const c = new AlignCollector(kind, { chunk: 0, skip: 0, take: mine.length });
    for (const a of accesses) c.processData(MEMORY_BUS, message(a));
    assert.equal(c.n, mine.length);
    const logRows = Math.max(1, Math.ceil(Math.log2(mine.length)));
    out.push(alignWitness({ air, logRows, collectors: [c], tables, label: air.name }));
  }
  const plan = rangeComponent.plan([], { rom: null as never, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  out.push(rangeComponent.buildInstance({ plan, globalId: 0 }).computeWitness({ rom: null as never, collectors: [], traces: [], tables }));
  return out;
}

function check(accesses: readonly Access[]): void {
  const instances = build(accesses);
  for (const inst of instances.slice(0, -1)) {
    const r = checkConstraintsReference(inst);
    assert.ok(r.ok, r.ok ? '' : describeFailure(r));
  }
  const bal = checkBusBalanceReference([...instances, around(accesses)]);
  assert.ok(bal.ok, bal.ok ? '' : describeImbalance(bal));
}

/** Every non-aligned (offset, width), as a load and as a store, with words and values from a seed. */
function everyShape(seed: bigint): Access[] {
  const out: Access[] = [];
  let x = seed;
  const next = () => (x = (x * 6364136223846793005n + 1442695040888963407n) & MASK64);
  let step = 1;
  for (const store of [false, true]) {
    for (const bytes of [1, 2, 4, 8]) {
      for (let off = 0; off < 8; off++) {
        if (off === 0 && bytes === 8) continue;
        out.push({ store, addr: (RAM_WORD + out.length * 2) * 8 + off, step: (step += 4), bytes, w0: next(), w1: next(), value: next() });
      }
    }
  }
  return out;
}

test('every offset and width, loads and stores, agree with the 128-bit model', () => {
  const all = everyShape(0x0123456789abcdefn);
  assert.equal(all.length, 62);
  assert.ok(all.some((a) => alignKind(a.addr, a.bytes) === ALIGN_TWO_WORDS));
  check(all);
});

test('random words, values and shapes agree with the model', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ store: fc.boolean(), off: fc.nat(7), bytes: fc.constantFrom(1, 2, 4, 8), w0: fc.bigInt({ min: 0n, max: MASK64 }), w1: fc.bigInt({ min: 0n, max: MASK64 }), value: fc.bigInt({ min: 0n, max: MASK64 }) }), { minLength: 1, maxLength: 12 }),
      (shapes) => {
        const accesses = shapes.filter((s) => !(s.off === 0 && s.bytes === 8)).map((s, i) => ({ ...s, addr: (RAM_WORD + 2 * i) * 8 + s.off, step: 4 * i + 3 }));
        if (accesses.length > 0) check(accesses);
      },
    ),
    { numRuns: 12 },
  );
});

test('a store writes only its low bytes: the rest of Main\'s value is carried on the bus and never reaches memory', () => {
  // sb of 0x1122334455667788 at offset 3: only 0x88 lands in the word.
  const a: Access = { store: true, addr: RAM_WORD * 8 + 3, step: 7, bytes: 1, w0: 0xf0e0d0c0b0a09080n, w1: 0n, value: 0x1122334455667788n };
  assert.equal(model(a).w0, 0xf0e0d0c088a09080n);
  check([a]);
  const [inst] = build([a]);
  const L = alignLayout(inst!.air);
  assert.equal(inst!.trace.get(0, L.nw[0]!), 0x88a09080n);
  assert.equal(inst!.trace.get(0, L.vHigh), 0x11223344n, 'the high limb rides along');
  // A row that also writes the next byte of the value (0x77 at offset 4) breaks a constraint.
  const t = { ...inst!, trace: new Matrix(inst!.trace.width, inst!.trace.height, Uint32Array.from(inst!.trace.data)) };
  t.trace.set(0, L.nw[1]!, 0xf0e0d077n);
  assert.equal(checkConstraintsReference(t).ok, false);
  // The same store with other high bytes is a different message: it balances only against a Main
  // that stored those bytes.
  const other = { ...a, value: 0x99aabbcc55667788n };
  const bal = checkBusBalanceReference([...build([a]), around([other])]);
  assert.equal(bal.ok, false);
});

test('real programs store registers whose high bytes are not zero, and balance', () => {
  const run = runGuest('conformance/rv64i-memory.elf');
  const found = run.instances.some((inst) => {
    if (inst.air !== memAlignAir) return false;
    const L = alignLayout(inst.air);
    for (let r = 0; r < inst.trace.height; r++) {
      if (inst.trace.get(r, L.wr) !== 1n || inst.trace.get(r, L.width[2]!) === 1n) continue;
      if (inst.trace.get(r, L.vHigh) !== 0n || inst.trace.get(r, L.v[3]!) !== 0n) return true;
    }
    return false;
  });
  assert.ok(found, 'a byte or halfword store of a register with non-zero high bytes');
  assert.equal(imbalance(run), undefined);
});

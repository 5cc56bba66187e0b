import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  bigintAlgebra, checkBusBalanceReference, checkConstraintsReference, evaluateGraph, rowLeaves, describeFailure, describeImbalance, P, type AirInstance, type BalanceResult,
  type CheckResult, type GlobalBusTerm,
} from '../../air/index.js';
import { MAIN_CONTINUATION_BUS, MEMORY_BUS, OPERATION_BUS, RANGE_BUS, ROM_BUS } from '../../bus/index.js';
import { computeWitnesses, execute, type ExecutionPlan } from '../../executor/index.js';
import { runFast } from '../../emulator/index.js';
import { Matrix } from '../../matrix/index.js';
import { checkPointChunks } from '../../planner/index.js';
import { transpile } from '../../transpiler/index.js';
import { OP_FCALL_PARAM, OP_TYPE_FCALL_PARAM, ROM_ENTRY, ROM_EXIT, STORE_IND, SRC_IND, ZiskRom } from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { romAir, romComponent, romMultiplicities } from '../rom/index.js';
import { mainAir, mainComponent, MAIN_REGS, planMain } from './index.js';
import { provers, type Provers } from './test-support/provers.js';

const c = mainAir.cols;
const av = mainAir.airValueIndex;

interface Run {
  readonly rom: ZiskRom;
  readonly input: Uint8Array;
  readonly plan: ExecutionPlan;
  readonly mains: AirInstance[];
  readonly tables: AirInstance[];
  readonly provers: Provers;
  readonly global: GlobalBusTerm[];
}

/** Main and the tables it feeds; the other families are played by the proving stand-ins. */
const stateMachines = [mainComponent, romComponent, rangeComponent];

const cache = new Map<string, Run>();

function run(name: string, input: string, logRows: number, chunkSize: number): Run {
  const key = `${name}/${input}/${logRows}/${chunkSize}`;
  let r = cache.get(key);
  if (r) return r;
  const rom = transpile(readFileSync(new URL(`../../../guest/elf/${name}.elf`, import.meta.url)));
  const bytes = readFileSync(new URL(`../../../guest/inputs/${name}/${input}.bin`, import.meta.url));
  const plan = execute(rom, bytes, stateMachines, { chunkSize, logRows: { Main: logRows } });
  const { instances } = computeWitnesses(plan);
  const built = plan.instances.map((p) => instances.get(p.globalId)!);
  r = {
    rom,
    input: bytes,
    plan,
    mains: built.filter((i) => i.air === mainAir),
    tables: built.filter((i) => i.air !== mainAir),
    provers: provers(rom, bytes),
    global: mainComponent.globalTerms!({ outputs: plan.outputs }),
  };
  cache.set(key, r);
  return r;
}

function copy(inst: AirInstance): AirInstance {
  return { ...inst, trace: new Matrix(inst.trace.width, inst.trace.height, inst.trace.data.slice()), airValues: inst.airValues ? [...inst.airValues] : undefined };
}

/** The bus balance of a run with `mains` in place of its Main instances. */
function balance(r: Run, mains: readonly AirInstance[] = r.mains, extra: { operations?: AirInstance; memory?: AirInstance; global?: GlobalBusTerm[] } = {}): BalanceResult {
  return checkBusBalanceReference(
    [...mains, ...r.tables, extra.operations ?? r.provers.operations, extra.memory ?? r.provers.memory],
    extra.global ?? r.global,
  );
}

function assertOk(result: CheckResult | BalanceResult, what: string): void {
  if (!result.ok) assert.fail(`${what}: ${'constraint' in result ? describeFailure(result) : describeImbalance(result)}`);
}

/** The Main instance `k` with one change; returns the list of all Main instances. */
function tampered(r: Run, k: number, change: (inst: AirInstance) => void): AirInstance[] {
  const t = copy(r.mains[k]!);
  change(t);
  return r.mains.map((m, i) => (i === k ? t : m));
}

/** The labels of the stage-1 constraints that do not hold at `row`. */
function failing(inst: AirInstance, row: number): string[] {
  const v = evaluateGraph(inst.air.graph, bigintAlgebra, rowLeaves(inst, row), inst.air.evalNodeCount);
  return inst.air.constraints.filter((k) => k.stage === 1 && v[k.node] !== 0n).map((k) => k.label);
}

const bump = (inst: AirInstance, row: number, col: number, by = 1n) => inst.trace.set(row, col, (inst.trace.get(row, col) + by) % P);

/** The first row of `inst` where `pred` holds on the row's columns. */
function findRow(inst: AirInstance, pred: (get: (col: number) => bigint) => boolean, from = 0): number {
  for (let row = from; row < inst.trace.height; row++) if (pred((col) => inst.trace.get(row, col))) return row;
  return -1;
}

const GUESTS: [string, string, number, number][] = [
  ['sort', 'small', 8, 64],
  ['muldiv', 'tiny', 9, 128],
  ['sha256', 'abc', 10, 256],
  ['fibonacci', 'small', 10, 1024],
];

for (const [name, input, logRows, chunkSize] of GUESTS) {
  test(`${name}/${input}: every Main instance passes the checker; Main, Rom, Range, the provers and the global terms balance every bus`, () => {
    const r = run(name, input, logRows, chunkSize);
    assert.ok(r.mains.length >= 3, `several segments (${r.mains.length})`);
    if (chunkSize < 2 ** logRows) {
      assert.ok(r.plan.instances.some((p) => p.plan.air === mainAir && checkPointChunks(p.plan.checkPoint).length > 1), 'a segment spans several chunks');
    }
    for (const m of r.mains) assertOk(checkConstraintsReference(m), m.label!);
    assertOk(balance(r), 'bus balance');
    // Each bus needs its counterpart: without the Rom table, the program lookups are unproved.
    const noRom = checkBusBalanceReference([...r.mains, ...r.tables.filter((t) => t.air !== romAir), r.provers.operations, r.provers.memory], r.global);
    assert.equal(!noRom.ok && noRom.bus, ROM_BUS);
  });
}

test('segments: continuation air values chain from the boot to the end instruction; padding repeats the end', () => {
  const r = run('sort', 'small', 8, 64);
  const v = (m: AirInstance, i: number) => m.airValues![i]!;
  assert.equal(v(r.mains[0]!, av.initialPc), BigInt(ROM_ENTRY));
  r.mains.forEach((m, k) => {
    assert.equal(v(m, av.segment), BigInt(k));
    assert.equal(v(m, av.firstStep), BigInt(k * 256));
    assert.equal(v(m, av.isLastSegment), k === r.mains.length - 1 ? 1n : 0n);
    if (k > 0) {
      const prev = r.mains[k - 1]!;
      assert.equal(v(m, av.initialPc), v(prev, av.nextPc));
      assert.equal(m.trace.get(0, c.pc), v(m, av.initialPc));
    }
  });
  const last = r.mains[r.mains.length - 1]!;
  assert.equal(v(last, av.nextPc), BigInt(ROM_EXIT));
  assert.equal(last.trace.get(last.trace.height - 1, c.pc), BigInt(ROM_EXIT));
  assert.deepEqual([v(last, av.lastC[0]!), v(last, av.lastC[1]!)], [0n, 0n]);
  // The Rom multiplicities are the execution's histogram plus the padding rows on the end instruction.
  const hist = runFast(r.rom, r.input).histogram;
  const endIndex = r.rom.insts.findIndex((i) => i.end);
  const rows = r.mains.length * 256;
  hist[endIndex]! += rows - r.plan.steps;
  const { tables } = computeWitnesses(r.plan);
  assert.deepEqual([...romMultiplicities(tables, r.rom)], [...hist]);
});

test('planning: an instance rebuilt alone from its checkpoint equals the same instance in a whole run', () => {
  const r = run('muldiv', 'tiny', 9, 128);
  for (const p of r.plan.instances.filter((q) => q.plan.air === mainAir)) {
    const alone = computeWitnesses(r.plan, { only: [p.globalId] }).instances.get(p.globalId)!;
    const whole = r.mains[p.plan.segment]!;
    assert.deepEqual(alone.trace.data, whole.trace.data, `Main #${p.plan.segment} trace`);
    assert.deepEqual(alone.airValues, whole.airValues, `Main #${p.plan.segment} air values`);
  }
});

test('planning: segments are whole numbers of chunks; an execution that does not end cannot be planned', () => {
  const rom = transpile(readFileSync(new URL('../../../guest/elf/sort.elf', import.meta.url)));
  const input = readFileSync(new URL('../../../guest/inputs/sort/small.bin', import.meta.url));
  assert.throws(() => execute(rom, input, stateMachines, { chunkSize: 96, logRows: { Main: 8 } }), /whole number of chunks/);
  assert.throws(() => execute(rom, input, stateMachines, { chunkSize: 64, logRows: { Main: 23 } }), /logRows must be an integer in \[1, 22\]/);
  const plan = execute(rom, input, stateMachines, { chunkSize: 64, logRows: { Main: 8 } });
  const unended = plan.chunks.map((ch) => ({ ...ch, end: false }));
  assert.throws(() => planMain({ rom, chunkSize: 64, chunks: unended, logRowsOf: () => 8 }), /did not reach the end/);
  const mains = plan.instances.filter((p) => p.plan.air === mainAir);
  assert.equal(mains.length, Math.ceil(plan.chunks.length / 4));
  mains.forEach((p, k) => assert.deepEqual(checkPointChunks(p.plan.checkPoint), plan.chunks.slice(4 * k, 4 * k + 4).map((ch) => ch.chunk)));
});

test('tampering: one changed cell of each kind is caught and named', () => {
  const r = run('sort', 'small', 8, 64);
  const k = 1;
  const m = r.mains[k]!;

  // A limb of an internal copy: the local constraint.
  const copyRow = findRow(m, (g) => g(c.isExternalOp) === 0n && g(c.op) === 1n && g(c.b[0]!) !== 0n, 1);
  const limb = checkConstraintsReference(tampered(r, k, (t) => bump(t, copyRow, c.c[0]!))[k]!);
  assert.equal(!limb.ok && `${limb.row} ${limb.constraint}`, `${copyRow} op copyb sets c[0] = b[0]`);
  // A limb of an external operation's result: only the operation bus sees it.
  const extRow = findRow(m, (g) => g(c.isExternalOp) === 1n && g(c.storeReg) === 0n && g(c.storeMem) === 0n && g(c.storeInd) === 0n, 1);
  assert.ok(extRow > 0);
  const extMains = tampered(r, k, (t) => bump(t, extRow, c.c[1]!));
  assertOk(checkConstraintsReference(extMains[k]!), 'a result limb alone breaks no constraint');
  const ext = balance(r, extMains);
  assert.equal(!ext.ok && ext.bus, OPERATION_BUS);

  // A selector: not boolean, or another instruction than the program's.
  const sel = checkConstraintsReference(tampered(r, k, (t) => t.trace.setU32(5, c.storePc, 2))[k]!);
  assert.equal(!sel.ok && sel.constraint, 'store_pc is boolean');
  const internalRow = findRow(m, (g) => g(c.isExternalOp) === 0n);
  const m32 = balance(r, tampered(r, k, (t) => t.trace.setU32(internalRow, c.m32, 1)));
  assert.equal(!m32.ok && m32.bus, ROM_BUS);

  // The pc.
  const pc = checkConstraintsReference(tampered(r, k, (t) => bump(t, 40, c.pc, 4n))[k]!);
  assert.equal(!pc.ok && `${pc.row} ${pc.constraint}`, '39 pc follows the previous step');

  // A register's previous access: the linked list no longer closes (or its range check fails).
  const regRow = findRow(m, (g) => g(c.aSrcReg) === 1n && g(c.aRegPrevMemStep) > 4n * 256n);
  const prev = balance(r, tampered(r, k, (t) => bump(t, regRow, c.aRegPrevMemStep, -1n)));
  assert.ok(!prev.ok && (prev.bus === MEMORY_BUS || prev.bus === RANGE_BUS), 'register link');
  // ... and a link that points forward in time is out of range even when the messages match.
  const hiCol = balance(r, tampered(r, k, (t) => bump(t, regRow, c.aRegLinkHi, 1n)));
  assert.equal(!hiCol.ok && hiCol.bus, RANGE_BUS);

  // Air values.
  const init = checkConstraintsReference(tampered(r, k, (t) => (t.airValues as bigint[])[av.initialPc] = t.airValues![av.initialPc]! + 4n)[k]!);
  assert.equal(!init.ok && `${init.row} ${init.constraint}`, '0 the first pc is the segment initial pc');
  const lastValue = balance(r, tampered(r, k, (t) => (t.airValues as bigint[])[av.lastRegValue[4]!] = t.airValues![av.lastRegValue[4]!]! + 1n));
  assert.equal(!lastValue.ok && lastValue.bus, MEMORY_BUS);
  const step = balance(r, tampered(r, k, (t) => (t.airValues as bigint[])[av.firstStep] = t.airValues![av.firstStep]! + 1n));
  assert.ok(!step.ok && [MEMORY_BUS, MAIN_CONTINUATION_BUS].includes(step.bus));
  const rows = checkConstraintsReference(tampered(r, k, (t) => (t.airValues as bigint[])[av.rows] = 512n)[k]!);
  assert.equal(!rows.ok && rows.constraint, 'rows is the number of rows');
});

test('dropped messages break their bus: an operation, a memory access, a register reload, a segment', () => {
  const r = run('sort', 'small', 8, 64);
  const ops = copy(r.provers.operations);
  ops.trace.setU32(3, ops.air.width - 1, 0);
  const op = balance(r, r.mains, { operations: ops });
  assert.equal(!op.ok && op.bus, OPERATION_BUS);
  const mem = copy(r.provers.memory);
  mem.trace.setU32(7, mem.air.width - 1, 0);
  const m = balance(r, r.mains, { memory: mem });
  assert.equal(!m.ok && m.bus, MEMORY_BUS);
  // A non-last segment claiming to be the last closes its registers and its chain too early.
  const early = balance(r, tampered(r, 1, (t) => (t.airValues as bigint[])[av.isLastSegment] = 1n));
  assert.ok(!early.ok && [MEMORY_BUS, MAIN_CONTINUATION_BUS].includes(early.bus));
  const missing = balance(r, r.mains.filter((_, i) => i !== 2));
  assert.equal(missing.ok, false);
  // The published outputs are what pubout sent.
  const outputs = Uint32Array.from(r.plan.outputs);
  outputs[0]! ^= 1;
  const out = balance(r, r.mains, { global: mainComponent.globalTerms!({ outputs }) });
  assert.equal(!out.ok && out.bus, OPERATION_BUS);
});

test('audit: the pc at the start of every segment is the pc the previous segment left', () => {
  const r = run('sort', 'small', 8, 64);
  for (let k = 1; k < r.mains.length; k++) {
    // The first row's pc alone: the first-row constraint fails (no transition constraint reaches row 0).
    const rowOnly = tampered(r, k, (t) => bump(t, 0, c.pc, 4n))[k]!;
    // (When row 0 jumps by set_pc, its pc does not reach row 1: this constraint is the only guard.)
    assert.ok(failing(rowOnly, 0).includes('the first pc is the segment initial pc'));
    assert.deepEqual(failing(rowOnly, rowOnly.trace.height - 1), [], 'the last row does not constrain the first');
    // With the air value too: the previous segment proved another next pc.
    const both = tampered(r, k, (t) => {
      bump(t, 0, c.pc, 4n);
      (t.airValues as bigint[])[av.initialPc] = t.trace.get(0, c.pc);
    });
    const b = balance(r, both);
    assert.ok(!b.ok && [ROM_BUS, MAIN_CONTINUATION_BUS].includes(b.bus));
    // The air value alone: the first-row constraint.
    const av0 = checkConstraintsReference(tampered(r, k, (t) => (t.airValues as bigint[])[av.initialPc] = t.airValues![av.initialPc]! + 4n)[k]!);
    assert.equal(!av0.ok && `${av0.row} ${av0.constraint}`, '0 the first pc is the segment initial pc');
    // The previous segment's next pc moved with it: that segment's last row no longer leads there.
    const prev = tampered(r, k - 1, (t) => (t.airValues as bigint[])[av.nextPc] = t.airValues![av.nextPc]! + 4n)[k - 1]!;
    const p = checkConstraintsReference(prev);
    assert.equal(!p.ok && `${p.row} ${p.constraint}`, `${prev.trace.height - 1} the pc after the last row is next_pc`);
  }
});

test('audit: indirect stores and loads cannot use the high 32 bits of their base', () => {
  const r = run('sort', 'small', 8, 64);
  let stores = 0;
  let loads = 0;
  r.mains.forEach((m, k) => {
    for (const [sel, what] of [[c.storeInd, 'store'], [c.bSrcInd, 'load']] as const) {
      const row = findRow(m, (g) => g(sel) === 1n && g(c.aSrcReg) === 1n);
      if (row < 0) continue;
      const res = checkConstraintsReference(tampered(r, k, (t) => t.trace.setU32(row, c.a[1]!, 1))[k]!);
      assert.equal(!res.ok && `${res.row} ${res.constraint}`, `${row} indirect base is 32-bit`, what);
      if (what === 'store') stores++;
      else loads++;
    }
  });
  assert.ok(stores > 0 && loads > 0, 'the guest has indirect stores and loads');
  assert.ok(r.rom.insts.some((i) => i.store === STORE_IND) && r.rom.insts.some((i) => i.bSrc === SRC_IND));
});

test('global terms: boot, end, x1..x31 = 0 and the 32 output words', () => {
  const outputs = new Uint32Array(64).map((_, i) => i * 3);
  const terms = mainComponent.globalTerms!({ outputs });
  assert.equal(terms.filter((t) => t.bus === MAIN_CONTINUATION_BUS).length, 2);
  assert.equal(terms.filter((t) => t.bus === MEMORY_BUS).length, MAIN_REGS);
  const pub = terms.filter((t) => t.bus === OPERATION_BUS);
  assert.equal(pub.length, 32);
  assert.deepEqual(pub[5]!.values, [0x30n, 5n, 0n, 30n, 33n, 30n, 33n, 0n]);
  assert.throws(() => mainComponent.globalTerms!({ outputs: new Uint32Array(3) }), /64 words/);
});

test('instructions Main cannot prove are refused by the witness builder, naming the step', () => {
  const base = transpile(readFileSync(new URL('../../../guest/elf/sort.elf', import.meta.url)));
  // The BIOS's first instruction (a copyb that jumps over the end) as a free-input parameter call:
  // the same effect on the machine, but an internal op that is neither flag nor copyb.
  const rom = new ZiskRom(
    base.insts.map((i) => (i.paddr === ROM_ENTRY ? { ...i, op: OP_FCALL_PARAM, opType: OP_TYPE_FCALL_PARAM, aOffsetImm0: 1 } : i)),
    base.entry,
    base.roData,
  );
  const input = readFileSync(new URL('../../../guest/inputs/sort/small.bin', import.meta.url));
  const plan = execute(rom, input, stateMachines, { chunkSize: 64, logRows: { Main: 8 } });
  assert.throws(() => computeWitnesses(plan), /Main cannot prove step 0 at pc 0x1000: internal op fcall_param/);
});

test("the AIR's cost: 41 columns, 14 interactions in 9 LogUp groups, degree 3, per-instance messages as direct terms", () => {
  assert.equal(mainAir.width, 41);
  assert.equal(mainAir.interactions.length, 14);
  assert.equal(mainAir.logup.groups.length, 9);
  assert.equal(mainAir.degree, 3);
  assert.equal(mainAir.directInteractions.length, 2 + 4 * MAIN_REGS);
});

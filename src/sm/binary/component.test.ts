import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, type AirInstance } from '../../air/index.js';
import { OP, OPERATION_BUS, type BusDevice, type PendingQueue } from '../../bus/index.js';
import { runObserved, type StepRecord } from '../../emulator/index.js';
import { computeWitnesses, execute, type ComponentBuilder, type ExecutionPlan } from '../../executor/index.js';
import { transpile } from '../../transpiler/index.js';
import { opByCode, OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU, OP_TYPE_ARITH, OP_TYPE_BINARY, OP_TYPE_BINARY_E } from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { operationStandIn } from '../test-support/stand-ins.js';
import { binaryAddAir, binaryAir, binaryComponent, binaryExtensionAir, binaryTableAir, useBinaryAdd } from './index.js';
import { callerInstance, compactTable, type Op } from './test-support.js';

const guest = (name: string, input: string) => ({
  rom: transpile(readFileSync(new URL(`../../../guest/elf/${name}.elf`, import.meta.url))),
  input: readFileSync(new URL(`../../../guest/inputs/${name}/${input}.bin`, import.meta.url)),
});

const SMALL = { Binary: 9, BinaryAdd: 8, BinaryExtension: 6 };

/**
 * A stand-in for Arith's inputs generator: for every Arith operation it derives Binary checks (gt,
 * lt_abs_np, lt_abs_pn, ltu on the operands) and pushes them to the pending queue, as Arith's
 * division check will. Their results come from the op table.
 */
const DERIVED = [OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU];
function derivedOps(aLo: number, aHi: number, bLo: number, bHi: number): Op[] {
  const a = (BigInt(aHi >>> 0) << 32n) | BigInt(aLo >>> 0);
  const b = (BigInt(bHi >>> 0) << 32n) | BigInt(bLo >>> 0);
  return DERIVED.map((op): Op => [op, a, b]);
}
const fakeArith: ComponentBuilder<never, never> = {
  name: 'fake-arith',
  airs: [],
  plan: () => [],
  buildInstance: () => {
    throw new Error('no instances');
  },
  buildInputsGenerator(): BusDevice {
    const msg = new Uint32Array(OP.size);
    return {
      busIds: [OPERATION_BUS],
      processData(_bus: number, d: Uint32Array, pending: PendingQueue): boolean {
        if (d[OP.opType] !== OP_TYPE_ARITH) return true;
        const out = new Int32Array(3);
        for (const op of DERIVED) {
          opByCode(op).exec(d[OP.aLo]! | 0, d[OP.aHi]! | 0, d[OP.bLo]! | 0, d[OP.bHi]! | 0, out);
          msg.set([op, OP_TYPE_BINARY, d[OP.aLo]!, d[OP.aHi]!, d[OP.bLo]!, d[OP.bHi]!, out[0]!, out[1]!, out[2]!, 0, 0]);
          pending.push(OPERATION_BUS, msg);
        }
        return true;
      },
    };
  },
};

/** Every derived check of a direct run, for the caller instance that assumes them. */
function derivedOfRun(rom: ReturnType<typeof guest>['rom'], input: Uint8Array): Op[] {
  const ops: Op[] = [];
  runObserved(rom, input, {
    onStep(r: StepRecord) {
      const inst = rom.insts[r.inst]!;
      if (inst.isExternalOp && inst.opType === OP_TYPE_ARITH) ops.push(...derivedOps(r.aLo, r.aHi, r.bLo, r.bHi));
      return false;
    },
    onMemory() {},
    onRegister() {},
  });
  return ops;
}

function run(name: string, input: string, logRows: Record<string, number>, chunkSize: number, withArith = false) {
  const g = guest(name, input);
  const registry = withArith ? [fakeArith, binaryComponent, rangeComponent] : [binaryComponent, rangeComponent];
  const plan = execute(g.rom, g.input, registry as ComponentBuilder[], { chunkSize, logRows });
  const { instances } = computeWitnesses(plan);
  return { ...g, plan, instances };
}

function airCount(plan: ExecutionPlan, air: { name: string }): number {
  return plan.instances.filter((p) => p.plan.air.name === air.name).length;
}

/** Constraints of every instance, and the operation, table and range buses against Main's stand-in. */
function assertBalanced(r: ReturnType<typeof run>, extra: AirInstance[] = []): void {
  const all: AirInstance[] = [];
  for (const p of r.plan.instances) {
    const inst = r.instances.get(p.globalId)!;
    if (p.instance.instanceType === 'table') {
      all.push(compactTable(inst));
      continue;
    }
    const c = checkConstraintsReference(inst);
    if (!c.ok) assert.fail(describeFailure(c));
    all.push(inst);
  }
  const main = operationStandIn(r.rom, r.input, [OP_TYPE_BINARY, OP_TYPE_BINARY_E]);
  const bal = checkBusBalanceReference([...all, main, ...extra]);
  if (!bal.ok) assert.fail(describeImbalance(bal));
}

for (const [name, input, chunkSize] of [['fibonacci', 'small', 1024], ['sort', 'small', 97], ['sha256', 'abc', 1000], ['keccak', 'zero', 4096], ['bignum', 'small', 8192]] as const) {
  test(`${name} (${input}): the Binary family's instances and Main's stand-in balance the operation bus`, () => {
    const r = run(name, input, SMALL, chunkSize);
    for (const air of [binaryAir, binaryExtensionAir, binaryTableAir]) assert.ok(airCount(r.plan, air) >= 1, air.name);
    assertBalanced(r);
  });
}

test('muldiv: Binary checks derived from Arith through the pending queue are counted, collected and proved', () => {
  const r = run('muldiv', 'tiny', SMALL, 300, true);
  const derived = derivedOfRun(r.rom, r.input);
  assert.ok(derived.length > 1000);
  assertBalanced(r, [callerInstance(derived)]);
  // Without them, the same instances prove operations nobody assumes.
  const main = operationStandIn(r.rom, r.input, [OP_TYPE_BINARY, OP_TYPE_BINARY_E]);
  const mine = r.plan.instances.map((p) => (p.instance.instanceType === 'table' ? compactTable(r.instances.get(p.globalId)!) : r.instances.get(p.globalId)!));
  assert.equal(checkBusBalanceReference([...mine, main]).ok, false);
});

test('several instances per AIR; an instance rebuilt alone from its checkpoint equals the one built in the whole run', () => {
  const r = run('sort', 'small', { Binary: 6, BinaryAdd: 5, BinaryExtension: 4 }, 50, false);
  for (const air of [binaryAir, binaryAddAir, binaryExtensionAir]) assert.ok(airCount(r.plan, air) >= 2, `${air.name}: ${airCount(r.plan, air)} instances`);
  assert.ok(r.plan.instances.some((p) => p.plan.checkPoint.kind === 'multiple'), 'an instance spans chunks');
  assertBalanced(r);
  for (const p of r.plan.instances) {
    if (p.instance.instanceType === 'table') continue;
    const alone = computeWitnesses(r.plan, { only: [p.globalId] }).instances.get(p.globalId)!;
    const whole = r.instances.get(p.globalId)!;
    assert.deepEqual(alone.trace.data, whole.trace.data, p.instance.debug());
    assert.equal(alone.label, whole.label);
  }
});

test('dropping one collected operation breaks the balance', () => {
  const r = run('sort', 'small', SMALL, 200);
  const instances = r.plan.instances.map((p) => (p.instance.instanceType === 'table' ? compactTable(r.instances.get(p.globalId)!) : r.instances.get(p.globalId)!));
  const binary = instances.find((i) => i.air.name === 'Binary')!;
  // Zero the last real row's selector: that operation is no longer proved (nor its lookups made).
  const sel = binaryAir.cols.sel;
  let last = 0;
  for (let row = 0; row < binary.trace.height; row++) if (binary.trace.get(row, sel) === 1n) last = row;
  binary.trace.set(last, sel, 0n);
  const main = operationStandIn(r.rom, r.input, [OP_TYPE_BINARY, OP_TYPE_BINARY_E]);
  assert.equal(checkBusBalanceReference([...instances, main]).ok, false);
});

test('BinaryAdd is used only when it makes the proof smaller', () => {
  // Binary: 42 + 18 columns per row; BinaryAdd 9 + 12.
  assert.equal(useBinaryAdd(1000, 3000, 9, 8), true);
  assert.equal(useBinaryAdd(0, 3000, 12, 12), true);
  // One Binary instance holds everything anyway: a BinaryAdd instance would only add cells.
  assert.equal(useBinaryAdd(1058, 3078, 13, 12), false);
  assert.equal(useBinaryAdd(100, 0, 9, 8), false);
  const split = run('fibonacci', 'small', SMALL, 1024);
  assert.ok(airCount(split.plan, binaryAddAir) >= 1);
  const together = run('fibonacci', 'small', { Binary: 13, BinaryAdd: 12, BinaryExtension: 6 }, 4096);
  assert.equal(airCount(together.plan, binaryAddAir), 0);
  assertBalanced(together);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance, type AirInstance } from '../../air/index.js';
import { OP, OPERATION_BUS } from '../../bus/index.js';
import { computeWitnesses, execute, type ComponentBuilder, type ExecutionPlan } from '../../executor/index.js';
import { transpile } from '../../transpiler/index.js';
import { OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_TYPE_ARITH, OP_TYPE_BINARY, type ZiskRom } from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { stateMachines } from '../registry.js';
import { operationStandIn } from '../test-support/stand-ins.js';
import { arithAir, arithComponent, arithTableAir } from './index.js';
import { arithOperations, binaryStandIn, referenceChecks, type Operation } from './test-helpers.js';

function load(name: string, input: string): { rom: ZiskRom; input: Uint8Array } {
  return {
    rom: transpile(readFileSync(new URL(`../../../guest/elf/${name}.elf`, import.meta.url))),
    input: readFileSync(new URL(`../../../guest/inputs/${name}/${input}.bin`, import.meta.url)),
  };
}

function run(name: string, input: string, chunkSize: number, logRows: number) {
  const g = load(name, input);
  const plan = execute(g.rom, g.input, [arithComponent, rangeComponent], { chunkSize, logRows: { Arith: logRows } });
  const { instances } = computeWitnesses(plan);
  const built = plan.instances.map((p) => instances.get(p.globalId)!);
  const ops = arithOperations(g.rom, g.input);
  const env = [operationStandIn(g.rom, g.input, [OP_TYPE_ARITH]), binaryStandIn(referenceChecks(ops))];
  return { ...g, plan, built, ops, env };
}

function expectBalanced(instances: readonly AirInstance[]): void {
  for (const inst of instances) {
    const c = checkConstraintsReference(inst);
    assert.ok(c.ok, c.ok ? '' : describeFailure(c));
  }
  const b = checkBusBalanceReference(instances);
  assert.ok(b.ok, b.ok ? '' : describeImbalance(b));
}

const arithOf = (plan: ExecutionPlan) => plan.instances.filter((p) => p.plan.air === arithAir);

test('muldiv: the Arith instances and the derived checks balance Main\'s operations', () => {
  const { plan, built, ops, env } = run('muldiv', 'tiny', 512, 8);
  assert.ok(ops.length > 1000, `${ops.length} Arith operations`);
  assert.ok(arithOf(plan).length >= 5, 'several Arith instances');
  assert.ok(arithOf(plan).some((p) => p.plan.checkPoint.kind === 'multiple'), 'an instance spans chunks');
  assert.equal(plan.instances.filter((p) => p.plan.air === arithTableAir).length, 1);
  expectBalanced([...built, ...env]);

  // Without one instance, Main's operations are not all proved (nor its lookups used).
  const withoutOne = built.filter((inst) => inst !== built[2]);
  assert.equal(checkBusBalanceReference([...withoutOne, ...env]).ok, false);
});

test('bignum and sort: balanced with Main\'s operations', () => {
  for (const [name, input] of [['bignum', 'small'], ['sort', 'small']] as const) {
    const { built, ops, env } = run(name, input, 1024, 9);
    assert.ok(ops.length > 0, name);
    expectBalanced([...built, ...env]);
  }
});

test('a program without Arith operations plans no Arith instance and no table', () => {
  const g = load('fibonacci', 'small');
  const plan = execute(g.rom, g.input, [arithComponent], { chunkSize: 1024 });
  assert.equal(plan.instances.length, 0);
});

test('an Arith instance rebuilt alone from its checkpoint equals the one built in the whole run', () => {
  const { plan, built } = run('muldiv', 'tiny', 300, 7);
  const arith = arithOf(plan);
  assert.ok(arith.length >= 8);
  assert.ok(arith.some((p) => (p.plan.meta as readonly { skip: number }[]).some((s) => s.skip > 0)), 'a chunk is split between instances');
  for (const p of arith) {
    const alone = computeWitnesses(plan, { only: [p.globalId] }).instances.get(p.globalId)!;
    const whole = built[plan.instances.indexOf(p)]!;
    assert.deepEqual(alone.trace.data, whole.trace.data, `Arith #${p.plan.segment}`);
  }
});

test('derived checks are routed right after their division, with the values Binary must compare', () => {
  // Every operation message of a replay, in bus order, with the generator in place.
  const g = load('muldiv', 'tiny');
  const seen: number[][] = [];
  const recorder: ComponentBuilder = {
    name: 'recorder',
    airs: [],
    buildCounter: () => ({
      busIds: [OPERATION_BUS],
      processData(_id: number, d: Uint32Array) {
        seen.push([...d]);
        return true;
      },
      result: () => 0,
    }),
    plan: () => [],
    buildInstance: () => {
      throw new Error('no instances');
    },
  };
  execute(g.rom, g.input, [arithComponent, recorder], { chunkSize: 4096 });
  // A derived message is a Binary one at the step of the Arith message just before it.
  const derived = seen.filter((m, i) => m[OP.opType] === OP_TYPE_BINARY && i > 0 && seen[i - 1]![OP.opType] === OP_TYPE_ARITH && seen[i - 1]![OP.stepLo] === m[OP.stepLo]);
  const want = referenceChecks(arithOperations(g.rom, g.input));
  assert.ok(want.length > 100);
  const u = (lo: number, hi: number) => (BigInt(hi) << 32n) | BigInt(lo);
  assert.deepEqual(derived.map((m): Operation => [m[OP.op]!, u(m[OP.aLo]!, m[OP.aHi]!), u(m[OP.bLo]!, m[OP.bHi]!)]), want);
  // The guest's own Binary operations are not taken for checks: only the checks use the internal ops.
  const internal = new Set([OP_LT_ABS_NP, OP_LT_ABS_PN, OP_GT]);
  assert.equal(seen.filter((m) => m[OP.opType] === OP_TYPE_BINARY && internal.has(m[OP.op]!)).length, derived.filter((m) => internal.has(m[OP.op]!)).length);
});

test('the registry runs Arith before the tables', () => {
  const g = load('muldiv', 'tiny');
  const order = stateMachines.map((c) => c.name);
  assert.ok(order.indexOf('arith') < order.indexOf('rom') && order.indexOf('arith') < order.indexOf('range'));
  const ownFamily = stateMachines.filter((c) => ['arith', 'rom', 'range'].includes(c.name));
  const plan = execute(g.rom, g.input, ownFamily, { chunkSize: 1024, logRows: { Arith: 9 } });
  const names = plan.instances.map((p) => p.plan.air.name);
  assert.deepEqual([...new Set(names)], ['Arith', 'ArithTable', 'Rom', 'RangeTable']);
  const { instances } = computeWitnesses(plan);
  assert.equal(instances.size, plan.instances.length);
});

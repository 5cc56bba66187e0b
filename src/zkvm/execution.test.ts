// The whole state-machine system on every example guest, without proving: every constraint and bus
// holds at instance sizes small enough that each family has several instances; witnesses do not
// depend on the number of workers or on the chunk size; an instance built alone from its plan
// descriptor equals the same instance built in the whole run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AirInstance } from '../air/index.js';
import {
  computeWitnesses,
  computeWitnessesParallel,
  describePlan,
  execute,
  executeParallel,
  programHash,
  runWitnessJob,
  restoreBuilt,
  type ExecutionPlan,
  type ExecutorOptions,
} from '../executor/index.js';
import { encodeTrace } from '../emulator/index.js';
import { checkPointChunks } from '../planner/index.js';
import { WorkerPool } from '../parallel/index.js';
import { stateMachines, STATE_MACHINES_REF } from '../sm/registry.js';
import { transpile } from '../transpiler/index.js';
import { checkExecution } from './index.js';
import { EXAMPLES, guestElf, guestInput } from './test-support/examples.js';

const SMALL: ExecutorOptions = {
  chunkSize: 512,
  logRows: { Main: 10, Mem: 7, MemAlign: 7, Binary: 9, BinaryAdd: 9, BinaryExtension: 7, Arith: 7, InputData: 6, RomData: 6, MemAlignStraddle: 5 },
};

const pool = new WorkerPool({ workers: 2 });
after(() => pool.close());

function perAir(plan: ExecutionPlan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of plan.instances) counts.set(p.plan.air.name, (counts.get(p.plan.air.name) ?? 0) + 1);
  return counts;
}

/** Instances keyed by AIR and segment, which do not depend on how the run was cut into chunks. */
function bySegment(plan: ExecutionPlan, built: ReadonlyMap<number, AirInstance>): Map<string, AirInstance> {
  return new Map(plan.instances.map((p) => [`${p.plan.air.name} #${p.plan.segment}`, built.get(p.globalId)!]));
}

function assertSameInstances(a: Map<string, AirInstance>, b: Map<string, AirInstance>, what: string): void {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: the same instances`);
  for (const [key, x] of a) {
    const y = b.get(key)!;
    assert.equal(y.trace.height, x.trace.height, `${what}: ${key} height`);
    assert.ok(Buffer.from(x.trace.data.buffer, x.trace.data.byteOffset, x.trace.data.byteLength).equals(Buffer.from(y.trace.data.buffer, y.trace.data.byteOffset, y.trace.data.byteLength)), `${what}: ${key} trace`);
    assert.deepEqual(y.airValues ?? [], x.airValues ?? [], `${what}: ${key} instance values`);
  }
}

/** The most instances each AIR had in one example. */
const most = new Map<string, number>();
/** AIRs planned as tables (one instance, built from everyone's lookups). */
const tables = new Set<string>();

for (const [name, label] of EXAMPLES) {
  test(`${name}/${label}: every constraint holds and every bus balances, with several instances per family`, async () => {
    const elf = guestElf(name);
    const plan = execute(transpile(elf), guestInput(name, label), stateMachines, SMALL);
    const { instances } = computeWitnesses(plan);
    const check = await checkExecution(plan, instances, { pool });
    assert.equal(check.ok, true, check.ok ? '' : JSON.stringify(check, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    const counts = perAir(plan);
    assert.ok((counts.get('Main') ?? 0) >= 2, `Main: ${counts.get('Main') ?? 0} segments`);
    for (const [air, n] of counts) most.set(air, Math.max(most.get(air) ?? 0, n));
    for (const p of plan.instances) if (p.plan.instanceType === 'table') tables.add(p.plan.air.name);
  });
}

test('across the examples, every AIR that is not a table had several instances', () => {
  const airs = stateMachines.flatMap((c) => c.airs).map((a) => a.name).filter((n) => !tables.has(n));
  // No example makes an access that straddles two words (clang aligns its data); src/sm/mem/mem.test.ts
  // runs a program that does, with several MemAlignStraddle instances.
  assert.deepEqual(airs.filter((a) => !most.has(a)), ['MemAlignStraddle'], 'AIRs no example uses');
  const few = airs.filter((a) => most.has(a) && most.get(a)! < 2);
  assert.deepEqual(few, [], `instances at most: ${[...most].map(([a, n]) => `${a} ${n}`).join(', ')}`);
});

test('witnesses are the same with 1 or 2 workers and with chunks of 2^9 or 2^10 steps', async () => {
  const elf = guestElf('sha256');
  const data = guestInput('sha256', 'abc');
  const plan = execute(transpile(elf), data, stateMachines, SMALL);
  const direct = bySegment(plan, computeWitnesses(plan).instances);
  assert.ok(direct.size > 10);

  const source = { elf, registry: STATE_MACHINES_REF };
  const pplan = await executeParallel(transpile(elf), data, stateMachines, { ...SMALL, pool, source });
  const parallel = bySegment(pplan, (await computeWitnessesParallel(pplan, { pool, source })).instances);
  assertSameInstances(direct, parallel, '2 workers');

  const wide = execute(transpile(elf), data, stateMachines, { ...SMALL, chunkSize: 1024 });
  assert.notEqual(wide.traces.length, plan.traces.length);
  assertSameInstances(direct, bySegment(wide, computeWitnesses(wide).instances), 'chunks of 2^10');
});

test('an instance built alone from its plan descriptor equals the one built in the whole run', () => {
  const elf = guestElf('sort');
  const plan = execute(transpile(elf), guestInput('sort', 'small'), stateMachines, SMALL);
  const { instances } = computeWitnesses(plan);
  // One instance of every non-table AIR, from the middle of the run where there are several.
  const picked = new Map<string, (typeof plan.instances)[number]>();
  for (const p of plan.instances) {
    if (p.plan.instanceType !== 'instance') continue;
    const n = plan.instances.filter((q) => q.plan.air === p.plan.air).length;
    if (p.plan.segment === Math.floor(n / 2)) picked.set(p.plan.air.name, p);
  }
  assert.ok(picked.size >= 5, `instances picked: ${[...picked.keys()].join(', ')}`);
  for (const [air, p] of picked) {
    const descriptor = JSON.parse(JSON.stringify(describePlan(p)));
    const chunks = new Set(checkPointChunks(p.plan.checkPoint));
    // Only the chunks it needs, as encoded bytes: the job sees nothing else of the run.
    const traces = plan.traces.filter((t) => chunks.has(t.chunk)).map(encodeTrace);
    const result = runWitnessJob({ program: programHash(elf), instances: [descriptor], traces }, plan.rom, stateMachines);
    assert.equal(result.instances.length, 1);
    const alone = restoreBuilt(result.instances[0]!, stateMachines);
    assertSameInstances(new Map([[air, instances.get(p.globalId)!]]), new Map([[air, alone]]), `${air} #${p.plan.segment} alone`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWitnesses } from '../../executor/index.js';
import { memGlobalTerms, type MemPlanMeta } from './index.js';
import { firstFailure, imbalance, runGuest, type Run } from './test-support/runs.js';

const EXAMPLES: [string, string | undefined][] = [
  ['elf/fibonacci.elf', 'inputs/fibonacci/small.bin'],
  ['elf/sort.elf', 'inputs/sort/small.bin'],
  ['elf/muldiv.elf', 'inputs/muldiv/tiny.bin'],
  ['elf/sha256.elf', 'inputs/sha256/abc.bin'],
  ['elf/keccak.elf', 'inputs/keccak/zero.bin'],
  ['conformance/misaligned.elf', undefined],
  ['conformance/rv64i-memory.elf', undefined],
];

function perAir(run: Run): Record<string, number> {
  const n: Record<string, number> = {};
  for (const p of run.plan.instances) n[p.plan.air.name] = (n[p.plan.air.name] ?? 0) + 1;
  return n;
}

for (const [elf, input] of EXAMPLES) {
  test(`${elf}: every memory instance passes the checker and the memory bus balances against Main's accesses`, () => {
    const run = runGuest(elf, input);
    assert.equal(firstFailure(run.instances), undefined);
    assert.equal(imbalance(run), undefined);
  });
}

test('sha256: several instances of every AIR it uses, cut by address, with both kinds of start state', () => {
  const run = runGuest('elf/sha256.elf', 'inputs/sha256/abc.bin');
  const n = perAir(run);
  for (const air of ['Mem', 'RomData', 'InputData', 'MemAlign']) assert.ok((n[air] ?? 0) >= 2, `${air}: ${n[air] ?? 0} instances`);
  assert.equal(n['RomDataTable'], 1);
  assert.equal(n['MemAlignStraddle'], undefined, 'sha256 makes no access across two words');
  const mems = run.plan.instances
    .filter((p) => p.component === 'mem')
    .map((p) => p.plan.meta as MemPlanMeta)
    .flatMap((m) => (m.kind === 'mem' ? [m] : []));
  const kinds = new Set(mems.map((m) => m.plan.previous.kind));
  assert.deepEqual([...kinds].sort(), ['collect', 'init', 'known']);
  // A word split between two instances: the later one starts at the word the earlier one ended on.
  assert.ok(mems.some((m, i) => i > 0 && m.region === mems[i - 1]!.region && m.plan.fromAddr === mems[i - 1]!.plan.toAddr));
});

test('misaligned accesses: both MemAlign AIRs have several instances', () => {
  const n = perAir(runGuest('conformance/misaligned.elf'));
  assert.ok((n['MemAlign'] ?? 0) >= 2 && (n['MemAlignStraddle'] ?? 0) >= 2, JSON.stringify(n));
});

test('an instance rebuilt alone from its checkpoint equals the same instance built in the whole run', () => {
  for (const [elf, input] of [['elf/sha256.elf', 'inputs/sha256/abc.bin'], ['conformance/misaligned.elf', undefined]] as const) {
    const run = runGuest(elf, input, { chunkSize: 300 });
    for (const p of run.plan.instances) {
      if (p.instance.instanceType === 'table') continue;
      const alone = computeWitnesses(run.plan, { only: [p.globalId] }).instances.get(p.globalId)!;
      const whole = run.instances[p.globalId]!;
      assert.deepEqual(alone.trace.data, whole.trace.data, `${whole.label}: trace`);
      assert.deepEqual(alone.airValues, whole.airValues, `${whole.label}: air values`);
    }
  }
});

test('regions are planned only when used: a program without input or read-only data reads has no InputData or RomData', () => {
  const n = perAir(runGuest('conformance/misaligned.elf'));
  assert.equal(n['InputData'], undefined);
  assert.equal(n['RomData'], undefined);
  assert.equal(n['RomDataTable'], undefined);
  assert.ok((n['Mem'] ?? 0) > 0);
});

test('global terms: one initial state per region the proof uses; without it, or with two, the chain does not balance', () => {
  const run = runGuest('elf/sort.elf', 'inputs/sort/small.bin');
  assert.throws(() => memGlobalTerms({ outputs: run.plan.outputs }), /instanceCounts/);
  assert.deepEqual(run.terms.map((t) => t.label), ['Mem starts from the initial state', 'InputData starts from the initial state']);
  assert.equal(imbalance(run), undefined);
  assert.match(imbalance({ ...run, terms: run.terms.slice(1) }) ?? '', /^bus 11:/);
  assert.match(imbalance({ ...run, terms: [...run.terms, run.terms[0]!] }) ?? '', /^bus 11:/);
  // A proof that leaves out every InputData instance (and its term) leaves Main's input reads
  // unproved (and the range checks those instances made unmatched).
  const noInput = run.plan.instances.map((p, i) => ({ p, inst: run.instances[i]! })).filter(({ p }) => p.plan.air.name !== 'InputData').map(({ inst }) => inst);
  assert.match(imbalance({ ...run, terms: run.terms.slice(0, 1) }, noInput) ?? '', /^bus (10|100):/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILES } from '../fri/index.js';
import { assembleProof, commitStage1, drawGlobalChallenges, encodeInstanceProof, phase3Order, prove, proveInstance, type InstanceProof, type Stage1 } from './index.js';
import { cloneMatrix, mixedInstances, testSystem } from './test-support/examples.js';

const params = PROFILES.test.params;

test('phase3Order: a permutation, smallest phase-3 footprint first; any order gives the same proof', async () => {
  const { instances, publics } = mixedInstances();
  const stage1: Stage1[] = [];
  for (const inst of instances) stage1.push(await commitStage1(testSystem, params, inst));
  const order = phase3Order(stage1, params);
  assert.deepEqual([...order].sort((a, b) => a - b), instances.map((_, i) => i));
  const size = (i: number) => {
    const { air } = stage1[i]!.data;
    return (air.width + air.stage2Width + 3 * Math.max(1, air.degree - 1)) * 2 ** (stage1[i]!.commitment.logRows + params.logBlowup);
  };
  for (let k = 1; k < order.length; k++) assert.ok(size(order[k - 1]!) <= size(order[k]!), `order ${order.join(',')}`);
  // The instance proofs in reverse order (each from its own transcript fork) assemble to prove()'s bytes.
  const global = drawGlobalChallenges(testSystem, params, publics, stage1.map((s) => s.commitment));
  const proofs: InstanceProof[] = new Array(instances.length);
  for (let i = instances.length - 1; i >= 0; i--) proofs[i] = await proveInstance(testSystem, params, i, stage1[i]!, global);
  assert.deepEqual(assembleProof(testSystem, params, publics, proofs), await prove(testSystem, instances, publics, params));
});

test("keepStage1Lde 'tree': a trace changed between the phases is caught when the LDE is recomputed", async () => {
  const { instances, publics } = mixedInstances();
  const stage1: Stage1[] = [];
  for (const inst of instances) stage1.push(await commitStage1(testSystem, params, { ...inst, trace: cloneMatrix(inst.trace) }, { keepStage1Lde: 'tree' }));
  assert.ok(stage1.every((s) => s.data.main === undefined && s.data.mainLevels !== undefined));
  const global = drawGlobalChallenges(testSystem, params, publics, stage1.map((s) => s.commitment));
  // Unchanged: the instance proof is the one of a kept LDE.
  const kept = await commitStage1(testSystem, params, instances[3]!, { keepStage1Lde: true });
  assert.deepEqual(encodeInstanceProof(testSystem, await proveInstance(testSystem, params, 3, stage1[3]!, global)), encodeInstanceProof(testSystem, await proveInstance(testSystem, params, 3, kept, global)));
  // One cell changed (every row of the LDE depends on it): rejected.
  const trace = stage1[3]!.data.instance.trace;
  trace.data[0] = (trace.data[0]! + 1) >>> 0;
  await assert.rejects(proveInstance(testSystem, params, 3, stage1[3]!, global), /changed between phase 1 and phase 3/);
});

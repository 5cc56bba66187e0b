// The committed inputs and expected outputs of the guest examples, checked against the input
// table (guest/inputs/generate.mjs) and against independent computations: node:crypto for the
// hashes, published Keccak values, and the plain BigInt references of reference.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  EXAMPLE_INPUTS, EXAMPLES, expectedInputBytes, formatOutputs, inputPath, readExpected, readStepCounts, stepKey,
  type Example,
} from '../oracles/index.js';
import { checkAgainstReference } from './reference.js';

test('every example has inputs, expected outputs and step counts', () => {
  const steps = readStepCounts();
  for (const example of EXAMPLES) {
    const inputs = EXAMPLE_INPUTS.filter((i) => i.example === example);
    assert.ok(inputs.length >= 3, `${example} has ${inputs.length} inputs`);
    for (const input of inputs) {
      assert.ok(steps[stepKey(input)], `${stepKey(input)} has a step count`);
      readExpected(input);
    }
    const counts = inputs.map((i) => steps[stepKey(i)]!.steps);
    assert.ok(Math.min(...counts) < 50_000, `${example}: smallest input ${Math.min(...counts)} steps`);
    assert.ok(Math.max(...counts) > 10_000_000, `${example}: largest input ${Math.max(...counts)} steps`);
  }
});

test('committed input files are what guest/inputs/generate.mjs produces', () => {
  for (const input of EXAMPLE_INPUTS.filter((i) => i.committed)) {
    const file = new Uint8Array(readFileSync(inputPath(input.example, input.label)));
    assert.deepEqual(file, expectedInputBytes(input), stepKey(input));
    assert.equal(file.length % 8, 0);
  }
});

test('expected outputs agree with independent references (all inputs, generated ones included)', () => {
  for (const input of EXAMPLE_INPUTS) checkAgainstReference(input);
});

test('published values: SHA-256("abc"), Keccak-f of the zero state, SHA3-256("")', () => {
  const words = (label: string, example: Example) => formatOutputs(readExpected({ example, label, committed: true })).split('\n');
  assert.deepEqual(words('abc', 'sha256').slice(0, 8).join(''), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  // First lane of Keccak-f[1600] applied to the zero state (Keccak team's intermediate values).
  assert.deepEqual(words('zero', 'keccak').slice(0, 2), ['40e1dde7', 'f1258f79']);
  const sha3 = words('sha3-empty', 'keccak').slice(0, 8);
  const lanes = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) lanes.writeUInt32LE(parseInt(sha3[i]!, 16), 4 * i);
  assert.equal(lanes.toString('hex'), createHash('sha3-256').update('').digest('hex'));
});

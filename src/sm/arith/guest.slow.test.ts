import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkBusBalanceReference, checkConstraintsReference, describeFailure, describeImbalance } from '../../air/index.js';
import { computeWitnesses, execute } from '../../executor/index.js';
import { transpile } from '../../transpiler/index.js';
import { OP_TYPE_ARITH } from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { operationStandIn } from '../test-support/stand-ins.js';
import { arithComponent } from './index.js';
import { arithOperations, binaryStandIn, referenceChecks } from './test-helpers.js';

test('muldiv over its built-in table (every M instruction on 22 edge operands): balanced with Main', () => {
  const rom = transpile(readFileSync(new URL('../../../guest/elf/muldiv.elf', import.meta.url)));
  const input = readFileSync(new URL('../../../guest/inputs/muldiv/table.bin', import.meta.url));
  const plan = execute(rom, input, [arithComponent, rangeComponent], { chunkSize: 4096, logRows: { Arith: 12 } });
  const { instances } = computeWitnesses(plan);
  const built = plan.instances.map((p) => instances.get(p.globalId)!);
  const ops = arithOperations(rom, input);
  assert.ok(ops.length > 18000);
  for (const inst of built) {
    const c = checkConstraintsReference(inst);
    assert.ok(c.ok, c.ok ? '' : describeFailure(c));
  }
  const b = checkBusBalanceReference([...built, operationStandIn(rom, input, [OP_TYPE_ARITH]), binaryStandIn(referenceChecks(ops))]);
  assert.ok(b.ok, b.ok ? '' : describeImbalance(b));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataBus, OP, OPERATION_BUS, type BusDevice } from '../../bus/index.js';
import {
  OP_ADD, OP_DIV, OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU, OP_MULH, OP_TYPE_ARITH, OP_TYPE_BINARY, OPS, opByCode,
} from '../../zisk/index.js';
import { RemainderCheckGenerator, remainderCheckOp } from './index.js';
import { EDGE_VALUES, M64, referenceRemainderCheck, s64, u64 } from './test-helpers.js';

const ARITH_OPS = OPS.filter((o) => o.opType === OP_TYPE_ARITH).map((o) => o.code);
const lo32 = (x: bigint) => Number(x & 0xffffffffn);
const hi32 = (x: bigint) => Number(x >> 32n);

/** Sends one operation message through a bus with the generator; returns every message routed, in order. */
function route(op: number, opType: number, a: bigint, b: bigint, step = 42): Uint32Array[] {
  const seen: Uint32Array[] = [];
  const recorder: BusDevice = {
    busIds: [OPERATION_BUS],
    processData(_id, data) {
      seen.push(Uint32Array.from(data));
      return true;
    },
  };
  const bus = new DataBus([recorder], [new RemainderCheckGenerator()]);
  const msg = new Uint32Array(OP.size);
  const [c, flag] = opByCode(op).ref(a, b);
  msg.set([op, opType, lo32(a), hi32(a), lo32(b), hi32(b), lo32(c), hi32(c), flag ? 1 : 0, step, 0]);
  bus.write(OPERATION_BUS, msg);
  return seen;
}

const values = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.bigInt({ min: 0n, max: M64 }), fc.bigInt({ min: -20n, max: 20n }).map(u64));

test('each division is followed by its remainder check, as the RISC-V definitions give it; nothing else is derived', () => {
  fc.assert(
    fc.property(fc.constantFrom(...ARITH_OPS), values, values, (op, a, b) => {
      const seen = route(op, OP_TYPE_ARITH, a, b);
      const want = referenceRemainderCheck(op, a, b);
      assert.equal(seen.length, want ? 2 : 1);
      if (!want) return;
      const [check, d, y] = want;
      const [c, flag] = opByCode(check).ref(d, y);
      assert.deepEqual([c, flag], [1n, true], 'an honest remainder passes its check');
      assert.deepEqual([...seen[1]!], [check, OP_TYPE_BINARY, lo32(d), hi32(d), lo32(y), hi32(y), 1, 0, 1, 42, 0]);
    }),
    { numRuns: 4000 },
  );
  // Messages of other families pass through untouched, and derive nothing.
  assert.equal(route(OP_ADD, OP_TYPE_BINARY, 7n, 0n).length, 1);
  assert.equal(route(OP_MULH, OP_TYPE_ARITH, 7n, 0n).length, 1);
  assert.equal(route(OP_DIV, OP_TYPE_ARITH, 7n, 0n).length, 1, 'division by zero has no check');
});

test('the check demands strictly less in absolute value, in every sign combination', () => {
  const signed = fc.bigInt({ min: -(1n << 63n) + 1n, max: (1n << 63n) - 1n });
  const near = fc.tuple(signed, fc.bigInt({ min: -2n, max: 2n })).map(([x, k]) => [x, x + k] as const);
  fc.assert(
    fc.property(fc.oneof(fc.tuple(signed, signed), near, near.map(([x, y]) => [x, -y] as const)), ([r, y]) => {
      if (y === 0n || y >= 1n << 63n || y < -(1n << 63n)) return;
      const op = remainderCheckOp(r < 0n ? 1 : 0, y < 0n ? 1 : 0);
      const [c] = opByCode(op).ref(u64(r), u64(y));
      const abs = (x: bigint) => (x < 0n ? -x : x);
      assert.equal(c === 1n, abs(r) < abs(y), `${opByCode(op).name}(${r}, ${y})`);
    }),
    { numRuns: 4000 },
  );
  // The boundary, by name: |r| = |b| fails in all four.
  const cases: [number, bigint, bigint][] = [[OP_LTU, 4n, 4n], [OP_LT_ABS_NP, -4n, 4n], [OP_LT_ABS_PN, 4n, -4n], [OP_GT, -4n, -4n]];
  for (const [op, r, y] of cases) {
    assert.equal(remainderCheckOp(r < 0n ? 1 : 0, y < 0n ? 1 : 0), op);
    assert.deepEqual(opByCode(op).ref(u64(r), u64(y)), [0n, false], `${opByCode(op).name}(${r}, ${y})`);
    assert.deepEqual(opByCode(op).ref(u64(r - (r < 0n ? -1n : 1n)), u64(y)), [1n, true]);
  }
  // INT64_MIN as a divisor: every smaller magnitude passes, |INT64_MIN| itself cannot occur.
  assert.deepEqual(opByCode(OP_LT_ABS_PN).ref((1n << 63n) - 1n, 1n << 63n), [1n, true]);
  assert.deepEqual(opByCode(OP_GT).ref(u64(-(1n << 63n) + 1n), 1n << 63n), [1n, true]);
  assert.equal(s64(1n << 63n), -(1n << 63n));
});

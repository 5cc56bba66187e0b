/**
 * Test helpers of the Binary family: the operation messages a caller (Main or Arith) would assume,
 * straight from the op table's reference semantics, and a compact copy of the table instance.
 */
import assert from 'node:assert/strict';
import { defineAir, type AirInstance } from '../../air/index.js';
import { OPERATION_BUS } from '../../bus/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { isM32, opByCode, OPS, OP_TYPE_BINARY } from '../../zisk/index.js';
import { binaryAir, binaryTrace } from './basic.js';
import { OperationList } from './operations.js';

export type Op = readonly [op: number, a: bigint, b: bigint];

/** Every op of type Binary in the op table. */
export const BINARY_OPS: readonly number[] = OPS.filter((o) => o.opType === OP_TYPE_BINARY).map((o) => o.code);


const callerAir = defineAir({
  name: 'OperationCaller',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupAssumes('the caller assumes each operation', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

const M32 = 0xffffffffn;

/**
 * The message a caller assumes for op(a, b), with c and flag from the op table's BigInt reference
 * (independent of the Binary AIRs and of the emulator's fast semantics):
 * `[op, a_lo, a_hi·(1−m32), b_lo, b_hi·(1−m32), c_lo, c_hi, flag]`.
 */
export function expectedMessage(op: number, a: bigint, b: bigint): bigint[] {
  const def = opByCode(op);
  const [c, flag] = def.ref(a, b);
  const m32 = isM32(def);
  return [BigInt(op), a & M32, m32 ? 0n : a >> 32n, b & M32, m32 ? 0n : b >> 32n, c & M32, c >> 32n, flag ? 1n : 0n];
}

/** An instance assuming the messages of `ops` (one row each). */
export function callerInstance(ops: readonly (readonly [number, bigint, bigint])[]): AirInstance {
  const n = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(1, ops.length))));
  const trace = new Matrix(callerAir.width, n);
  ops.forEach(([op, a, b], r) => {
    expectedMessage(op, a, b).forEach((v, j) => trace.set(r, j, v));
    trace.set(r, 8, 1n);
  });
  return { air: callerAir, trace, label: 'OperationCaller' };
}

/**
 * The table instance cut down to its rows with a non-zero multiplicity (same fixed values, same
 * messages), so the reference bus check does not walk 2^17 rows. For tests only: a real proof
 * commits the whole table.
 */
export function compactTable(table: AirInstance): AirInstance {
  const { trace, fixed } = table;
  if (!fixed) throw new Error('compactTable: the table has no fixed columns');
  const used: number[] = [];
  for (let r = 0; r < trace.height; r++) {
    for (let j = 0; j < trace.width; j++) {
      const i = 2 * (j * trace.height + r);
      if (trace.data[i] !== 0 || trace.data[i + 1] !== 0) {
        used.push(r);
        break;
      }
    }
  }
  const n = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(1, used.length))));
  const t = new Matrix(trace.width, n);
  const f = new Matrix(fixed.width, n);
  used.forEach((r, i) => {
    for (let j = 0; j < trace.width; j++) t.set(i, j, trace.get(r, j));
    for (let j = 0; j < fixed.width; j++) f.set(i, j, fixed.get(r, j));
  });
  return { air: compactAir(table.air), trace: t, fixed: f, label: `${table.label ?? table.air.name} (used rows)` };
}

const compactAirs = new Map<string, AirInstance['air']>();
/** The same AIR without its fixed height (the checks only read its interactions). */
function compactAir(air: AirInstance['air']): AirInstance['air'] {
  let a = compactAirs.get(air.name);
  if (!a) {
    a = Object.create(air, { logRows: { value: undefined } }) as AirInstance['air'];
    compactAirs.set(air.name, a);
  }
  return a;
}

/** The `_w` forms of the basic ops (their top byte is byte 3). */
export function opIsW(op: number): boolean {
  return op >= 0x12 && op <= 0x1d;
}

/** c and flag as the trace's bus message carries them (limbs of the bytes, flag = carry_7). */
export function resultsOf(ops: readonly Op[]): [bigint, bigint][] {
  const tables = new TableMultiplicities();
  const trace = binaryTrace([OperationList.of(ops)], Math.max(2, Math.ceil(Math.log2(ops.length))), tables);
  const col = binaryAir.cols;
  const cBytes = col.c.map((j) => trace.column(j));
  const flags = trace.column(col.carry[7]!);
  return ops.map((_, r) => {
    let lo = 0;
    let hi = 0;
    for (let i = 3; i >= 0; i--) lo = lo * 256 + cBytes[i]![2 * r]!;
    for (let i = 7; i >= 4; i--) hi = hi * 256 + cBytes[i]![2 * r]!;
    const flag = BigInt(flags[2 * r]!);
    return [((BigInt(hi) << 32n) | BigInt(lo)) + flag, flag];
  });
}

/**
 * Every (x, y) from `bytes` at the top byte (byte 3 for `_w` ops) with the lower bytes equal or one
 * apart, and at byte 0: the table rows give the reference result for every op.
 */
export function checkBytePairs(bytes: readonly number[]): void {
  for (const op of BINARY_OPS) {
    const ops: Op[] = [];
    const topShift = opIsW(op) ? 24n : 56n;
    for (const xv of bytes) {
      for (const yv of bytes) {
        const x = BigInt(xv);
        const y = BigInt(yv);
        ops.push([op, (x << topShift) | 0x5a5a5an, (y << topShift) | 0x5a5a5an]);
        ops.push([op, (x << topShift) | 0x5a5a5bn, (y << topShift) | 0x5a5a5an]);
        ops.push([op, (x << topShift) | 0x5a5a5an, (y << topShift) | 0x5a5a5bn]);
        ops.push([op, 0x1111110000000000n | x, 0x1111110000000000n | y]);
      }
    }
    const got = resultsOf(ops);
    ops.forEach(([o, a, b], r) => {
      const m = expectedMessage(o, a, b);
      const want = m[5]! | (m[6]! << 32n);
      if (got[r]![0] !== want || got[r]![1] !== m[7]) assert.fail(`op 0x${o.toString(16)}(0x${a.toString(16)}, 0x${b.toString(16)}): got c=0x${got[r]![0].toString(16)} flag=${got[r]![1]}, want c=0x${want.toString(16)} flag=${m[7]}`);
    });
  }
}


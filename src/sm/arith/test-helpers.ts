/**
 * Test support for the Arith family (not part of its public surface): operation lists with the op
 * table's BigInt results, stand-ins for Main (which assumes each Arith operation) and for Binary
 * (which proves the derived remainder checks with the op table's semantics), and the instances a
 * list of operations gives.
 */
import { defineAir, type AirInstance } from '../../air/index.js';
import { OPERATION_BUS } from '../../bus/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { runObserved, type StepRecord } from '../../emulator/index.js';
import { isM32, OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU, OP_TYPE_ARITH, opByCode, type ZiskRom } from '../../zisk/index.js';
import { rangeComponent } from '../range/index.js';
import { messageInstance } from '../test-support/stand-ins.js';
import { arithTableInstance, buildArithTrace, OperationBuffer, arithAir } from './index.js';

export const M64 = (1n << 64n) - 1n;
export const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
export const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const lo32 = (x: bigint) => x & 0xffffffffn;
const s32 = (x: bigint) => BigInt.asIntN(32, x);

/** One operation: op code and 64-bit operands. */
export type Operation = readonly [op: number, a: bigint, b: bigint];

/** The Arith operations of a direct run, in order (what Main assumes). */
export function arithOperations(rom: ZiskRom, input: Uint8Array | undefined): Operation[] {
  const ops: Operation[] = [];
  const u = (lo: number, hi: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  runObserved(rom, input, {
    onStep(r: StepRecord) {
      const inst = rom.insts[r.inst]!;
      if (inst.isExternalOp && inst.opType === OP_TYPE_ARITH) ops.push([inst.op, u(r.aLo, r.aHi), u(r.bLo, r.bHi)]);
      return false;
    },
    onMemory() {},
    onRegister() {},
  });
  return ops;
}

/** The operations as the bus delivers them, with the op table's reference results. */
export function operationList(ops: readonly Operation[]): OperationBuffer {
  const buf = new OperationBuffer(ops.length);
  for (const [op, a, b] of ops) {
    const [c, flag] = opByCode(op).ref(a, b);
    buf.push(op, Number(lo32(a)), Number(a >> 32n), Number(lo32(b)), Number(b >> 32n), Number(lo32(c)), Number(c >> 32n), flag ? 1 : 0);
  }
  return buf;
}

/**
 * The remainder check a division needs, computed from the RISC-V definitions (independently of
 * the AIR's witness code): the Binary op for the signs of (remainder, divisor) and the 64-bit
 * values it compares (32-bit ops: the values extended as the op reads them). Undefined when there
 * is none (not a division, or division by zero).
 */
export function referenceRemainderCheck(op: number, a: bigint, b: bigint): Operation | undefined {
  const def = opByCode(op);
  if (!def.name.startsWith('div') && !def.name.startsWith('rem')) return undefined;
  const signed = def.name.startsWith('div') ? !def.name.startsWith('divu') : !def.name.startsWith('remu');
  let x: bigint;
  let y: bigint;
  if (isM32(def)) {
    x = signed ? s32(lo32(a)) : lo32(a);
    y = signed ? s32(lo32(b)) : lo32(b);
  } else {
    x = signed ? s64(a) : a;
    y = signed ? s64(b) : b;
  }
  if (y === 0n) return undefined;
  const r = x % y; // BigInt % truncates: the remainder has the dividend's sign, as RISC-V's
  const check = r < 0n ? (y < 0n ? OP_GT : OP_LT_ABS_NP) : y < 0n ? OP_LT_ABS_PN : OP_LTU;
  return [check, u64(r), u64(y)];
}

const mainAir = defineAir({
  name: 'MainArithStandIn',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupAssumes('Main assumes each Arith operation', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

const binaryAir = defineAir({
  name: 'BinaryCheckStandIn',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupProves('Binary proves each remainder check', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

const limbs = (x: bigint): [bigint, bigint] => [lo32(x), x >> 32n];

/** Main's assumptions for `ops`: `[op, a_lo, a_hi', b_lo, b_hi', c_lo, c_hi, flag]`, c and flag by the op table's `ref`. */
export function mainStandIn(ops: readonly Operation[], results?: readonly (readonly [bigint, number])[]): AirInstance {
  return messageInstance(
    mainAir,
    ops.map(([op, a, b], i) => {
      const m32 = isM32(opByCode(op));
      const [c, flag] = results?.[i] ?? (([c, f]) => [c, f ? 1 : 0] as const)(opByCode(op).ref(a, b));
      const [aLo, aHi] = limbs(a);
      const [bLo, bHi] = limbs(b);
      return [BigInt(op), aLo, m32 ? 0n : aHi, bLo, m32 ? 0n : bHi, ...limbs(c), BigInt(flag)];
    }),
    'Main (Arith stand-in)',
  );
}

/** An honest Binary for `checks`: proves `[op, a, b, c, flag]` with c, flag from the op table's `ref`. */
export function binaryStandIn(checks: readonly Operation[]): AirInstance {
  return messageInstance(
    binaryAir,
    checks.map(([op, a, b]) => {
      const [c, flag] = opByCode(op).ref(a, b);
      return [BigInt(op), ...limbs(a), ...limbs(b), ...limbs(c), flag ? 1n : 0n];
    }),
    'Binary (check stand-in)',
  );
}

/** The derived checks of a list of operations, by the reference derivation. */
export function referenceChecks(ops: readonly Operation[]): Operation[] {
  return ops.map(([op, a, b]) => referenceRemainderCheck(op, a, b)).filter((x): x is Operation => x !== undefined);
}

/** The table instances (ArithTable and the shared range table) from the gathered lookups. */
export function tableInstances(tables: TableMultiplicities): AirInstance[] {
  const plan = rangeComponent.plan([], { rom: null as never, chunkSize: 1, chunks: [], logRowsOf: () => 0 })[0]!;
  const inputs = { rom: null as never, collectors: [], traces: [], tables };
  return [arithTableInstance().computeWitness(inputs), rangeComponent.buildInstance({ plan, globalId: 0 }).computeWitness(inputs)];
}

/** An Arith instance of `ops` and the tables it looked up into. */
export function arithInstances(ops: readonly Operation[], logRows: number): { arith: AirInstance; tables: AirInstance[] } {
  const tables = new TableMultiplicities();
  const trace = buildArithTrace([operationList(ops)], logRows, tables);
  return { arith: { air: arithAir, trace, label: 'Arith' }, tables: tableInstances(tables) };
}

/** Values chosen for their edges: 0, ±1, INT64_MIN/MAX, 2^32 ± 1, INT32_MIN/MAX in several extensions. */
export const EDGE_VALUES: readonly bigint[] = [
  0n, 1n, 2n, 3n, 7n, M64, M64 - 1n, M64 - 6n, 1n << 63n, (1n << 63n) - 1n, (1n << 63n) + 1n,
  0x7fffffffn, 0x80000000n, 0x80000001n, 0xffffffffn, 1n << 32n, (1n << 32n) + 1n, 0xffffffff80000000n,
  0xffffffff7fffffffn, 0xffffffff00000000n, 0x123456789abcdef0n, 0xfedcba9876543210n,
];

/**
 * Stand-ins for Main in the tests of the other state machines: AIR instances that assume on the
 * operation and memory buses exactly the messages Main assumes (docs/state-machines.md), built from
 * a direct run. A family's instances plus these stand-ins must balance those buses; dropping or
 * changing one of the family's rows must not.
 */
import { defineAir, type AirInstance } from '../../air/index.js';
import { MEMORY_BUS, MEM_LOAD, OPERATION_BUS } from '../../bus/index.js';
import { runObserved, type MemoryRecord, type StepRecord } from '../../emulator/index.js';
import { Matrix } from '../../matrix/index.js';
import type { ZiskRom } from '../../zisk/index.js';

const operationsAir = defineAir({
  name: 'MainOperationsStandIn',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupAssumes('Main assumes each external operation', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

const memoryAir = defineAir({
  name: 'MainMemoryStandIn',
  columns: { msg: 6, sel: 1 },
  eval(b) {
    b.permutationAssumes('Main assumes each memory access', MEMORY_BUS, b.main.msg, b.main.sel);
  },
});

function toInstance(air: typeof operationsAir | typeof memoryAir, rows: bigint[][]): AirInstance {
  const n = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(1, rows.length))));
  const width = air.width;
  const trace = new Matrix(width, n);
  rows.forEach((row, r) => {
    row.forEach((v, j) => trace.set(r, j, v));
    trace.set(r, width - 1, 1n);
  });
  return { air, trace, label: air.name };
}

const u = (x: number) => BigInt(x >>> 0);

/**
 * The operation messages Main assumes for the steps whose op type is in `opTypes`:
 * `[op, a_lo, a_hi·(1−m32), b_lo, b_hi·(1−m32), c_lo, c_hi, flag]`.
 */
export function operationStandIn(rom: ZiskRom, input: Uint8Array | undefined, opTypes: readonly number[]): AirInstance {
  const rows: bigint[][] = [];
  runObserved(rom, input, {
    onStep(r: StepRecord) {
      const inst = rom.insts[r.inst]!;
      if (inst.isExternalOp && opTypes.includes(inst.opType)) {
        const m32 = inst.m32;
        rows.push([BigInt(inst.op), u(r.aLo), m32 ? 0n : u(r.aHi), u(r.bLo), m32 ? 0n : u(r.bHi), u(r.cLo), u(r.cHi), BigInt(r.flag)]);
      }
      return false;
    },
    onMemory() {},
    onRegister() {},
  });
  return toInstance(operationsAir, rows);
}

/**
 * The memory messages Main assumes, `[op, addr, mem_step, bytes, value_lo, value_hi]`: a load's value
 * is the operand it produced (a or b, the loaded bytes zero-extended), a store's the whole 64-bit
 * value Main stores (c, or the return address for store_pc). `filter` keeps some accesses only.
 */
export function memoryStandIn(rom: ZiskRom, input: Uint8Array | undefined, filter: (addr: number, bytes: number) => boolean = () => true): AirInstance {
  const rows: bigint[][] = [];
  const pending: { op: number; addr: number; memStep: number; slot: number; bytes: number; vLo: number; vHi: number }[] = [];
  runObserved(rom, input, {
    onMemory(m: MemoryRecord) {
      pending.push({ op: m.op, addr: m.addr, memStep: m.memStep, slot: m.slot, bytes: m.bytes, vLo: m.valueLo, vHi: m.valueHi });
    },
    onStep(r: StepRecord) {
      for (const p of pending) {
        if (!filter(p.addr, p.bytes)) continue;
        let lo = p.vLo;
        let hi = p.vHi;
        if (p.op === MEM_LOAD) [lo, hi] = p.slot === 0 ? [r.aLo, r.aHi] : [r.bLo, r.bHi];
        rows.push([BigInt(p.op), BigInt(p.addr), BigInt(p.memStep), BigInt(p.bytes), u(lo), u(hi)]);
      }
      pending.length = 0;
      return false;
    },
    onRegister() {},
  });
  return toInstance(memoryAir, rows);
}

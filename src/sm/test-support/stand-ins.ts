/**
 * Stand-ins for Main in the tests of the other state machines: AIR instances that assume on the
 * operation and memory buses exactly the messages Main assumes (docs/state-machines.md), built from
 * a direct run. A family's instances plus these stand-ins must balance those buses; dropping or
 * changing one of the family's rows must not.
 */
import { defineAir, type Air, type AirInstance } from '../../air/index.js';
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

/**
 * Message rows as an instance of `air` (the message columns, then a selector column of 1 on every
 * row that holds a message), padded with zero rows to a power of two.
 */
export function messageInstance(air: Air, rows: readonly (readonly bigint[])[], label = air.name): AirInstance {
  const n = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(1, rows.length))));
  const width = air.width;
  const trace = new Matrix(width, n);
  rows.forEach((row, r) => {
    row.forEach((v, j) => trace.set(r, j, v));
    trace.set(r, width - 1, 1n);
  });
  return { air, trace, label };
}

const u = (x: number) => BigInt(x >>> 0);

/** The messages Main sends on the operation and memory buses in a direct run, as rows. */
export interface MainMessages {
  /** `[op, a_lo, a_hi·(1−m32), b_lo, b_hi·(1−m32), c_lo, c_hi, flag]` per external operation kept. */
  readonly operations: bigint[][];
  /**
   * `[op, addr, mem_step, bytes, value_lo, value_hi]` per access kept: a load's value is the operand
   * it produced (a or b, the loaded bytes zero-extended), a store's the whole 64-bit value Main
   * stores (c, or the return address for store_pc).
   */
  readonly memory: bigint[][];
}

/**
 * Runs the program once and collects Main's messages: the external operations whose op type
 * `keepOp` accepts, and the memory accesses `keepAccess` accepts.
 */
export function mainMessages(
  rom: ZiskRom,
  input: Uint8Array | undefined,
  keepOp: (opType: number) => boolean,
  keepAccess: (addr: number, bytes: number) => boolean = () => true,
): MainMessages {
  const operations: bigint[][] = [];
  const memory: bigint[][] = [];
  const pending: { op: number; addr: number; memStep: number; slot: number; bytes: number; vLo: number; vHi: number }[] = [];
  runObserved(rom, input, {
    onMemory(m: MemoryRecord) {
      pending.push({ op: m.op, addr: m.addr, memStep: m.memStep, slot: m.slot, bytes: m.bytes, vLo: m.valueLo, vHi: m.valueHi });
    },
    onStep(r: StepRecord) {
      for (const p of pending) {
        if (!keepAccess(p.addr, p.bytes)) continue;
        let lo = p.vLo;
        let hi = p.vHi;
        if (p.op === MEM_LOAD) [lo, hi] = p.slot === 0 ? [r.aLo, r.aHi] : [r.bLo, r.bHi];
        memory.push([BigInt(p.op), BigInt(p.addr), BigInt(p.memStep), BigInt(p.bytes), u(lo), u(hi)]);
      }
      pending.length = 0;
      const inst = rom.insts[r.inst]!;
      if (inst.isExternalOp && keepOp(inst.opType)) {
        const m32 = inst.m32;
        operations.push([BigInt(inst.op), u(r.aLo), m32 ? 0n : u(r.aHi), u(r.bLo), m32 ? 0n : u(r.bHi), u(r.cLo), u(r.cHi), BigInt(r.flag)]);
      }
      return false;
    },
    onRegister() {},
  });
  return { operations, memory };
}

/** The operation messages Main assumes for the steps whose op type is in `opTypes`. */
export function operationStandIn(rom: ZiskRom, input: Uint8Array | undefined, opTypes: readonly number[]): AirInstance {
  return messageInstance(operationsAir, mainMessages(rom, input, (t) => opTypes.includes(t), () => false).operations);
}

/** The memory messages Main assumes (see MainMessages); `filter` keeps some accesses only. */
export function memoryStandIn(rom: ZiskRom, input: Uint8Array | undefined, filter: (addr: number, bytes: number) => boolean = () => true): AirInstance {
  return messageInstance(memoryAir, mainMessages(rom, input, () => false, filter).memory);
}

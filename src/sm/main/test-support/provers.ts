/**
 * Proving stand-ins for Main's tests: AIR instances that prove, from a direct run, every message
 * Main assumes on the operation bus (each external operation but pubout, which the global terms
 * prove) and on the memory bus (each memory access, as docs/state-machines.md specifies). Main's
 * instances plus these, Rom, Range and the global terms must balance every bus.
 */
import { defineAir, type AirInstance } from '../../../air/index.js';
import { MEMORY_BUS, MEM_LOAD, OPERATION_BUS } from '../../../bus/index.js';
import { runObserved, type MemoryRecord, type StepRecord } from '../../../emulator/index.js';
import { Matrix } from '../../../matrix/index.js';
import { OP_TYPE_PUBOUT, type ZiskRom } from '../../../zisk/index.js';

const operationProverAir = defineAir({
  name: 'OperationProver',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupProves('each external operation', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

const memoryProverAir = defineAir({
  name: 'MemoryProver',
  columns: { msg: 6, sel: 1 },
  eval(b) {
    b.permutationProves('each memory access', MEMORY_BUS, b.main.msg, b.main.sel);
  },
});

function toInstance(air: typeof operationProverAir | typeof memoryProverAir, rows: bigint[][]): AirInstance {
  const n = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(1, rows.length))));
  const trace = new Matrix(air.width, n);
  rows.forEach((row, r) => {
    row.forEach((v, j) => trace.set(r, j, v));
    trace.set(r, air.width - 1, 1n);
  });
  return { air, trace, label: air.name };
}

const u = (x: number) => BigInt(x >>> 0);

export interface Provers {
  readonly operations: AirInstance;
  readonly memory: AirInstance;
  /** The rows of each, to tamper with. */
  readonly operationRows: number;
  readonly memoryRows: number;
}

export function provers(rom: ZiskRom, input: Uint8Array | undefined): Provers {
  const ops: bigint[][] = [];
  const mem: bigint[][] = [];
  const pending: { op: number; addr: number; memStep: number; slot: number; bytes: number; vLo: number; vHi: number }[] = [];
  runObserved(rom, input, {
    onMemory(m: MemoryRecord) {
      pending.push({ op: m.op, addr: m.addr, memStep: m.memStep, slot: m.slot, bytes: m.bytes, vLo: m.valueLo, vHi: m.valueHi });
    },
    onStep(r: StepRecord) {
      for (const p of pending) {
        let [lo, hi] = [p.vLo, p.vHi];
        if (p.op === MEM_LOAD) [lo, hi] = p.slot === 0 ? [r.aLo, r.aHi] : [r.bLo, r.bHi];
        mem.push([BigInt(p.op), BigInt(p.addr), BigInt(p.memStep), BigInt(p.bytes), u(lo), u(hi)]);
      }
      pending.length = 0;
      const inst = rom.insts[r.inst]!;
      if (inst.isExternalOp && inst.opType !== OP_TYPE_PUBOUT) {
        const m32 = inst.m32;
        ops.push([BigInt(inst.op), u(r.aLo), m32 ? 0n : u(r.aHi), u(r.bLo), m32 ? 0n : u(r.bHi), u(r.cLo), u(r.cHi), BigInt(r.flag)]);
      }
      return false;
    },
    onRegister() {},
  });
  return { operations: toInstance(operationProverAir, ops), memory: toInstance(memoryProverAir, mem), operationRows: ops.length, memoryRows: mem.length };
}

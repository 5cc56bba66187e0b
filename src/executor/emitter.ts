/**
 * Turns an observed execution into data-bus messages: one operation message per external operation
 * (Binary, BinaryE, Arith, PubOut, …) and one memory message per memory access of Main (registers
 * are not memory: Main proves them itself). Observers that need the raw execution (Main's
 * collectors) watch it too, through the same callbacks.
 */
import { DataBus, MEM, MEMORY_BUS, OP, OPERATION_BUS } from '../bus/index.js';
import type { ExecutionObserver, MemoryRecord, RegisterRecord, StepRecord } from '../emulator/index.js';
import type { ZiskRom } from '../zisk/index.js';

const TWO_32 = 4294967296;

export class BusEmitter implements ExecutionObserver {
  private readonly op = new Uint32Array(OP.size);
  private readonly mem = new Uint32Array(MEM.size);
  private readonly external: Uint8Array;
  private readonly opOf: Uint8Array;
  private readonly typeOf: Uint8Array;

  constructor(
    rom: ZiskRom,
    private readonly bus: DataBus,
    private readonly watchers: readonly ExecutionObserver[] = [],
    /** Called after every step; returns true to stop the replay (every collector is full). */
    private readonly shouldStop: () => boolean = () => false,
  ) {
    const n = rom.insts.length;
    this.external = new Uint8Array(n);
    this.opOf = new Uint8Array(n);
    this.typeOf = new Uint8Array(n);
    rom.insts.forEach((inst, i) => {
      this.external[i] = inst.isExternalOp ? 1 : 0;
      this.opOf[i] = inst.op;
      this.typeOf[i] = inst.opType;
    });
  }

  onStep(r: StepRecord): boolean {
    let stop = false;
    for (let i = 0; i < this.watchers.length; i++) if (this.watchers[i]!.onStep(r)) stop = true;
    if (this.external[r.inst]) {
      const m = this.op;
      m[OP.op] = this.opOf[r.inst]!;
      m[OP.opType] = this.typeOf[r.inst]!;
      m[OP.aLo] = r.aLo;
      m[OP.aHi] = r.aHi;
      m[OP.bLo] = r.bLo;
      m[OP.bHi] = r.bHi;
      m[OP.cLo] = r.cLo;
      m[OP.cHi] = r.cHi;
      m[OP.flag] = r.flag;
      m[OP.stepLo] = r.step >>> 0;
      m[OP.stepHi] = Math.floor(r.step / TWO_32);
      this.bus.write(OPERATION_BUS, m);
    }
    return stop || this.shouldStop();
  }

  onMemory(a: MemoryRecord): void {
    for (let i = 0; i < this.watchers.length; i++) this.watchers[i]!.onMemory(a);
    const m = this.mem;
    m[MEM.op] = a.op;
    m[MEM.addr] = a.addr;
    m[MEM.memStepLo] = a.memStep >>> 0;
    m[MEM.memStepHi] = Math.floor(a.memStep / TWO_32);
    m[MEM.bytes] = a.bytes;
    m[MEM.v0Lo] = a.v0Lo;
    m[MEM.v0Hi] = a.v0Hi;
    m[MEM.v1Lo] = a.v1Lo;
    m[MEM.v1Hi] = a.v1Hi;
    m[MEM.valueLo] = a.valueLo;
    m[MEM.valueHi] = a.valueHi;
    this.bus.write(MEMORY_BUS, m);
  }

  onRegister(g: RegisterRecord): void {
    for (let i = 0; i < this.watchers.length; i++) this.watchers[i]!.onRegister(g);
  }
}

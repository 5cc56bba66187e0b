/**
 * An observer that folds every event (steps, memory accesses, register accesses) into a running
 * hash and counts: two executions with equal hashes and counts saw the same events in the same order.
 */
import type { ExecutionObserver, MemoryRecord, RegisterRecord, StepRecord } from '../observer.js';

export class EventHash implements ExecutionObserver {
  h1 = 0x811c9dc5;
  h2 = 0x01000193;
  steps = 0;
  memory = 0;
  registers = 0;
  private mix(v: number): void {
    this.h1 = Math.imul(this.h1 ^ (v | 0), 0x01000193);
    this.h2 = Math.imul((this.h2 + (v | 0)) | 0, 0x5bd1e995) ^ (this.h2 >>> 15);
  }
  onStep(r: StepRecord): boolean {
    this.steps++;
    for (const v of [r.step, r.pc, r.inst, r.aLo, r.aHi, r.bLo, r.bHi, r.cLo, r.cHi, r.flag, r.nextPc]) this.mix(v);
    return false;
  }
  onMemory(m: MemoryRecord): void {
    this.memory++;
    for (const v of [m.op, m.addr, m.memStep, m.slot, m.bytes, m.v0Lo, m.v0Hi, m.v1Lo, m.v1Hi, m.valueLo, m.valueHi]) this.mix(v);
  }
  onRegister(g: RegisterRecord): void {
    this.registers++;
    for (const v of [g.reg, g.slot, g.write, g.lo, g.hi, g.memStep]) this.mix(v);
  }
  summary(): string {
    return `${this.steps} steps, ${this.memory} memory and ${this.registers} register accesses, hash ${(this.h1 >>> 0).toString(16)}${(this.h2 >>> 0).toString(16)}`;
  }
}

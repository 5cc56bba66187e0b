// Minimal traces of a guest run, checked against the direct run: every chunk replayed alone (no
// memory, no host) must reproduce the direct run's steps, memory accesses and register accesses in
// order, hand over to the next chunk the state that chunk starts from, and end in the direct run's
// final state: its registers, and every byte the program wrote.
import assert from 'node:assert/strict';
import {
  MEM_OP_STORE, replayChunk, runMinimalTraces, runObserved, type ExecutionObserver, type MemoryRecord, type RegisterRecord,
  type StepRecord,
} from '../../src/emulator/index.js';
import type { ZiskRom } from '../../src/zisk/index.js';
import { EventHash } from '../../src/emulator/test-support/event-hash.js';

/** EventHash, plus the register file as the register writes leave it and every byte stored. */
class StateTracker implements ExecutionObserver {
  readonly events = new EventHash();
  readonly regs = new Uint32Array(64);
  readonly stored = new Map<number, number>();
  onStep(r: StepRecord): boolean {
    return this.events.onStep(r);
  }
  onMemory(m: MemoryRecord): void {
    this.events.onMemory(m);
    if (m.op !== MEM_OP_STORE) return;
    for (let i = 0; i < m.bytes; i++) {
      const word = i < 4 ? m.valueLo : m.valueHi;
      this.stored.set(m.addr + i, (word >>> (8 * (i & 3))) & 0xff);
    }
  }
  onRegister(g: RegisterRecord): void {
    this.events.onRegister(g);
    if (g.write) {
      this.regs[2 * g.reg] = g.lo;
      this.regs[2 * g.reg + 1] = g.hi;
    }
  }
}

export interface ReplaySummary {
  steps: number;
  /** Chunks replayed, over all chunk sizes. */
  chunks: number;
}

/** Runs the checks above for each chunk size; returns what was replayed. */
export function checkReplays(rom: ZiskRom, input: Uint8Array, chunkSizes: readonly number[], what: string): ReplaySummary {
  const direct = new StateTracker();
  const run = runObserved(rom, input, direct, { keepMemory: true });
  const memory = run.memory!;
  let chunks = 0;
  for (const chunkSize of chunkSizes) {
    const where = `${what}, chunks of ${chunkSize}`;
    const traced = runMinimalTraces(rom, input, { chunkSize });
    assert.equal(traced.steps, run.steps, where);
    assert.deepEqual(traced.outputs, run.outputs, where);
    assert.equal(traced.traces.length, Math.ceil(run.steps / chunkSize), where);
    const replayed = new StateTracker();
    traced.traces.forEach((t, i) => {
      assert.equal(t.startStep, i * chunkSize, `${where}: chunk ${i} start`);
      const r = replayChunk(rom, t, replayed);
      assert.equal(r.steps, t.steps, `${where}: chunk ${i} steps`);
      assert.deepEqual([r.cLo, r.cHi], [t.lastCLo, t.lastCHi], `${where}: chunk ${i} last c`);
      const next = traced.traces[i + 1];
      if (next) {
        assert.equal(r.end, false, `${where}: chunk ${i} ends early`);
        assert.equal(r.pc, next.startPc, `${where}: chunk ${i} hands over its pc`);
        assert.deepEqual(r.regs, next.regs, `${where}: chunk ${i} hands over its registers`);
        assert.deepEqual([r.cLo, r.cHi], [next.startCLo, next.startCHi], `${where}: chunk ${i} hands over c`);
      } else {
        assert.equal(r.end, true, `${where}: the last chunk ends the run`);
        assert.deepEqual(r.regs, direct.regs, `${where}: final registers`);
      }
    });
    assert.equal(replayed.events.summary(), direct.events.summary(), `${where}: events`);
    for (const [addr, byte] of replayed.stored) {
      if (memory.readBytes(addr, 1)[0] !== byte) assert.fail(`${where}: byte at 0x${addr.toString(16)} is ${byte} after the replays, ${memory.readBytes(addr, 1)[0]} after the direct run`);
    }
    assert.equal(replayed.stored.size, direct.stored.size, `${where}: bytes written`);
    chunks += traced.traces.length;
  }
  return { steps: run.steps, chunks };
}

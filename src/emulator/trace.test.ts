// Minimal traces: every chunk replayed alone reproduces the direct run's steps, memory accesses,
// register accesses and final state; the binary encoding round-trips and rejects malformed bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { programElf } from '../riscv/test-support/elf-writer.js';
import { transpile } from '../transpiler/index.js';
import {
  EmulatorError, TraceFormatError, decodeTrace, encodeTrace, replayChunk, runMinimalTraces, runObserved,
  type ExecutionObserver, type MemoryRecord, type RegisterRecord, type StepRecord,
} from './index.js';
import { UART_ADDR } from '../zisk/index.js';

const [T0, T1, T2, T3, A1] = [5, 6, 7, 28, 11];

/** A program touching every kind of access: aligned and unaligned, sub-word, straddling, atomics, CSRs, UART, fcall. */
const rom = transpile(programElf((a) => {
  a.li(T3, 0xa0100000);
  a.li(T0, 0x1122334455667788n).sd(T0, T3, 0).sd(T0, T3, 8);
  a.li(9, 0).li(8, 80);
  a.label('loop');
  a.add(T1, T3, 9);
  a.lb(T2, T1, 1).lh(T2, T1, 7).lw(T2, T1, 5).ld(T2, T1, 3).lwu(T2, T1, 2);
  a.sb(T2, T1, 3).sh(T2, T1, 5).sw(T2, T1, 6).sd(T2, T1, 7);
  a.amo(0x00, 3, T2, T3, 8).li(18, 3).amo(0x01, 2, 18, T3, 18).amo(0x01, 2, 19, T3, 18);
  a.li(T0, 0x340).csr(1, T2, 0x340, T0).csr(2, T2, 0x340, 0);
  a.mul(T2, T2, T2).divu(T2, T2, 8).sd(T2, A1, 0);
  a.addi(9, 9, 1).addi(8, 8, -1).bne(8, 0, 'loop');
  a.li(T0, UART_ADDR).li(T1, 65).sb(T1, T0, 0);
  a.li(T1, 1).csr(2, 0, 0x8f0, T1).li(T1, 2).csr(2, 0, 0x8f0, T1);
  for (let i = 0; i < 6; i++) a.li(T1, 0).csr(2, 0, 0x8f0, T1);
  a.csr(5, 0, 0x8c0, 4).csr(2, T2, 0xffe, 0).sd(T2, A1, 8).csr(2, T2, 0xffe, 0).sd(T2, A1, 16);
}));

class Recorder implements ExecutionObserver {
  readonly events: string[] = [];
  stopAfter = Infinity;
  onStep(r: StepRecord): boolean {
    this.events.push(`S ${r.step} ${r.pc} ${r.inst} ${r.aLo} ${r.aHi} ${r.bLo} ${r.bHi} ${r.cLo} ${r.cHi} ${r.flag} ${r.nextPc}`);
    return --this.stopAfter <= 0;
  }
  onMemory(m: MemoryRecord): void {
    this.events.push(`M ${m.op} ${m.addr} ${m.memStep} ${m.slot} ${m.step} ${m.bytes} ${m.v0Lo} ${m.v0Hi} ${m.v1Lo} ${m.v1Hi} ${m.valueLo} ${m.valueHi}`);
  }
  onRegister(g: RegisterRecord): void {
    this.events.push(`R ${g.reg} ${g.slot} ${g.write} ${g.lo} ${g.hi} ${g.memStep} ${g.step}`);
  }
}

const direct = new Recorder();
const directRun = runObserved(rom, undefined, direct);

test('replaying every chunk reproduces the direct run exactly, for several chunk sizes and both engines', () => {
  assert.ok(directRun.steps > 2000);
  for (const chunkSize of [1, 7, 64, 1000, 1 << 18]) {
    for (const engine of ['interpreter', 'compiled'] as const) {
      const run = runMinimalTraces(rom, undefined, { chunkSize, engine });
      assert.equal(run.steps, directRun.steps);
      assert.deepEqual(run.outputs, directRun.outputs);
      assert.equal(run.traces.length, Math.ceil(run.steps / chunkSize));
      const replayed = new Recorder();
      let last;
      for (const t of run.traces) {
        assert.equal(t.steps, Math.min(chunkSize, run.steps - t.startStep));
        last = replayChunk(rom, t, replayed);
      }
      assert.equal(replayed.events.length, direct.events.length, `chunk ${chunkSize} ${engine}`);
      assert.deepEqual(replayed.events, direct.events);
      assert.equal(last!.end, true);
    }
  }
});

test('the memory words in a trace are exactly the raw words the loads and sub-word stores read', () => {
  const run = runMinimalTraces(rom, undefined, { chunkSize: 1 << 18 });
  const words = run.traces.reduce((n, t) => n + t.memReads.length / 2, 0);
  let expected = 0;
  for (const e of direct.events) {
    if (!e.startsWith('M ')) continue;
    const [, op, addr, , , , bytes] = e.split(' ').map(Number);
    const straddles = (addr! % 8) + bytes! > 8 ? 2 : 1;
    if (op === 1) expected += straddles;
    else if (!(bytes === 8 && addr! % 8 === 0)) expected += straddles;
  }
  assert.equal(words, expected);
});

test('minimal traces round-trip through the binary encoding', () => {
  const run = runMinimalTraces(rom, undefined, { chunkSize: 500 });
  for (const t of run.traces) {
    const back = decodeTrace(encodeTrace(t));
    assert.deepEqual(back, t);
    assert.deepEqual(replayChunk(rom, back), replayChunk(rom, t));
  }
});

test('decodeTrace rejects malformed bytes with a TraceFormatError, never anything else', () => {
  const good = encodeTrace(runMinimalTraces(rom, undefined, { chunkSize: 500 }).traces[1]!);
  const expectBad = (bytes: Uint8Array, re: RegExp) => assert.throws(() => decodeTrace(bytes), (e: unknown) => e instanceof TraceFormatError && re.test(e.message));
  expectBad(good.slice(0, 100), /header alone/);
  expectBad(good.slice(0, good.length - 1), /declares \d+ memory words/);
  const bad = (at: number, v: number) => { const b = good.slice(); b[at] = v; return b; };
  expectBad(bad(0, 0), /bad magic/);
  expectBad(bad(4, 9), /version 9/);
  expectBad(bad(6, 4), /unknown flags/);
  expectBad(bad(44, 1), /non-zero x0/);
  expectBad(bad(300, good[300]! + 1), /declares/);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (bytes, k) => {
    const b = k % 2 ? bytes : good.map((x, i) => (i === k % good.length ? x ^ (1 + (k & 0x7f)) : x));
    try {
      decodeTrace(b);
    } catch (e) {
      assert.ok(e instanceof TraceFormatError, String(e));
    }
  }), { numRuns: 300 });
});

test('a replay with too few or too many memory words fails as a trace error', () => {
  const t = runMinimalTraces(rom, undefined, { chunkSize: 300 }).traces.find((x) => x.memReads.length > 2)!;
  const short = { ...t, memReads: t.memReads.slice(0, t.memReads.length - 2) };
  assert.throws(() => replayChunk(rom, short), (e: unknown) => e instanceof EmulatorError && e.code === 'trace' && /fewer memory reads/.test(e.message));
  const long = { ...t, memReads: Uint32Array.from([...t.memReads, 1, 2]) };
  assert.throws(() => replayChunk(rom, long), (e: unknown) => e instanceof EmulatorError && e.code === 'trace' && /used \d+ of the trace/.test(e.message));
});

test('replay checks its arguments', () => {
  const t = runMinimalTraces(rom, undefined, { chunkSize: 300 }).traces[0]!;
  assert.throws(() => replayChunk(rom, { ...t, regs: new Uint32Array(3) }), /trace.regs must be/);
  assert.throws(() => replayChunk(rom, { ...t, memReads: new Uint32Array(3) }), /trace.memReads must be/);
  assert.throws(() => replayChunk(rom, { ...t, steps: 0 }), /trace.steps must be/);
  assert.throws(() => replayChunk(rom, { ...t, startPc: 0x123 }), (e: unknown) => e instanceof EmulatorError && /no instruction at 0x123/.test(e.message));
  assert.throws(() => replayChunk(rom, t, {} as never), /observer must have/);
});

test('an observer can stop a replay early', () => {
  const t = runMinimalTraces(rom, undefined, { chunkSize: 300 }).traces[2]!;
  const r = new Recorder();
  r.stopAfter = 17;
  const res = replayChunk(rom, t, r);
  assert.equal(res.steps, 17);
  assert.equal(res.stopped, true);
  assert.equal(r.events.filter((e) => e.startsWith('S ')).length, 17);
});

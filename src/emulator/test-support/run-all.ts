/**
 * Runs a program every way the emulator can (reference interpreter, compiled blocks, minimal traces
 * with small chunks, replay of every chunk) and checks they agree, so each semantics test also tests
 * the engines against each other.
 */
import assert from 'node:assert/strict';
import { programElf, type SegmentSpec } from '../../riscv/test-support/elf-writer.js';
import type { Asm } from '../../riscv/test-support/asm.js';
import { transpile } from '../../transpiler/index.js';
import { replayChunk, runFast, runMinimalTraces, type RunResult } from '../index.js';
import type { ZiskRom } from '../../zisk/index.js';

export function u64Outputs(r: RunResult): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < 32; i++) out.push((BigInt(r.outputs[2 * i + 1]!) << 32n) | BigInt(r.outputs[2 * i]!));
  return out;
}

export function runEveryWay(rom: ZiskRom, input?: Uint8Array, chunkSize = 37): RunResult {
  const ref = runFast(rom, input, { engine: 'interpreter' });
  const fast = runFast(rom, input);
  assert.equal(fast.steps, ref.steps, 'compiled steps');
  assert.deepEqual(fast.outputs, ref.outputs, 'compiled outputs');
  assert.deepEqual(fast.histogram, ref.histogram, 'compiled histogram');
  assert.deepEqual(fast.stdout, ref.stdout, 'compiled stdout');
  for (const engine of ['interpreter', 'compiled'] as const) {
    const traced = runMinimalTraces(rom, input, { chunkSize, engine });
    assert.equal(traced.steps, ref.steps, `${engine} trace-mode steps`);
    assert.deepEqual(traced.outputs, ref.outputs, `${engine} trace-mode outputs`);
    let steps = 0;
    for (const t of traced.traces) {
      assert.equal(t.startStep, steps, 'chunks are contiguous');
      const r = replayChunk(rom, t);
      steps += r.steps;
    }
    assert.equal(steps, ref.steps, 'replayed steps');
    assert.equal(traced.traces.at(-1)!.end, true);
  }
  return ref;
}

/** Builds, transpiles and runs a program every way; returns the 32 u64 outputs. */
export function outputsOf(body: (a: Asm) => void, data: SegmentSpec[] = [], input?: Uint8Array): bigint[] {
  return u64Outputs(runEveryWay(transpile(programElf(body, data)), input));
}

// Conformance: riscv-arch-test-style programs (guest/conformance) give the signature of a reference
// RISC-V implementation (qemu-riscv64, stored as *.sig by build.sh --reference), on every engine.
// When qemu is installed the reference is re-made, so a stale .sig cannot hide a difference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { transpile } from '../src/transpiler/index.js';
import { riscofSignature, runFast, runMinimalTraces, replayChunk } from '../src/emulator/index.js';

const DIR = fileURLToPath(new URL('../guest/conformance/', import.meta.url));
const programs = readdirSync(DIR).filter((f) => f.endsWith('.sig')).map((f) => f.slice(0, -4)).sort();
const qemu = spawnSync('qemu-riscv64', ['--version']).status === 0;

const hex = (words: Uint32Array) => [...words].map((w) => w.toString(16).padStart(8, '0'));

for (const name of programs) {
  test(`conformance: ${name}`, () => {
    const elf = readFileSync(`${DIR}${name}.elf`);
    const reference = readFileSync(`${DIR}${name}.sig`, 'utf8').trim().split('\n');
    assert.ok(reference.length > 50);
    if (qemu) {
      const q = spawnSync('qemu-riscv64', ['-cpu', 'rv64,f=false,d=false', `${DIR}${name}.elf`]);
      assert.equal(q.status, 0);
      const words = new Uint32Array(q.stdout.buffer, q.stdout.byteOffset, q.stdout.length / 4);
      assert.deepEqual(hex(words), reference, 'qemu no longer gives the stored reference');
    }
    const rom = transpile(elf);
    for (const engine of ['interpreter', 'compiled'] as const) {
      const r = runFast(rom, undefined, { engine, keepMemory: true });
      assert.deepEqual(hex(riscofSignature(r.memory!)), reference, engine);
    }
    const traced = runMinimalTraces(rom, undefined, { chunkSize: 1000, keepMemory: true });
    let steps = 0;
    for (const t of traced.traces) steps += replayChunk(rom, t).steps;
    assert.equal(steps, traced.steps);
    assert.deepEqual(hex(riscofSignature(traced.memory!)), reference, 'minimal-trace mode');
  });
}

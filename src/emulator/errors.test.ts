// Guest errors are EmulatorErrors naming the problem, with the pc of the faulting instruction and
// the step, identical in the interpreter and the compiled engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { programElf } from '../riscv/test-support/elf-writer.js';
import type { Asm } from '../riscv/test-support/asm.js';
import { transpile } from '../transpiler/index.js';
import { EmulatorError, runFast, runMinimalTraces, type EmulatorErrorCode } from './index.js';

function expectError(body: (a: Asm, mark: () => void) => void, code: EmulatorErrorCode, message: RegExp, options: { maxSteps?: number } = {}) {
  let faultPc = -1;
  const rom = transpile(programElf((a) => body(a, () => (faultPc = a.pc))));
  const errors = (['interpreter', 'compiled'] as const).flatMap((engine) => [
    () => runFast(rom, undefined, { ...options, engine }),
    () => runMinimalTraces(rom, undefined, { ...options, engine, chunkSize: 16 }),
  ]).map((run) => {
    try {
      run();
    } catch (e) {
      return e;
    }
    return assert.fail('no error');
  });
  const first = errors[0] as EmulatorError;
  for (const e of errors) {
    assert.ok(e instanceof EmulatorError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    assert.equal(e.pc, first.pc);
    assert.equal(e.step, first.step);
  }
  if (faultPc >= 0) assert.equal(first.pc, faultPc, `pc 0x${first.pc.toString(16)}`);
  assert.match(first.message, new RegExp(`pc 0x${first.pc.toString(16)}, step ${first.step}\\)`));
  return first;
}

test('illegal instruction', () => {
  expectError((a, mark) => { a.li(5, 1); mark(); a.word(0xffffffff); }, 'illegal-instruction', /illegal instruction 0xffffffff/);
  expectError((a, mark) => { mark(); a.half(0); }, 'illegal-instruction', /illegal instruction 0x0000/);
});

test('floating-point instructions are named', () => {
  expectError((a, mark) => { mark(); a.word(0x02b57553); }, 'unsupported-instruction', /fadd\.d/);
  expectError((a, mark) => { mark(); a.word(0x00053507); }, 'unsupported-instruction', /fld/);
});

test('precompiles are recognised and not supported yet', () => {
  expectError((a, mark) => { a.li(10, 0xa0100000); mark(); a.csr(2, 0, 0x800, 10); }, 'unsupported-precompile', /precompile keccak is not supported yet/);
  expectError((a, mark) => { mark(); a.csr(2, 0, 0x805, 10); }, 'unsupported-precompile', /precompile sha256 is not supported yet/);
});

test('access outside mapped memory, and writes to ROM', () => {
  expectError((a, mark) => { a.li(5, 0x10); mark(); a.ld(6, 5, 0); }, 'memory-out-of-range', /read of 8 bytes at 0x10, outside mapped memory/);
  expectError((a, mark) => { a.li(5, 0xc0000000); mark(); a.lw(6, 5, -2); }, 'memory-out-of-range', /read of 4 bytes at 0xbffffffe/);
  expectError((a, mark) => { a.li(5, -8); mark(); a.sd(6, 5, 0); }, 'memory-out-of-range', /outside the 32-bit address space/);
  expectError((a, mark) => { a.li(5, 0x80000000); mark(); a.sd(6, 5, 0); }, 'write-to-rom', /write of 8 bytes to the read-only program ROM at 0x80000000/);
  expectError((a, mark) => { a.li(5, 0x40000000); mark(); a.sb(6, 5, 0); }, 'write-to-rom', /input area/);
  expectError((a, mark) => { a.li(5, 0x40000100); mark(); a.ld(6, 5, 0); }, 'memory-out-of-range', /read of 8 bytes at 0x40000100/);
});

test('jumps: no instruction at the target, misaligned target, into an instruction', () => {
  expectError((a, mark) => { a.li(5, 0x90000000); mark(); a.jalr(0, 5, 0); }, 'invalid-pc', /jump to 0x90000000, where there is no instruction/);
  // mtvec holds the trap handler: an odd value makes ecall's jump misaligned.
  expectError((a, mark) => { a.li(5, 0x80000001).csr(1, 0, 0x305, 5); mark(); a.ecall(); }, 'misaligned-jump', /misaligned jump target 0x80000001/);
  // An atomic expands to steps at pc..pc+3: pc+2 is an internal step, not a jump target.
  expectError((a, mark) => {
    a.li(5, 0xa0100000).li(6, 1);
    a.auipc(7, 0).addi(7, 7, 14);
    mark();
    a.jalr(0, 7, 0);
    a.amo(0x00, 3, 6, 5, 6); // at auipc + 12; its pc+2 = auipc + 14
  }, 'invalid-pc', /inside an instruction/);
});

test('max steps exceeded, at exactly the limit', () => {
  for (const maxSteps of [1000, 1001, 1003]) {
    const e = expectError((a) => { a.label('spin').jal(0, 'spin'); }, 'max-steps', /did not end within/, { maxSteps });
    assert.equal(e.step, maxSteps);
  }
});

test('faults and the step limit inside a compiled loop are reported at the exact step', () => {
  // Walks down from the top of RAM until a load falls off the end of RAM: a fault on iteration 300.
  expectError((a) => {
    a.li(5, 0xc0000000 - 300 * 8).li(7, 0);
    a.label('walk').ld(6, 5, 0).add(7, 7, 6).addi(5, 5, 8).bne(6, 1, 'walk');
  }, 'memory-out-of-range', /read of 8 bytes at 0xc0000000/);
  for (const maxSteps of [5000, 5001, 5003]) {
    const e = expectError((a) => {
      a.li(5, 1_000_000);
      a.label('count').addi(5, 5, -1).bne(5, 0, 'count');
    }, 'max-steps', /did not end/, { maxSteps });
    assert.equal(e.step, maxSteps);
  }
});

test('a program that ends within the limit is not an error', () => {
  const rom = transpile(programElf((a) => a.li(5, 1)));
  const steps = runFast(rom).steps;
  assert.equal(runFast(rom, undefined, { maxSteps: steps }).steps, steps);
  assert.throws(() => runFast(rom, undefined, { maxSteps: steps - 1 }), (e: EmulatorError) => e.code === 'max-steps');
});

test('bad arguments are TypeError/RangeError naming the parameter', () => {
  const rom = transpile(programElf((a) => a.li(5, 1)));
  assert.throws(() => runFast(rom, 'x' as unknown as Uint8Array), /input must be a Uint8Array/);
  assert.throws(() => runFast(rom, undefined, { maxSteps: 0 }), /maxSteps must be an integer/);
  assert.throws(() => runFast(rom, undefined, { maxSteps: 1.5 }), /maxSteps/);
  assert.throws(() => runMinimalTraces(rom, undefined, { chunkSize: -1 }), /chunkSize must be an integer/);
  assert.throws(() => runFast(rom, undefined, { engine: 'jit' as 'compiled' }), /engine must be/);
  assert.throws(() => runFast({} as never), /rom must be a ZiskRom/);
  // An input larger than the input area: checked before anything is copied.
  assert.throws(() => runFast(rom, new Uint8Array(0x40000000 - 7)), /input is 1073741817 bytes, more than the 1073741816 bytes/);
});

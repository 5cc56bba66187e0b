// The ELF loader accepts exactly ZisK-shaped RV64 executables and rejects everything else with an
// ElfError naming the problem; fuzzed bytes (truncations, flipped bytes, huge sizes) never produce
// any other exception, through loadElf and through the whole transpiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ElfError, loadElf } from './index.js';
import { Asm } from './test-support/asm.js';
import { writeElf, CODE_BASE, programElf } from './test-support/elf-writer.js';
import { transpile } from '../transpiler/index.js';

const code = new Asm(CODE_BASE).li(5, 1).exit().bytes();
const data = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
const good = writeElf(CODE_BASE, [
  { vaddr: CODE_BASE, data: code, flags: 5 },
  { vaddr: 0xa0020000, data, memSize: 64, flags: 6 },
]);

function rejects(bytes: Uint8Array, re: RegExp) {
  assert.throws(() => loadElf(bytes), (e: unknown) => {
    assert.ok(e instanceof ElfError, `expected ElfError, got ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}
const patch = (bytes: Uint8Array, f: (v: DataView) => void) => {
  const b = bytes.slice();
  f(new DataView(b.buffer));
  return b;
};

test('a well-formed executable loads', () => {
  const img = loadElf(good);
  assert.equal(img.entry, CODE_BASE);
  assert.equal(img.segments.length, 2);
  assert.deepEqual(img.segments[1]!.data, data);
  assert.equal(img.segments[1]!.memSize, 64);
  assert.deepEqual(img.codeRanges, [{ start: CODE_BASE, end: CODE_BASE + code.length }]);
});

test('header problems are named', () => {
  rejects(new Uint8Array(0), /bad magic/);
  rejects(Uint8Array.from([0x7f, 0x45, 0x4c]), /bad magic/);
  rejects(good.slice(0, 40), /truncated ELF: 40 bytes/);
  rejects(patch(good, (v) => v.setUint8(4, 1)), /32-bit ELF/);
  rejects(patch(good, (v) => v.setUint8(5, 2)), /big-endian/);
  rejects(patch(good, (v) => v.setUint16(18, 62, true)), /machine is x86-64 \(62\), expected RISC-V/);
  rejects(patch(good, (v) => v.setUint16(16, 3, true)), /ET_DYN.*expected an executable/);
  rejects(patch(good, (v) => v.setUint16(16, 1, true)), /ET_REL/);
  rejects(patch(good, (v) => v.setUint16(56, 0, true)), /no program headers/);
  rejects(patch(good, (v) => v.setUint16(54, 32, true)), /program header size is 32/);
  rejects(patch(good, (v) => v.setUint16(56, 60, true)), /truncated ELF: program headers end at byte/);
});

test('segment problems are named', () => {
  rejects(writeElf(CODE_BASE, [{ vaddr: 0x1000, data: code, flags: 5 }]), /outside ZisK's memory map/);
  rejects(writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: code, flags: 5 }, { vaddr: 0x90000000, data, flags: 6 }]), /segment 1 at 0x90000000.*outside ZisK's memory map/);
  rejects(writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: code, flags: 5 }, { vaddr: 0xbffffff8, data, flags: 6 }]), /outside ZisK's memory map/);
  rejects(writeElf(0xa0000000, [{ vaddr: 0xa0000000, data: code, flags: 5 }]), /executable but lies in RAM/);
  rejects(writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: code, flags: 7 }]), /writable but lies in the read-only program ROM/);
  rejects(writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: code, flags: 5 }, { vaddr: CODE_BASE + 8, data, flags: 4 }]), /segments overlap/);
  rejects(writeElf(CODE_BASE + 0x100, [{ vaddr: CODE_BASE, data: code, flags: 5 }]), /entry point 0x80000100 is not inside an executable segment/);
  rejects(writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data, flags: 4 }]), /not inside an executable segment/);
  rejects(patch(good, (v) => v.setBigUint64(64 + 56 + 32, 100n, true)), /file size 100 exceeds its memory size 64/);
  rejects(patch(good, (v) => v.setBigUint64(64 + 8, 0xffffn, true)), /truncated ELF: segment 0 needs file bytes up to/);
  rejects(patch(good, (v) => v.setBigUint64(64 + 56 + 40, 1n << 60n, true)), /outside ZisK's memory map/);
  rejects(patch(good, (v) => v.setBigUint64(64 + 16, 0xffffffffffff0000n, true)), /outside ZisK's memory map/);
});

test('writable segments in the output area are fine', () => {
  const out = writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: code, flags: 5 }, { vaddr: 0xa0010000, data, flags: 6 }]);
  assert.equal(loadElf(out).segments[1]!.vaddr, 0xa0010000);
  assert.equal(transpile(out).insts.some((i) => i.note === 'init data 0xa0010000'), true);
});

function onlyElfErrors(bytes: Uint8Array) {
  try {
    transpile(bytes);
  } catch (e) {
    assert.ok(e instanceof ElfError, `not an ElfError: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

test('every truncation of a valid ELF is an ElfError', () => {
  const elf = programElf((a) => a.li(5, 1).li(6, 2).add(7, 5, 6), [{ vaddr: 0xa0020000, data, flags: 6 }]);
  for (let n = 0; n < elf.length; n++) onlyElfErrors(elf.slice(0, n));
});

test('fuzz: flipped bytes, random size fields and random files never throw anything but ElfError', () => {
  const elf = programElf((a) => a.li(5, 1).li(6, 2).add(7, 5, 6), [{ vaddr: 0xa0020000, data, flags: 6 }]);
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: elf.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (flips) => {
    const b = elf.slice();
    for (const [i, v] of flips) b[i] = v;
    onlyElfErrors(b);
  }), { numRuns: 3000 });
  // Size and address fields of the header and program headers set to random (often huge) values.
  const fields = [24, 32, 40, 64 + 8, 64 + 16, 64 + 32, 64 + 40, 120 + 8, 120 + 16, 120 + 32, 120 + 40];
  fc.assert(fc.property(fc.constantFrom(...fields), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (at, value) => {
    onlyElfErrors(patch(elf, (v) => v.setBigUint64(at, value, true)));
  }), { numRuns: 2000 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => onlyElfErrors(bytes)), { numRuns: 1000 });
  fc.assert(fc.property(fc.uint8Array({ minLength: 60, maxLength: 400 }), (tail) => {
    const b = new Uint8Array(64 + tail.length);
    b.set(elf.slice(0, 64));
    b.set(tail, 64);
    onlyElfErrors(b);
  }), { numRuns: 1000 });
});

// The committed guest ELFs against ZisK's memory map, and the qemu build against the ZisK build:
// same program bytes at the same addresses, differences confined to the start code's exit path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXAMPLES, PF_R, PF_W, PF_X, PT_LOAD, SHF_ALLOC, SHF_WRITE, SHT_NOBITS, START_SLOT_BYTES, exitPathSteps,
  readElf, readGuestElf, sectionBytes,
} from '../oracles/index.js';

const ROM = [0x8000_0000, 0x87f0_0000];
const RAM = [0xa003_0000, 0xbfff_0000];

for (const example of EXAMPLES) {
  test(`${example}.elf follows ZisK's memory map`, () => {
    const bytes = readGuestElf(example);
    const elf = readElf(bytes);
    assert.equal(elf.entry, 0x8000_0000);
    assert.equal(elf.symbols.get('_start'), elf.entry);
    const loads = elf.segments.filter((s) => s.type === PT_LOAD);
    assert.equal(loads.length, 2, 'one R+X segment in ROM, one R+W segment in RAM');
    assert.deepEqual([loads[0]!.vaddr, loads[0]!.flags], [0x8000_0000, PF_R | PF_X]);
    assert.deepEqual([loads[1]!.vaddr, loads[1]!.flags], [0xa003_0000, PF_R | PF_W]);
    assert.ok(loads[0]!.vaddr + loads[0]!.memsz <= ROM[1]!);
    for (const s of elf.sections.filter((s) => s.flags & SHF_ALLOC)) {
      const [lo, hi] = s.flags & SHF_WRITE ? RAM : ROM;
      assert.ok(s.addr >= lo! && s.addr + s.size <= hi!, `${s.name} at 0x${s.addr.toString(16)} is outside its region`);
      // ZisK's ROM builder drops the tail of a section whose size is not a multiple of 4
      assert.equal(s.size % 4, 0, `${s.name} size`);
    }
    assert.equal(elf.symbols.get('_zisk_output'), 0xa001_0000);
    assert.equal(elf.symbols.get('_heap_end'), RAM[1]);
    assert.equal(elf.symbols.get('_stack_top')! - elf.symbols.get('_stack_bottom')!, 0x10_0000);
    assert.equal(elf.symbols.get('_heap_start'), elf.symbols.get('_stack_top'));
    // disassemblers need the ISA from here to decode M and A instructions
    const attributes = elf.sections.find((s) => s.name === '.riscv.attributes');
    assert.ok(attributes, '.riscv.attributes kept');
    assert.match(Buffer.from(sectionBytes(bytes, attributes)).toString('latin1'), /rv64i2p0_m2p0_a2p0\0/);
  });

  test(`${example}.elf carries no build paths, build ids or timestamps`, () => {
    const bytes = readGuestElf(example);
    const elf = readElf(bytes);
    for (const name of ['.comment', '.note.gnu.build-id', '.debug_info', '.debug_line']) {
      assert.ok(!elf.sections.some((s) => s.name === name), `no ${name}`);
    }
    const text = Buffer.from(bytes).toString('latin1');
    assert.ok(!/\/(work|tmp|home|root|usr)\//.test(text), 'no absolute paths');
  });

  test(`${example}: the qemu build has the ZisK build's program at the same addresses`, () => {
    const zBytes = readGuestElf(example, 'zisk');
    const qBytes = readGuestElf(example, 'qemu');
    const z = readElf(zBytes);
    const q = readElf(qBytes);
    const start = z.symbols.get('_start')!;
    const exit = z.symbols.get('_zisk_exit')!;
    assert.equal(q.symbols.get('_zisk_exit'), exit);
    for (const s of z.sections.filter((s) => s.flags & SHF_ALLOC)) {
      const other = q.sections.find((t) => t.name === s.name);
      assert.ok(other, `${s.name} in the qemu build`);
      assert.equal(other.addr, s.addr, `${s.name} address`);
      assert.equal(other.size, s.size, `${s.name} size`);
      if (s.type === SHT_NOBITS) continue;
      const a = sectionBytes(zBytes, s);
      const b = sectionBytes(qBytes, other);
      if (s.name === '.text') {
        // identical but for the exit path: [_zisk_exit, _start + slot)
        const cut = exit - s.addr;
        const end = start + START_SLOT_BYTES - s.addr;
        assert.deepEqual(a.subarray(0, cut), b.subarray(0, cut), 'start code before main returns');
        assert.deepEqual(a.subarray(end), b.subarray(end), 'program code');
      } else {
        assert.deepEqual(a, b, `${s.name} bytes`);
      }
    }
    for (const [name, value] of z.symbols) {
      if (name.startsWith('.L')) continue;
      assert.equal(q.symbols.get(name), value, `symbol ${name}`);
    }
    const input = q.segments.find((s) => s.vaddr === 0x4000_0000);
    const output = q.segments.find((s) => s.vaddr === 0xa001_0000);
    assert.ok(input && input.flags === PF_R && input.filesz === 8, 'qemu build: input segment with the free-input slot');
    assert.ok(output && output.memsz === 0x2_0000 && output.flags === (PF_R | PF_W), 'qemu build: output area mapped');
  });

  test(`${example}: exit paths are 6 (ZisK) and 10 (qemu) instructions`, () => {
    assert.equal(exitPathSteps(readGuestElf(example, 'zisk')), 6);
    assert.equal(exitPathSteps(readGuestElf(example, 'qemu')), 10);
  });
}

// The ROM follows ZisK's conventions: BIOS layout, ZiskInst shapes of each RISC-V form, multi-step
// expansions at pc+1.., and the flags word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Asm } from '../riscv/test-support/asm.js';
import { CODE_BASE, writeElf } from '../riscv/test-support/elf-writer.js';
import {
  ARCH_ID_CSR_ADDR, ARCH_ID_ZISK, CSR_ADDR, INPUT_ADDR, MTVEC, OP_ADD, OP_AND, OP_COPYB, OP_EQ, OP_FCALL, OP_FCALL_GET,
  OP_FCALL_PARAM, OP_FLAG, OP_PUBOUT, OP_SIGNEXTEND_W, OUTPUT_ADDR, ROM_ENTRY, ROM_EXIT, SRC_C, SRC_IMM, SRC_IND, SRC_MEM,
  SRC_REG, STORE_IND, STORE_MEM, STORE_NONE, STORE_REG, instFlags, type ZiskInst,
} from '../zisk/index.js';
import { dumpRom, transpile } from './index.js';

function romOf(build: (a: Asm) => void, data: Uint8Array = new Uint8Array(0)) {
  const a = new Asm(CODE_BASE);
  build(a);
  const segs = [{ vaddr: CODE_BASE, data: a.bytes(), flags: 5 }];
  if (data.length) segs.push({ vaddr: 0xa0030000, data, flags: 6 });
  return transpile(writeElf(CODE_BASE, segs));
}
const at = (rom: ReturnType<typeof romOf>, pc: number): ZiskInst => rom.at(pc) ?? assert.fail(`no instruction at 0x${pc.toString(16)}`);

test('BIOS: jump over the end, end at 0x1004, data initialisation, entry call, 32 pubouts, trap handler', () => {
  // 24 bytes of data: a non-zero word, a zero word (skipped: RAM starts zeroed), 4 + 4 bytes.
  const data = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
  const rom = romOf((a) => a.exit(), data);
  const first = at(rom, ROM_ENTRY);
  assert.deepEqual([first.op, first.jmpOffset1, first.jmpOffset2, first.end], [OP_COPYB, 8, 8, false]);
  const end = at(rom, ROM_EXIT);
  assert.deepEqual([end.end, end.jmpOffset1, end.jmpOffset2], [true, 0, 0]);
  const init = rom.insts.filter((i) => i.note.startsWith('init data'));
  assert.deepEqual(init.map((i) => [i.aOffsetImm0, i.bOffsetImm0, i.bUseSpImm1, i.indWidth, i.store, i.storeOffset]), [
    [0xa0030000, 0x04030201, 0x08070605, 8, STORE_IND, 0],
    [0xa0030010, 9, 0, 8, STORE_IND, 0],
  ]);
  const bios = rom.insts.filter((i) => i.paddr < 0x10000);
  const marchid = bios.find((i) => i.store === STORE_MEM && i.storeOffset === ARCH_ID_CSR_ADDR)!;
  assert.equal(marchid.bOffsetImm0, ARCH_ID_ZISK);
  const mtvec = bios.find((i) => i.store === STORE_MEM && i.storeOffset === MTVEC)!;
  const trap = at(rom, mtvec.bOffsetImm0);
  assert.deepEqual([trap.op, trap.aSrc, trap.aOffsetImm0, trap.bSrc, trap.bOffsetImm0], [OP_EQ, SRC_REG, 17, SRC_IMM, 93]);
  const a0 = bios.find((i) => i.store === STORE_REG && i.storeOffset === 10)!;
  const a1 = bios.find((i) => i.store === STORE_REG && i.storeOffset === 11 && i.bOffsetImm0 === OUTPUT_ADDR)!;
  assert.equal(a0.bOffsetImm0, INPUT_ADDR);
  assert.ok(a1);
  const call = bios.find((i) => i.setPc && i.bOffsetImm0 === CODE_BASE)!;
  assert.deepEqual([call.storePc, call.store, call.storeOffset], [true, STORE_REG, 1]);
  // The exit path: trap handler → output loop (pubout) → jump to ROM_EXIT.
  const loopStart = trap.paddr + trap.jmpOffset1;
  assert.equal(at(rom, loopStart).bOffsetImm0, 32);
  assert.ok(bios.some((i) => i.op === OP_PUBOUT && i.aSrc === SRC_REG && i.bSrc === SRC_C));
  assert.ok(bios.some((i) => i.setPc && i.bOffsetImm0 === ROM_EXIT));
});

test('instruction shapes follow ZisK (register op, x0 moves, branches, jal, jalr, loads, stores, auipc)', () => {
  const rom = romOf((a) => {
    a.add(1, 2, 3); // +0
    a.addi(1, 0, 5); // +4: rs1 = x0 → copyb of the immediate
    a.label('t').beq(4, 5, 't'); // +8
    a.bne(4, 5, 't'); // +12
    a.jal(1, 'j').label('j'); // +16
    a.jalr(6, 7, -8); // +20: even immediate, one step
    a.jalr(6, 7, 3); // +24: odd immediate, two steps at pc, pc+1
    a.lw(8, 9, -4); // +28
    a.sd(10, 11, 16); // +32
    a.auipc(12, 0x10); // +36
  });
  const add = at(rom, CODE_BASE);
  assert.deepEqual([add.aSrc, add.aOffsetImm0, add.bSrc, add.bOffsetImm0, add.op, add.store, add.storeOffset, add.jmpOffset1, add.jmpOffset2],
    [SRC_REG, 2, SRC_REG, 3, OP_ADD, STORE_REG, 1, 4, 4]);
  const li = at(rom, CODE_BASE + 4);
  assert.deepEqual([li.op, li.bSrc, li.bOffsetImm0], [OP_COPYB, SRC_IMM, 5]);
  const beq = at(rom, CODE_BASE + 8);
  assert.deepEqual([beq.op, beq.jmpOffset1, beq.jmpOffset2, beq.store], [OP_EQ, 0, 4, STORE_NONE]);
  const bne = at(rom, CODE_BASE + 12);
  assert.deepEqual([bne.op, bne.jmpOffset1, bne.jmpOffset2], [OP_EQ, 4, -4]);
  const jal = at(rom, CODE_BASE + 16);
  assert.deepEqual([jal.op, jal.storePc, jal.storeOffset, jal.jmpOffset1, jal.jmpOffset2], [OP_FLAG, true, 1, 4, 4]);
  const jalr = at(rom, CODE_BASE + 20);
  assert.deepEqual([jalr.op, jalr.aSrc, jalr.aOffsetImm0, jalr.aUseSpImm1, jalr.bOffsetImm0, jalr.setPc, jalr.storePc, jalr.jmpOffset1, jalr.jmpOffset2],
    [OP_AND, SRC_IMM, 0xfffffffe, 0xffffffff, 7, true, true, -8, 4]);
  const j1 = at(rom, CODE_BASE + 24);
  const j2 = at(rom, CODE_BASE + 25);
  assert.deepEqual([j1.op, j1.aOffsetImm0, j1.jmpOffset1, j1.jmpOffset2, j1.continuation], [OP_ADD, 3, 1, 1, false]);
  assert.deepEqual([j2.op, j2.bSrc, j2.setPc, j2.storePc, j2.jmpOffset1, j2.jmpOffset2, j2.continuation, j2.rvKind], [OP_AND, SRC_C, true, true, 0, 3, true, -1]);
  const lw = at(rom, CODE_BASE + 28);
  assert.deepEqual([lw.op, lw.bSrc, lw.bOffsetImm0, lw.indWidth, lw.m32, lw.isExternalOp], [OP_SIGNEXTEND_W, SRC_IND, -4, 4, true, true]);
  // ZisK's flags word: bit0, external op, m32, b indirect, a register, store register.
  assert.equal(instFlags(lw), 1 | (1 << 6) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 15));
  const sd = at(rom, CODE_BASE + 32);
  assert.deepEqual([sd.op, sd.store, sd.storeOffset, sd.indWidth, sd.bSrc, sd.bOffsetImm0], [OP_COPYB, STORE_IND, 16, 8, SRC_REG, 10]);
  assert.equal(instFlags(sd), 1 | (1 << 9) | (1 << 13) | (1 << 14));
  const auipc = at(rom, CODE_BASE + 36);
  assert.deepEqual([auipc.op, auipc.storePc, auipc.jmpOffset1, auipc.jmpOffset2], [OP_FLAG, true, 4, 0x10000]);
  assert.match(dumpRom(rom), /80000014 {2}and {10}a=-0x2 b=x7 x6=pc\+j2 pc=c-8 {2}; jalr/);
});

test('atomics, ecall, CSRs and free calls expand as in ZisK', () => {
  const rom = romOf((a) => {
    a.amo(0x00, 3, 5, 6, 7); // amoadd.d x5, x7, (x6): 3 steps
    a.amo(0x00, 3, 7, 6, 7); // rd = rs2: 4 steps through scratch register 32
    a.ecall();
    a.csr(2, 5, 0xf12, 0); // csrr marchid
    a.csr(2, 0, 0x8f3, 6); // fcall_param, 8 words
    a.csr(5, 0, 0x8c1, 3); // fcall (csrwi): id (1 << 5) + 3
    a.csr(2, 7, 0xffe, 0); // fcall_get
  });
  const steps = (pc: number) => [0, 1, 2, 3].map((k) => rom.at(pc + k)).filter(Boolean) as ZiskInst[];
  assert.equal(steps(CODE_BASE).length, 3);
  assert.deepEqual(steps(CODE_BASE).map((i) => i.continuation), [false, true, true]);
  const alias = steps(CODE_BASE + 4);
  assert.equal(alias.length, 4);
  assert.deepEqual([alias[0]!.store, alias[0]!.storeOffset], [STORE_MEM, 0xa0000000 + 8 * 32]);
  assert.deepEqual([alias[3]!.bSrc, alias[3]!.bOffsetImm0, alias[3]!.storeOffset], [SRC_MEM, 0xa0000000 + 8 * 32, 7]);
  const ecall = at(rom, CODE_BASE + 8);
  assert.deepEqual([ecall.bSrc, ecall.bOffsetImm0, ecall.setPc, ecall.storePc, ecall.storeOffset, ecall.jmpOffset2], [SRC_MEM, MTVEC, true, true, 1, 4]);
  const csrr = at(rom, CODE_BASE + 12);
  assert.deepEqual([csrr.bSrc, csrr.bOffsetImm0, csrr.storeOffset], [SRC_MEM, CSR_ADDR + 0xf12 * 8, 5]);
  const param = at(rom, CODE_BASE + 16);
  assert.deepEqual([param.op, param.aOffsetImm0, param.bOffsetImm0, param.isExternalOp], [OP_FCALL_PARAM, 8, 6, false]);
  const fcall = at(rom, CODE_BASE + 20);
  assert.deepEqual([fcall.op, fcall.aOffsetImm0], [OP_FCALL, 35]);
  const get = at(rom, CODE_BASE + 24);
  assert.deepEqual([get.op, get.bSrc, get.bOffsetImm0, get.storeOffset], [OP_FCALL_GET, SRC_MEM, INPUT_ADDR, 7]);
});

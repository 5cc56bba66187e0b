// The random program generator: deterministic, its instruction encoders agree with llvm-objdump,
// its programs disassemble cleanly, set the registers they claim, and run to completion in qemu.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PF_R, PF_X, SCRATCH_ADDR, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, TEXT_ADDR, encode as E, forEachQemuStep,
  generateRandomProgram, readElf, requireQemu, runQemu, writeElf,
} from './index.js';
import { disassemble, requireTool } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'zisk-random-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the same seed gives the same program; different seeds differ', () => {
  const a = generateRandomProgram({ seed: 42 });
  assert.deepEqual(generateRandomProgram({ seed: 42 }).elf, a.elf);
  assert.notDeepEqual(generateRandomProgram({ seed: 43 }).code, a.code);
  assert.notDeepEqual(generateRandomProgram({ seed: 42, compressed: true }).code, a.code);
});

test('programs are laid out for ZisK: code in ROM, scratch data in RAM at 0xA003_0000', () => {
  for (const compressed of [false, true]) {
    const p = generateRandomProgram({ seed: 5, compressed });
    const elf = readElf(p.elf);
    assert.equal(elf.entry, TEXT_ADDR);
    const text = elf.sections.find((s) => s.name === '.text')!;
    const data = elf.sections.find((s) => s.name === '.data')!;
    assert.deepEqual([text.addr, text.size, text.flags], [0x8000_0000, p.code.length, SHF_ALLOC | SHF_EXECINSTR]);
    assert.deepEqual([data.addr, data.flags], [SCRATCH_ADDR, SHF_ALLOC | SHF_WRITE]);
    assert.ok(SCRATCH_ADDR >= 0xa003_0000);
    assert.deepEqual(elf.segments.map((s) => s.vaddr), [0x8000_0000, 0xa003_0000]);
  }
  // ZisK's ROM builder would drop the tail of a section whose size is not a multiple of 4
  for (let seed = 1; seed <= 30; seed++) assert.equal(generateRandomProgram({ seed, compressed: true }).code.length % 4, 0);
});

/** Each encoder at its range limits, with the disassembly the ISA manual gives (addresses from 0x8000_0000). */
const ENCODER_CASES: [E.Insn, string][] = [
  [E.op('sub', 5, 6, 7), 'sub t0, t1, t2'],
  [E.op('mulhsu', 10, 11, 12), 'mulhsu a0, a1, a2'],
  [E.op('remuw', 31, 1, 0), 'remuw t6, ra, zero'],
  [E.opImm('addi', 10, 0, -2048), 'addi a0, zero, -2048'],
  [E.opImm('sltiu', 1, 2, 2047), 'sltiu ra, sp, 2047'],
  [E.shiftImm('srai', 3, 4, 63), 'srai gp, tp, 63'],
  [E.shiftImm('sraiw', 3, 4, 31), 'sraiw gp, tp, 31'],
  [E.shiftImm('slli', 3, 4, 0), 'slli gp, tp, 0'],
  [E.load('lwu', 9, 8, -1), 'lwu s1, -1(s0)'],
  [E.store('sd', 8, 31, 2047), 'sd t6, 2047(s0)'],
  [E.branch('bgeu', 1, 2, -4096), 'bgeu ra, sp, 0x7ffff028'],
  [E.branch('blt', 1, 2, 4094), 'blt ra, sp, 0x8000102a'],
  [E.jal(1, -1048576), 'jal ra, 0x7ff00030'],
  [E.jal(0, 1048574), 'jal zero, 0x80100032'],
  [E.jalr(5, 9, -2048), 'jalr t0, -2048(s1)'],
  [E.lui(7, 0xfffff), 'lui t2, 1048575'],
  [E.auipc(7, 1), 'auipc t2, 1'],
  [E.amo('amomaxu', 8, true, false, 5, 9, 6), 'amomaxu.d.aq t0, t1, (s1)'],
  [E.amo('amoswap', 4, false, true, 0, 9, 31), 'amoswap.w.rl zero, t6, (s1)'],
  [E.lr(8, true, true, 10, 9), 'lr.d.aqrl a0, (s1)'],
  [E.sc(4, false, false, 11, 9, 12), 'sc.w a1, a2, (s1)'],
  [E.ecall(), 'ecall'],
  [E.cAddi(10, -32), 'c.addi a0, -32'],
  [E.cAddiw(1, 31), 'c.addiw ra, 31'],
  [E.cLi(31, -1), 'c.li t6, -1'],
  [E.cLui(3, -32), 'c.lui gp, 1048544'],
  [E.cLui(4, 31), 'c.lui tp, 31'],
  [E.cSlli(5, 63), 'c.slli t0, 63'],
  [E.cSrli(9, 1), 'c.srli s1, 1'],
  [E.cSrai(15, 32), 'c.srai a5, 32'],
  [E.cAndi(8, -32), 'c.andi s0, -32'],
  [E.cArith('subw', 9, 10), 'c.subw s1, a0'],
  [E.cArith('and', 15, 8), 'c.and a5, s0'],
  [E.cMv(1, 31), 'c.mv ra, t6'],
  [E.cAdd(2, 3), 'c.add sp, gp'],
  [E.cJr(9), 'c.jr s1'],
  [E.cJalr(9), 'c.jalr s1'],
  [E.cNop(), 'c.nop'],
  [E.cLoad(4, 9, 8, 124), 'c.lw s1, 124(s0)'],
  [E.cLoad(8, 15, 8, 248), 'c.ld a5, 248(s0)'],
  [E.cStore(4, 8, 9, 4), 'c.sw s1, 4(s0)'],
  [E.cStore(8, 8, 10, 8), 'c.sd a0, 8(s0)'],
  [E.cLoadSp(4, 1, 252), 'c.lwsp ra, 252(sp)'],
  [E.cLoadSp(8, 31, 504), 'c.ldsp t6, 504(sp)'],
  [E.cStoreSp(4, 0, 4), 'c.swsp zero, 4(sp)'],
  [E.cStoreSp(8, 5, 504), 'c.sdsp t0, 504(sp)'],
  [E.cBranchZero(false, 8, -256), 'c.beqz s0, 0x7fffff88'],
  [E.cBranchZero(true, 15, 254), 'c.bnez a5, 0x80000188'],
  [E.cJ(-2048), 'c.j 0x7ffff88c'],
  [E.cJ(2046), 'c.j 0x8000088c'],
];

test('instruction encoders agree with llvm-objdump', () => {
  requireTool('llvm-objdump');
  const bytes: number[] = [];
  for (const [insn] of ENCODER_CASES) for (let k = 0; k < insn.size; k++) bytes.push((insn.bits >>> (8 * k)) & 0xff);
  const file = join(dir, 'encoders.elf');
  writeFileSync(file, writeElf(TEXT_ADDR, [{ name: '.text', vaddr: TEXT_ADDR, flags: PF_R | PF_X, data: Uint8Array.from(bytes) }], 'rv64i2p0_m2p0_a2p0_c2p0'));
  const lines = disassemble(file, ['-M', 'no-aliases']);
  assert.deepEqual(lines.map((l) => l.text), ENCODER_CASES.map(([, text]) => text));
  assert.throws(() => E.cAddi(0, 1), /rd != 0/);
  assert.throws(() => E.branch('beq', 1, 2, 4096), /out of range/);
  assert.throws(() => E.cLoad(8, 16, 8, 0), /x8\.\.x15/);
});

test('li sets every 64-bit value it is given (checked by running it in qemu)', async () => {
  requireQemu();
  const values = [0n, 1n, -1n, 2047n, -2048n, 2048n, 0x7fff_ffffn, -(1n << 31n), 0x8000_0000n, 0xffff_ffffn, 1n << 32n,
    -(1n << 63n), (1n << 63n) - 1n, 0x1234_5678_9abc_def0n, 0xfedc_ba98_7654_3210n, 0x0000_0800_0000_0800n, 0x5555_5555_5555_5555n];
  const regs = [5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23]; // not a7, which the exit sets
  const code: E.Insn[] = [];
  values.forEach((v, i) => code.push(...E.li(regs[i]!, v)));
  code.push(...E.li(17, 93n), E.ecall());
  const bytes: number[] = [];
  for (const insn of code) for (let k = 0; k < 4; k++) bytes.push((insn.bits >>> (8 * k)) & 0xff);
  const elf = writeElf(TEXT_ADDR, [{ name: '.text', vaddr: TEXT_ADDR, flags: PF_R | PF_X, data: Uint8Array.from(bytes) }], 'rv64i2p0_m2p0_a2p0');
  let last: BigUint64Array | undefined;
  await forEachQemuStep(elf, {}, (_pc, regs) => (last = regs.slice()));
  values.forEach((v, i) => assert.equal(last![regs[i]!], BigInt.asUintN(64, v), `li 0x${BigInt.asUintN(64, v).toString(16)}`));
});

test('random programs disassemble cleanly with llvm-objdump', () => {
  requireTool('llvm-objdump');
  for (const compressed of [false, true]) {
    for (let seed = 1; seed <= 10; seed++) {
      const p = generateRandomProgram({ seed, compressed });
      const file = join(dir, `p${seed}.elf`);
      writeFileSync(file, p.elf);
      const lines = disassemble(file);
      assert.equal(lines.length, p.instructions, `seed ${seed}: one line per instruction`);
      const bad = lines.filter((l) => /unknown|\.word|\.short|\.insn/.test(l.text));
      assert.deepEqual(bad, [], `seed ${seed}${compressed ? ' (C)' : ''}: undecodable instructions`);
      if (compressed) assert.ok(lines.some((l) => l.size === 2), 'compressed instructions present');
      else assert.ok(lines.every((l) => l.size === 4));
    }
  }
});

test('random programs run to completion under qemu, and their prologue sets every register', async () => {
  requireQemu();
  for (const compressed of [false, true]) {
    for (let seed = 1; seed <= 25; seed++) {
      const p = generateRandomProgram({ seed, compressed });
      const r = await runQemu(p.elf, { compressed });
      assert.equal(r.signal, null, `seed ${seed}: ${r.stderr}`);
      assert.equal(r.exitCode, 0, `seed ${seed}${compressed ? ' (C)' : ''}: ${r.stderr}`);
    }
    const p = generateRandomProgram({ seed: 99, compressed });
    let atBody: bigint[] | undefined;
    let steps = 0;
    await forEachQemuStep(p.elf, { compressed }, (pc, regs) => {
      steps++;
      if (pc === p.bodyPc && atBody === undefined) atBody = Array.from(regs);
    });
    assert.deepEqual(atBody, p.initialRegs);
    assert.ok(steps > 200 && steps < 2000, `${steps} steps`);
  }
});

test('compressed programs need c=true: with the rv64ima cpu they trap', async () => {
  requireQemu();
  const r = await runQemu(generateRandomProgram({ seed: 1, compressed: true }).elf, { compressed: false });
  assert.equal(r.signal, 'SIGILL');
});

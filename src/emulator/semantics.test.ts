// Instruction semantics against values the RISC-V specification fixes (unprivileged ISA, RV64I,
// M and A chapters; C expands to the instruction given in its table). Each program stores results
// in the output area (a1 = OUTPUT_ADDR at entry) and runs on every engine (./test-support/run-all.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outputsOf } from './test-support/run-all.js';
import { CODE_BASE } from '../riscv/test-support/elf-writer.js';

const M = (1n << 64n) - 1n;
const neg = (x: bigint) => (-x) & M;
const MIN64 = 1n << 63n;
const sext32 = (x: bigint) => BigInt.asUintN(64, BigInt.asIntN(32, x));
const [T0, T1, T2, T3, A1] = [5, 6, 7, 28, 11];

/** Emits `results` stores: computes each with `f` into t2 and stores it at output slot i. */
function slots(fs: ((a: import('../riscv/test-support/asm.js').Asm) => void)[]) {
  return (a: import('../riscv/test-support/asm.js').Asm) => {
    fs.forEach((f, i) => {
      f(a);
      a.sd(T2, A1, 8 * i);
    });
  };
}
const op2 = (name: string, x: bigint, y: bigint) => (a: any) => { a.li(T0, x).li(T1, y); a[name](T2, T0, T1); };

test('division and remainder by zero, and overflow, as RISC-V defines them', () => {
  const out = outputsOf(slots([
    op2('div', 7n, 0n), op2('divu', 7n, 0n), op2('rem', 7n, 0n), op2('remu', 7n, 0n),
    op2('div', MIN64, M), op2('rem', MIN64, M),
    op2('divw', 0x80000000n, 0xffffffffn), op2('remw', 0x80000000n, 0xffffffffn),
    op2('divw', 7n, 0n), op2('divuw', 7n, 0n), op2('remw', 0x123456789n, 0n), op2('remuw', 0x1_8000_0001n, 0n),
    op2('div', neg(7n), 2n), op2('rem', neg(7n), 2n), op2('divu', neg(7n), 2n), op2('remu', neg(7n), 2n),
    op2('divuw', 0xffff_ffff_ffff_fff9n, 2n), op2('remuw', 0xffff_ffff_ffff_fff9n, 2n),
  ]));
  assert.deepEqual(out.slice(0, 18), [
    M, M, 7n, 7n,
    MIN64, 0n,
    0xffffffff80000000n, 0n,
    M, M, sext32(0x23456789n), 0xffffffff80000001n,
    neg(3n), neg(1n), (M - 6n) / 2n, (M - 6n) % 2n,
    0x7ffffffcn, 1n,
  ]);
});

test('every *w op sign-extends its 32-bit result; shifts use only the low 5 bits of rs2', () => {
  const out = outputsOf(slots([
    op2('addw', 0x7fffffffn, 1n), op2('subw', 0n, 1n), op2('sllw', 1n, 31n), op2('srlw', 0x80000000n, 0n),
    op2('sraw', 0x80000000n, 4n), op2('mulw', 0x10000n, 0x8000n), op2('sllw', 1n, 33n), op2('srlw', 0xf0000000n, 32n),
    op2('sraw', 0x80000000n, 63n), op2('srlw', 0xffffffff80000000n, 31n),
    (a) => a.li(T0, 0x7fffffffn).addiw(T2, T0, 1), (a) => a.li(T0, 1n).slliw(T2, T0, 31),
    (a) => a.li(T0, 0x80000000n).srliw(T2, T0, 0), (a) => a.li(T0, 0x80000000n).sraiw(T2, T0, 31),
    (a) => a.li(T0, 0x1_0000_0005n).addiw(T2, T0, 0), // sext.w
  ]));
  assert.deepEqual(out.slice(0, 15), [
    0xffffffff80000000n, M, 0xffffffff80000000n, 0xffffffff80000000n,
    0xfffffffff8000000n, 0xffffffff80000000n, 2n, 0xfffffffff0000000n,
    M, 1n,
    0xffffffff80000000n, 0xffffffff80000000n, 0xffffffff80000000n, M, 5n,
  ]);
});

test('mulh, mulhsu and mulhu with negative operands', () => {
  const out = outputsOf(slots([
    op2('mulh', M, M), op2('mulhu', M, M), op2('mulhsu', M, M), op2('mul', M, M),
    op2('mulh', MIN64, MIN64), op2('mulh', MIN64, M), op2('mulhsu', MIN64, 2n), op2('mulhu', MIN64, 2n),
    op2('mulh', neg(3n), 5n), op2('mulhsu', 3n, neg(5n)), op2('mul', 0x123456789n, 0xabcdef01n),
  ]));
  assert.deepEqual(out.slice(0, 11), [
    0n, M - 1n, M, 1n,
    1n << 62n, 0n, M, 1n,
    M, 2n, (0x123456789n * 0xabcdef01n) & M,
  ]);
});

test('sub-word and unaligned loads and stores, sign and zero extension', () => {
  const BUF = 0xa0100000; // a RAM area the program owns
  const out = outputsOf((a) => {
    a.li(T3, BUF);
    a.li(T0, 0x8899aabbccddeeffn).sd(T0, T3, 0); // bytes ff ee dd cc bb aa 99 88 at BUF
    a.li(T0, 0x0011223344556677n).sd(T0, T3, 8); // bytes 77 66 55 44 33 22 11 00 at BUF+8
    const loads: [string, number][] = [['lb', 0], ['lbu', 0], ['lh', 1], ['lhu', 1], ['lw', 4], ['lwu', 4], ['ld', 4], ['lh', 7], ['lw', 6], ['lbu', 15]];
    loads.forEach(([name, off], i) => {
      (a as any)[name](T2, T3, off);
      a.sd(T2, A1, 8 * i);
    });
    // Stores: a byte in the middle, a halfword and a word across the word boundary, a dword at +3.
    a.li(T0, 0x5an).sb(T0, T3, 17);
    a.li(T0, 0xbeefn).sh(T0, T3, 23);
    a.li(T0, 0xcafebaben).sw(T0, T3, 30);
    a.li(T0, 0x0102030405060708n).sd(T0, T3, 35);
    a.ld(T2, T3, 16).sd(T2, A1, 80);
    a.ld(T2, T3, 24).sd(T2, A1, 88);
    a.ld(T2, T3, 32).sd(T2, A1, 96);
    a.ld(T2, T3, 40).sd(T2, A1, 104);
  });
  assert.deepEqual(out.slice(0, 14), [
    M, 0xffn, 0xffffffffffffddeen, 0xddeen, 0xffffffff8899aabbn, 0x8899aabbn, 0x445566778899aabbn,
    0x7788n, 0x66778899n, 0x00n,
    // word at +16: byte 1 = 5a, byte 7 = ef; +24: byte 0 = be (sh), bytes 6..7 = be ba (sw);
    // +32: bytes 0..1 = fe ca (sw), bytes 3..7 = 08 07 06 05 04 (sd); +40: bytes 0..2 = 03 02 01
    0xef00000000005a00n, 0xbabe0000000000ben, 0x040506070800cafen, 0x010203n,
  ]);
});

test('atomics: lr/sc, amoswap and amo ops, .w and .d, with rd aliasing rs1 or rs2', () => {
  const BUF = 0xa0100000;
  const out = outputsOf((a) => {
    a.li(T3, BUF);
    a.li(T0, 0x80000001n).sd(T0, T3, 0); // word at BUF: 0x80000001, high word 0
    a.li(T0, 100n).sd(T0, T3, 8);
    // lr.w sign-extends; sc.w writes and returns 0
    a.amo(0x02, 2, T2, T3, 0).sd(T2, A1, 0);
    a.li(T1, 7n).amo(0x03, 2, T2, T3, T1).sd(T2, A1, 8);
    a.ld(T2, T3, 0).sd(T2, A1, 16);
    // amoadd.d: rd = old, mem = old + rs2
    a.addi(T0, T3, 8).li(T1, 5n).amo(0x00, 3, T2, T0, T1).sd(T2, A1, 24).ld(T2, T3, 8).sd(T2, A1, 32);
    // amoswap.w with rd == rs2
    a.li(T1, 0x11n).amo(0x01, 2, T1, T3, T1).sd(T1, A1, 40).lw(T2, T3, 0).sd(T2, A1, 48);
    // amomin.w (signed) against a negative value; amominu.w treats it as large
    a.li(T0, neg(5n)).sw(T0, T3, 16).addi(T0, T3, 16).li(T1, 3n).amo(0x10, 2, T2, T0, T1).sd(T2, A1, 56).lw(T2, T3, 16).sd(T2, A1, 64);
    a.li(T0, neg(5n)).sw(T0, T3, 16).addi(T0, T3, 16).li(T1, 3n).amo(0x18, 2, T2, T0, T1).lw(T2, T3, 16).sd(T2, A1, 72);
    // amomax.d with rd == rs1
    a.li(T0, 9n).sd(T0, T3, 24).addi(T2, T3, 24).li(T1, 4n).amo(0x14, 3, T2, T2, T1).sd(T2, A1, 80).ld(T2, T3, 24).sd(T2, A1, 88);
    // amoxor.d, amoand.d, amoor.d, amomaxu.d
    a.li(T0, 0xf0n).sd(T0, T3, 32).addi(T0, T3, 32).li(T1, 0xffn);
    a.amo(0x04, 3, T2, T0, T1).amo(0x0c, 3, T2, T0, T1).amo(0x08, 3, T2, T0, T1).ld(T2, T3, 32).sd(T2, A1, 96);
    a.li(T1, neg(1n)).amo(0x1c, 3, T2, T0, T1).ld(T2, T3, 32).sd(T2, A1, 104);
  });
  assert.deepEqual(out.slice(0, 14), [
    0xffffffff80000001n, 0n, 7n,
    100n, 105n,
    7n, 0x11n,
    neg(5n), neg(5n), 3n,
    9n, 9n,
    // 0xf0 ^ 0xff = 0x0f; & 0xff = 0x0f; | 0xff = 0xff
    0xffn, M,
  ]);
});

test('jalr clears only bit 0 of the target; odd offsets and rd = rs1', () => {
  const out = outputsOf((a) => {
    a.auipc(T0, 0); // X: T0 = X
    a.addi(T1, T0, 0); // X+4
    a.jalr(1, T0, 21); // X+8: target (X + 21) & ~1 = X+20, ra = X+12
    a.li(T2, 1).sd(T2, A1, 0); // X+12, X+16: skipped
    a.li(T2, 2).sd(T2, A1, 8); // X+20
    a.sub(T2, 1, T1).sd(T2, A1, 16); // ra − X = 12
    // rd = rs1: the jump uses the old t0, the link is written after.
    a.auipc(T0, 0).addi(T0, T0, 21).jalr(T0, T0, 1); // Y = X+36, Y+4, Y+8: target (Y+21+1) & ~1 = Y+22
    a.half(0x0001); // Y+12: c.nop, skipped
    a.li(T2, 3).sd(T2, A1, 24); // Y+14, Y+18: skipped
    a.li(T2, 4).sd(T2, A1, 32); // Y+22
    a.sub(T2, 5, T1).sd(T2, A1, 40); // t0 = ra = Y+12
  });
  assert.equal(out[0], 0n);
  assert.equal(out[1], 2n);
  assert.equal(out[2], 12n);
  assert.equal(out[3], 0n);
  assert.equal(out[4], 4n);
  assert.equal(out[5], 48n); // t0 = ra = Y+12 = X+48
});

test('compressed instructions behave as their 32-bit expansions', () => {
  const out = outputsOf((a) => {
    a.cLi(8, -3).sd(8, A1, 0); // c.li
    a.cAddi(8, 13).sd(8, A1, 8); // c.addi
    a.li(9, 40).cMv(10, 9).cAdd(10, 9).sd(10, A1, 16); // c.mv, c.add
    a.cSub(10, 8).sd(10, A1, 24); // c.sub: 80 − 10
    a.cSlli(10, 40).sd(10, A1, 32);
    a.li(9, 0).cBeqz(9, 'z').li(T2, 99).sd(T2, A1, 40).label('z');
    a.li(9, 1).cBnez(9, 'nz').li(T2, 99).sd(T2, A1, 48).label('nz');
    a.cJ('j').li(T2, 99).sd(T2, A1, 56).label('j');
    a.auipc(T0, 0).addi(T0, T0, 14).cJalr(T0).cNop().cNop(); // c.jalr to auipc+14, skipping a c.nop
    a.sub(T2, 1, T0).sd(T2, A1, 64); // ra − target = (P+10) − (P+14) = −4
  });
  assert.deepEqual(out.slice(0, 9), [neg(3n), 10n, 80n, 70n, 70n << 40n, 0n, 0n, 0n, neg(4n)]);
});

test('CSRs are memory; marchid reads ZisK; csrrw/s/c and their immediate forms', () => {
  const MSCRATCH = 0x340;
  const out = outputsOf((a) => {
    a.csr(2, T2, 0xf12, 0).sd(T2, A1, 0); // csrr marchid
    a.li(T0, 0xf0n).csr(1, 0, MSCRATCH, T0); // csrw
    a.li(T0, 0x0fn).csr(2, T2, MSCRATCH, T0).sd(T2, A1, 8); // csrrs: old = 0xf0
    a.li(T0, 0x3cn).csr(3, T2, MSCRATCH, T0).sd(T2, A1, 16); // csrrc: old = 0xff
    a.csr(2, T2, MSCRATCH, 0).sd(T2, A1, 24); // 0xc3
    a.csr(5, T2, MSCRATCH, 7).sd(T2, A1, 32); // csrrwi: old 0xc3, new 7
    a.csr(6, T2, MSCRATCH, 0x18).sd(T2, A1, 40); // csrrsi: old 7, new 0x1f
    a.csr(7, T2, MSCRATCH, 3).sd(T2, A1, 48); // csrrci: old 0x1f, new 0x1c
    a.csr(2, T2, MSCRATCH, 0).sd(T2, A1, 56);
    a.li(T2, 0x55n).csr(1, T2, MSCRATCH, T2).sd(T2, A1, 64); // csrrw rd = rs1: old value 0x1c
    a.csr(2, T2, MSCRATCH, 0).sd(T2, A1, 72);
  });
  assert.deepEqual(out.slice(0, 10), [0xfffeeeen, 0xf0n, 0xffn, 0xc3n, 0xc3n, 7n, 0x1fn, 0x1cn, 0x1cn, 0x55n]);
});

test('lui, auipc, x0 and ecall return', () => {
  let auipcAt = 0;
  const out = outputsOf((a) => {
    a.lui(T2, 0xfffff).sd(T2, A1, 0); // sign-extended
    auipcAt = a.pc;
    a.auipc(T2, 1).sd(T2, A1, 8);
    a.addi(0, 0, 5).sd(0, A1, 16); // writes to x0 are dropped
    a.li(17, 64).ecall().li(T2, 7).sd(T2, A1, 24); // a7 != 93: the BIOS returns to the next instruction
  });
  assert.ok(auipcAt >= CODE_BASE);
  assert.deepEqual(out.slice(0, 4), [0xfffffffffffff000n, BigInt(auipcAt) + 0x1000n, 0n, 7n]);
});

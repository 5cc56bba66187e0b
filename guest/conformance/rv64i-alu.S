// RV64I register-register and register-immediate ALU operations over edge values.
#include "model.h"
#define VALS 0, 1, -1, 2, 31, 32, 63, 64, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, \
             0x7fffffffffffffff, 0x8000000000000000, 0x123456789abcdef0, 0xfedcba9876543210

RVTEST_CODE_BEGIN
.irp op, add, sub, and, or, xor, sll, srl, sra, slt, sltu
  .irp a, VALS
    .irp b, VALS
      TEST_RR(\op, \a, \b)
    .endr
  .endr
  TEST_RR_SAME(\op, 0x8000000000000001)
  TEST_RR_DEST(\op, 0x1234, 0x5)
.endr
.irp op, addi, andi, ori, xori, slti, sltiu
  .irp a, VALS
    .irp imm, 0, 1, -1, 2047, -2048, 0x555, -0x556
      TEST_RI(\op, \a, \imm)
    .endr
  .endr
.endr
.irp op, slli, srli, srai
  .irp a, VALS
    .irp sh, 0, 1, 31, 32, 33, 62, 63
      TEST_RI(\op, \a, \sh)
    .endr
  .endr
.endr
  lui x7, 0; SIG(x7)
  lui x7, 1; SIG(x7)
  lui x7, 0x7ffff; SIG(x7)
  lui x7, 0x80000; SIG(x7)
  lui x7, 0xfffff; SIG(x7)
  // auipc: store the difference of two auipcs, which the pc layout fixes.
1: auipc x5, 0
  auipc x6, 0x12345
  sub x7, x6, x5; SIG(x7)
  auipc x6, 0xfffff
  sub x7, x6, x5; SIG(x7)
  // writes to x0 are discarded
  li x5, 5; add x0, x5, x5; SIG(x0)
RVTEST_CODE_END

RVTEST_SIG(3700)

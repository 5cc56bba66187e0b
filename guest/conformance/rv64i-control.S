// RV64I control transfer: every branch taken and not taken over signed/unsigned edge pairs, jal
// and jalr (return addresses, an odd target whose bit 0 jalr clears, rd = rs1).
#include "model.h"
#define VALS 0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 0x80000000, 0xffffffff

// x7 = 1 if the branch is taken, else 0.
#define TEST_BR(op, a, b) li x5, a; li x6, b; li x7, 1; op x5, x6, 9f; li x7, 0; 9: SIG(x7)

RVTEST_CODE_BEGIN
.irp op, beq, bne, blt, bge, bltu, bgeu
  .irp a, VALS
    .irp b, VALS
      TEST_BR(\op, \a, \b)
    .endr
  .endr
.endr
  // jal: the link is the address after the jal.
  la x6, 2f
  jal x5, 1f
2: li x7, 99
1: sub x7, x5, x6; SIG(x7)
  // jalr with an odd offset: the target (3f + 3) & ~1 = 3f + 2 skips the 2-byte c.li.
  li x7, 0
  la x5, 3f
  jalr x1, x5, 3
3: c.li x7, 9
  SIG(x7)
  la x6, 3b
  sub x7, x1, x6; SIG(x7)
  // jalr rd = rs1: the target uses the old value, the link overwrites it.
  la x5, 5f
  jalr x5, x5, 0
5: la x6, 5b
  sub x7, x5, x6; SIG(x7)
  // A backward loop: sum 1..100.
  li x5, 0; li x6, 100
6: add x5, x5, x6; addi x6, x6, -1; bnez x6, 6b
  SIG(x5)
RVTEST_CODE_END

RVTEST_SIG(320)

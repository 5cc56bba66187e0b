// RV64A: lr/sc and every amo in .w and .d forms, including rd aliasing rs2.
#include "model.h"
#define VALS 0, 1, -1, 0x7fffffff, 0x80000000, 0x7fffffffffffffff, 0x8000000000000000, 0x123456789abcdef0

// Memory word := a, then rd = amo(mem, b); store rd and the new memory doubleword.
#define TEST_AMO(op, a, b) la x10, cell; li x5, a; sd x5, 0(x10); li x6, b; op x7, x6, (x10); SIG(x7); ld x7, 0(x10); SIG(x7)
// The same with rd = rs2.
#define TEST_AMO_ALIAS(op, a, b) la x10, cell; li x5, a; sd x5, 0(x10); li x6, b; op x6, x6, (x10); SIG(x6); ld x7, 0(x10); SIG(x7)

RVTEST_CODE_BEGIN
.irp op, amoswap.w, amoadd.w, amoxor.w, amoand.w, amoor.w, amomin.w, amomax.w, amominu.w, amomaxu.w, amoswap.d, amoadd.d, amoxor.d, amoand.d, amoor.d, amomin.d, amomax.d, amominu.d, amomaxu.d
  .irp a, VALS
    .irp b, VALS
      TEST_AMO(\op, \a, \b)
    .endr
  .endr
  TEST_AMO_ALIAS(\op, 0x1111, 0x2222)
.endr
  // lr/sc: the reservation holds on a single hart, sc writes and returns 0.
  la x10, cell
  li x5, 0xffffffff80000005
  sd x5, 0(x10)
  lr.w x7, (x10); SIG(x7)
  li x6, 42
  sc.w x7, x6, (x10); SIG(x7)
  ld x7, 0(x10); SIG(x7)
  lr.d x7, (x10); SIG(x7)
  li x6, -42
  sc.d x7, x6, (x10); SIG(x7)
  ld x7, 0(x10); SIG(x7)
RVTEST_CODE_END

  .section .data
  .balign 8
cell:
  .8byte 0

RVTEST_SIG(2350)

// RV64I word (*w) operations: 32-bit results sign-extended; shift amounts from the low 5 bits.
#include "model.h"
#define VALS 0, 1, -1, 31, 32, 33, 63, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000001, \
             0x7fffffff80000000, 0x8000000000000000, 0x123456789abcdef0

RVTEST_CODE_BEGIN
.irp op, addw, subw, sllw, srlw, sraw
  .irp a, VALS
    .irp b, VALS
      TEST_RR(\op, \a, \b)
    .endr
  .endr
.endr
.irp a, VALS
  .irp imm, 0, 1, -1, 2047, -2048
    TEST_RI(addiw, \a, \imm)
  .endr
  .irp sh, 0, 1, 15, 31
    TEST_RI(slliw, \a, \sh)
    TEST_RI(srliw, \a, \sh)
    TEST_RI(sraiw, \a, \sh)
  .endr
.endr
RVTEST_CODE_END

RVTEST_SIG(1300)

// RV64M: products, quotients and remainders, including division by zero and signed overflow.
#include "model.h"
#define VALS 0, 1, -1, 2, -2, 3, 7, -7, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, \
             0x7fffffffffffffff, 0x8000000000000000, 0x123456789abcdef0, 0xfedcba9876543210

RVTEST_CODE_BEGIN
.irp op, mul, mulh, mulhsu, mulhu, div, divu, rem, remu, mulw, divw, divuw, remw, remuw
  .irp a, VALS
    .irp b, VALS
      TEST_RR(\op, \a, \b)
    .endr
  .endr
  TEST_RR_SAME(\op, 0xfedcba9876543210)
  TEST_RR_DEST(\op, -1234567, 89)
.endr
RVTEST_CODE_END

RVTEST_SIG(3700)

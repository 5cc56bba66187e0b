// Loads and stores that are not naturally aligned, including ones that straddle two doublewords.
// ZisK supports them in hardware (its Mem state machine splits them); so does qemu-user.
#include "model.h"

RVTEST_CODE_BEGIN
  la x10, data
.irp off, 1, 3, 5, 7, 9, 13, 15
  lh x7, \off(x10); SIG(x7)
  lhu x7, \off(x10); SIG(x7)
.endr
.irp off, 1, 2, 3, 5, 6, 7, 11
  lw x7, \off(x10); SIG(x7)
  lwu x7, \off(x10); SIG(x7)
.endr
.irp off, 1, 3, 4, 6, 7
  ld x7, \off(x10); SIG(x7)
.endr
  la x12, buffer
  li x5, 0xf1e2d3c4b5a69788
  sh x5, 7(x12)
  sw x5, 13(x12)
  sd x5, 21(x12)
  sd x5, 36(x12)
.irp off, 0, 8, 16, 24, 32, 40
  ld x7, \off(x12); SIG(x7)
.endr
RVTEST_CODE_END

  .section .data
  .balign 8
data:
  .8byte 0x8877665544332211, 0x00ff7f80fedcba09, 0x1020304050607080
buffer:
  .fill 48, 1, 0

RVTEST_SIG(80)

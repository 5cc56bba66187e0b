// RV64I loads and stores: every width, signed and unsigned, at every offset within a word,
// stores of every width read back as doublewords.
#include "model.h"

RVTEST_CODE_BEGIN
  la x10, data
  // Loads of each width at each aligned offset of 16 bytes of patterns.
.irp off, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
  lb x7, \off(x10); SIG(x7)
  lbu x7, \off(x10); SIG(x7)
.endr
.irp off, 0, 2, 4, 6, 8, 10, 12, 14
  lh x7, \off(x10); SIG(x7)
  lhu x7, \off(x10); SIG(x7)
.endr
.irp off, 0, 4, 8, 12
  lw x7, \off(x10); SIG(x7)
  lwu x7, \off(x10); SIG(x7)
.endr
.irp off, 0, 8
  ld x7, \off(x10); SIG(x7)
.endr
  // Negative offsets from a pointer past the data.
  addi x11, x10, 16
  ld x7, -16(x11); SIG(x7)
  lw x7, -4(x11); SIG(x7)
  lb x7, -1(x11); SIG(x7)
  // Stores of each width at each aligned offset into a zeroed buffer, read back whole.
  la x12, buffer
  li x5, 0xf1e2d3c4b5a69788
.irp off, 0, 3, 5, 14
  sb x5, \off(x12)
.endr
.irp off, 16, 22
  sh x5, \off(x12)
.endr
.irp off, 28, 36
  sw x5, \off(x12)
.endr
  sd x5, 48(x12)
.irp off, 0, 8, 16, 24, 32, 40, 48
  ld x7, \off(x12); SIG(x7)
.endr
  // A store then a load of a different width at the same place.
  li x5, -2
  sw x5, 64(x12)
  lhu x7, 66(x12); SIG(x7)
  lb x7, 65(x12); SIG(x7)
  ld x7, 64(x12); SIG(x7)
RVTEST_CODE_END

  .section .data
  .balign 8
data:
  .8byte 0x8877665544332211, 0x00ff7f80fedcba09
buffer:
  .fill 80, 1, 0

RVTEST_SIG(120)

// RV64C: compressed instructions, written explicitly, each compared through the signature.
#include "model.h"

RVTEST_CODE_BEGIN
  la x8, scratch
  li x9, 0x0123456789abcdef
  c.li x10, -32; SIG(x10)
  c.li x10, 31; SIG(x10)
  c.lui x10, 0x1f; SIG(x10)
  c.lui x10, 0xfffe0; SIG(x10)
  c.addi x10, -17; SIG(x10)
  c.addiw x10, 5; SIG(x10)
  mv x11, x9
  c.addiw x11, 0; SIG(x11)
  c.addi16sp sp, -64
  c.addi16sp sp, 64
  mv x7, sp; SIG(x7)
  c.addi4spn x12, sp, 16
  sub x7, x12, sp; SIG(x7)
  c.slli x9, 7; SIG(x9)
  li x9, -0x1000
  mv x10, x9
  c.srli x10, 3; SIG(x10)
  mv x10, x9
  c.srai x10, 3; SIG(x10)
  mv x10, x9
  c.andi x10, 0x15; SIG(x10)
  li x11, 0x123456789
  mv x10, x9
  c.sub x10, x11; SIG(x10)
  mv x10, x9
  c.xor x10, x11; SIG(x10)
  mv x10, x9
  c.or x10, x11; SIG(x10)
  mv x10, x9
  c.and x10, x11; SIG(x10)
  li x10, 0x7fffffff
  c.addw x10, x11; SIG(x10)
  li x10, 0x80000000
  c.subw x10, x11; SIG(x10)
  c.mv x13, x11; SIG(x13)
  c.add x13, x11; SIG(x13)
  // memory
  li x11, 0x8899aabbccddeeff
  c.sd x11, 8(x8)
  c.sw x11, 16(x8)
  c.ld x12, 8(x8); SIG(x12)
  c.lw x12, 16(x8); SIG(x12)
  c.lw x12, 12(x8); SIG(x12)
  c.sdsp x11, 0(sp)
  c.swsp x11, 8(sp)
  c.ldsp x13, 0(sp); SIG(x13)
  c.lwsp x13, 8(sp); SIG(x13)
  // control
  li x10, 0
  c.beqz x10, 1f
  li x10, 7
1: SIG(x10)
  li x10, 3
  c.bnez x10, 2f
  li x10, 7
2: SIG(x10)
  c.j 3f
  li x10, 8
3: SIG(x10)
  la x5, 4f
  c.jalr x5
  c.nop
4: la x6, 4b
  sub x7, x1, x6; SIG(x7)
  la x5, 5f
  c.jr x5
  li x10, 9
5: SIG(x10)
RVTEST_CODE_END

  .section .data
  .balign 8
scratch:
  .fill 32, 1, 0

RVTEST_SIG(60)

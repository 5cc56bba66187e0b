/*
 * Model macros for the conformance programs, in the shape of riscv-arch-test (RVMODEL_* and
 * RVTEST_* names, a signature region between begin_signature and end_signature).
 *
 * Every test stores its results with `sd` at x31, which walks the signature region. At the end,
 * RVMODEL_HALT publishes the signature the way ZisK's emulator reads it with -f (riscof mode): the
 * number of 32-bit signature words at OUTPUT_ADDR, then the words from OUTPUT_ADDR + 4. It also
 * writes the signature bytes to stdout with a Linux write(2) ecall, which qemu-user performs (that
 * is how the reference signatures are made) and ZisK's BIOS returns from. Then it exits with
 * `li a7, 93; ecall` on both.
 */
#define OUTPUT_ADDR 0xA0010000

#define RVMODEL_BOOT \
    la sp, _stack_top; \
    la x31, begin_signature;

#define RVMODEL_HALT \
    la t0, begin_signature; \
    la t1, end_signature; \
    sub t2, t1, t0; \
    srli t2, t2, 2; \
    li t3, OUTPUT_ADDR; \
    sw t2, 0(t3); \
    addi t3, t3, 4; \
1:  beq t0, t1, 2f; \
    lw t4, 0(t0); \
    sw t4, 0(t3); \
    addi t0, t0, 4; \
    addi t3, t3, 4; \
    j 1b; \
2:  li a0, 1; \
    la a1, begin_signature; \
    la a2, end_signature; \
    sub a2, a2, a1; \
    li a7, 64; \
    ecall; \
    li a0, 0; \
    li a7, 93; \
    ecall; \
3:  j 3b;

#define RVTEST_CODE_BEGIN \
    .section .text.init, "ax", @progbits; \
    .globl _start; \
_start: \
    RVMODEL_BOOT

#define RVTEST_CODE_END RVMODEL_HALT

/* A signature region of n 8-byte slots, filled with a canary as riscv-arch-test does. */
#define RVTEST_SIG(n) \
    .section .data; \
    .balign 8; \
    .globl begin_signature; \
begin_signature: \
    .fill (n) * 2, 4, 0xdeadbeef; \
    .globl end_signature; \
end_signature:

/* Result slots. */
#define SIG(reg) sd reg, 0(x31); addi x31, x31, 8;

/* rd = op(rs1 = a, rs2 = b) */
#define TEST_RR(op, a, b) li x5, a; li x6, b; op x7, x5, x6; SIG(x7)
/* rd = op(rs1 = a, imm) */
#define TEST_RI(op, a, imm) li x5, a; op x7, x5, imm; SIG(x7)
/* rd = op(rs1 = a, rs2 = a): same source register twice */
#define TEST_RR_SAME(op, a) li x5, a; op x7, x5, x5; SIG(x7)
/* rd = rs1 = op(rd, b): destination overwrites a source */
#define TEST_RR_DEST(op, a, b) li x5, a; li x6, b; op x5, x5, x6; SIG(x5)

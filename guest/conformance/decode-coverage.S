// Not run: a catalogue of encodings (RV64GC: IMAC plus Zicsr, fences and F/D) whose disassembly by
// llvm-objdump (decode-coverage.dis) checks zisk-ts's decoder, instruction by instruction.
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    lui a0, 0x12345
    lui t6, 0xfffff
    auipc s0, 0x80000
    jal ra, 1f
1:  jalr t0, -2048(s1)
    jalr zero, 2047(a5)
    beq a0, a1, 1b
    bne s2, s3, 2f
    blt t0, t1, 1b
    bge t2, t3, 2f
    bltu a6, a7, 1b
    bgeu s10, s11, 2f
2:  lb a0, -1(sp)
    lh a1, 2(gp)
    lw a2, -2048(tp)
    ld a3, 2047(t0)
    lbu a4, 0(t1)
    lhu a5, 100(t2)
    lwu a6, -100(s0)
    sb s1, -1(s2)
    sh s3, 2(s4)
    sw s5, -2048(s6)
    sd s7, 2047(s8)
    addi x31, x30, -1
    slti x29, x28, 5
    sltiu x27, x26, -5
    xori x25, x24, 0x7ff
    ori x23, x22, -0x800
    andi x21, x20, 0x555
    slli x19, x18, 63
    srli x17, x16, 32
    srai x15, x14, 1
    add x13, x12, x11
    sub x10, x9, x8
    sll x7, x6, x5
    slt x4, x3, x2
    sltu x1, x0, x31
    xor x30, x29, x28
    srl x27, x26, x25
    sra x24, x23, x22
    or x21, x20, x19
    and x18, x17, x16
    addiw a0, a1, -2048
    slliw a2, a3, 31
    srliw a4, a5, 0
    sraiw a6, a7, 17
    addw s0, s1, s2
    subw s3, s4, s5
    sllw s6, s7, s8
    srlw s9, s10, s11
    sraw t3, t4, t5
    fence
    fence rw, w
    fence.i
    ecall
    ebreak
    csrrw a0, mscratch, a1
    csrrs a2, marchid, zero
    csrrc a3, 0x800, a4
    csrrwi a5, 0x8c0, 31
    csrrsi a6, 0xffe, 0
    csrrci a7, mtvec, 17
    mul a0, a1, a2
    mulh a3, a4, a5
    mulhsu a6, a7, s0
    mulhu s1, s2, s3
    div s4, s5, s6
    divu s7, s8, s9
    rem s10, s11, t3
    remu t4, t5, t6
    mulw a0, a1, a2
    divw a3, a4, a5
    divuw a6, a7, s0
    remw s1, s2, s3
    remuw s4, s5, s6
    lr.w a0, (a1)
    sc.w a2, a3, (a4)
    amoswap.w a5, a6, (a7)
    amoadd.w.aq s0, s1, (s2)
    amoxor.w.rl s3, s4, (s5)
    amoand.w.aqrl s6, s7, (s8)
    amoor.w s9, s10, (s11)
    amomin.w t3, t4, (t5)
    amomax.w t6, a0, (a1)
    amominu.w a2, a3, (a4)
    amomaxu.w a5, a6, (a7)
    lr.d a0, (a1)
    sc.d a2, a3, (a4)
    amoswap.d a5, a6, (a7)
    amoadd.d s0, s1, (s2)
    amoxor.d s3, s4, (s5)
    amoand.d s6, s7, (s8)
    amoor.d s9, s10, (s11)
    amomin.d t3, t4, (t5)
    amomax.d t6, a0, (a1)
    amominu.d a2, a3, (a4)
    amomaxu.d a5, a6, (a7)
    c.addi4spn s0, sp, 1020
    c.addi4spn a5, sp, 4
    c.lw a0, 124(a1)
    c.ld s1, 248(a5)
    c.sw a2, 0(a3)
    c.sd a4, 8(s0)
    c.nop
    c.addi a0, -32
    c.addi t6, 31
    c.addiw a1, -1
    c.li t0, 17
    c.addi16sp sp, -512
    c.addi16sp sp, 496
    c.lui a2, 0x1
    c.lui s11, 0xfffff
    c.srli a3, 63
    c.srai a4, 1
    c.andi a5, -1
    c.sub s0, s1
    c.xor a0, a1
    c.or a2, a3
    c.and a4, a5
    c.subw s1, a0
    c.addw a1, a2
    c.j 2b
    c.beqz a0, 1b
    c.bnez s1, 2b
    c.slli t0, 63
    c.lwsp a0, 252(sp)
    c.ldsp ra, 504(sp)
    c.jr ra
    c.mv a0, t6
    c.ebreak
    c.jalr t1
    c.add a1, a2
    c.swsp a3, 0(sp)
    c.sdsp s2, 8(sp)
    c.fld fa0, 8(a1)
    c.fsd fa1, 16(a2)
    c.fldsp fs0, 24(sp)
    c.fsdsp fs1, 32(sp)
    flw ft0, 4(a0)
    fld ft1, 8(a1)
    fsw ft2, 12(a2)
    fsd ft3, 16(a3)
    fadd.s fa0, fa1, fa2
    fsub.d fa3, fa4, fa5
    fmul.s ft4, ft5, ft6
    fdiv.d ft7, fs0, fs1
    fsqrt.d fa0, fa1
    fsgnj.s fa2, fa3, fa4
    fsgnjn.d fa5, fa6, fa7
    fsgnjx.s fs2, fs3, fs4
    fmin.d fs5, fs6, fs7
    fmax.s fs8, fs9, fs10
    fcvt.w.s a0, fa0
    fcvt.lu.d a1, fa1
    fcvt.s.l fa2, a2
    fcvt.d.wu fa3, a3
    fcvt.s.d fa4, fa5
    fcvt.d.s fa6, fa7
    fmv.x.w a4, ft0
    fmv.d.x ft1, a5
    feq.s a6, ft2, ft3
    flt.d a7, ft4, ft5
    fle.s s0, ft6, ft7
    fclass.d s1, fs0
    fmadd.s fa0, fa1, fa2, fa3
    fmsub.d fa4, fa5, fa6, fa7
    fnmsub.s fs0, fs1, fs2, fs3
    fnmadd.d fs4, fs5, fs6, fs7
    .4byte 0xffffffff
    .2byte 0x0000

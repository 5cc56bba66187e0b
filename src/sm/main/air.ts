/**
 * The Main AIR: one row per step of the machine (ZisK's main.pil). A row holds the step's operands
 * and result (a, b, c as two 32-bit limbs, flag), its pc, the instruction's ROM fields (bound to the
 * program by one ROM lookup), and the linkage of the registers x1..x31, which live inside Main.
 *
 * Time. STEP = first_step + row, with `row` a witness counter (0 on the first row, +1 per row) and
 * `first_step` an air value carried from segment to segment by the continuation bus, so that steps
 * stay globally consistent whatever the height of each instance. mem_step = 1 + 4·STEP + slot.
 *
 * Registers (ZisK's design). Every register access proves the register's previous access
 * [3, reg, prev_mem_step, 8, value] and assumes the current one [3, reg, mem_step, 8, value] on the
 * memory bus, a linked list per register inside the permutation; a range check orders each link
 * (mem_step − prev_mem_step − 1 < 2^24, as 16 + 8 bits). At the end of a segment every register is
 * proved at its last access (air values) and assumed again at the segment's reload step
 * 4·(first_step + rows), the last slot of the last row, where the next segment's first access finds
 * it: so a link never spans more than one segment (the range check holds) and an instance needs only
 * its own chunks. The last segment does not assume the reload, which closes every list; the global
 * terms open them with x1..x31 = 0 at mem_step 0.
 *
 * Per-instance messages (continuation, reloads, their range checks) are direct terms: they cost no
 * stage-2 column (src/air `directProves`).
 */
import { defineAir, type Expr, type ExprLike } from '../../air/index.js';
import { MAIN_CONTINUATION_BUS, MEMORY_BUS, OPERATION_BUS, ROM_BUS } from '../../bus/index.js';
import {
  FLAG_ALWAYS, FLAG_A_IMM, FLAG_A_MEM, FLAG_A_REG, FLAG_B_IMM, FLAG_B_IND, FLAG_B_MEM, FLAG_B_REG, FLAG_IS_EXTERNAL_OP,
  FLAG_IS_PRECOMPILED, FLAG_M32, FLAG_SET_PC, FLAG_STORE_IND, FLAG_STORE_MEM, FLAG_STORE_PC, FLAG_STORE_REG,
  REGS_IN_MAIN_FROM, REGS_IN_MAIN_TO,
} from '../../zisk/index.js';
import { assumeRange, assumeRangeOnce } from '../range/index.js';

/** Memory-bus op of register accesses (1 load and 2 store are memory's). */
export const MEM_OP_REG = 3;
/** Registers x1..x31 live in Main. */
export const MAIN_REGS = REGS_IN_MAIN_TO - REGS_IN_MAIN_FROM + 1;
/** A register link spans at most 4·N mem_steps: checked as a 16-bit low part and an 8-bit high part. */
export const LINK_LOW_BITS = 16;
export const MAX_LOG_ROWS = 22;

export const mainAir = defineAir({
  name: 'Main',
  columns: {
    a: 2,
    b: 2,
    c: 2,
    flag: 1,
    pc: 1,
    // Source of a: c of the previous step unless one of these is set.
    aSrcImm: 1,
    aSrcMem: 1,
    aSrcReg: 1,
    /** Immediate low word, memory address or register index (a signed field element). */
    aOffsetImm0: 1,
    aImm1: 1,
    // Source of b: as a, plus indirect (b = ind_width bytes at b_offset_imm0 + a).
    bSrcImm: 1,
    bSrcMem: 1,
    bSrcInd: 1,
    bSrcReg: 1,
    bOffsetImm0: 1,
    bImm1: 1,
    indWidth: 1,
    isPrecompiled: 1,
    isExternalOp: 1,
    op: 1,
    m32: 1,
    // Destination and control.
    storePc: 1,
    storeMem: 1,
    storeInd: 1,
    storeReg: 1,
    storeOffset: 1,
    setPc: 1,
    jmpOffset1: 1,
    jmpOffset2: 1,
    // Register linkage: the previous access of the register read as a / b / written, the value it
    // held before the write, and the high byte of each link's length.
    aRegPrevMemStep: 1,
    bRegPrevMemStep: 1,
    storeRegPrevMemStep: 1,
    storeRegPrevValue: 2,
    aRegLinkHi: 1,
    bRegLinkHi: 1,
    storeRegLinkHi: 1,
    /** 0, 1, 2, … down the rows: STEP = first_step + row. */
    row: 1,
  },
  airValues: {
    segment: 1,
    isLastSegment: 1,
    /** The step of row 0; the next segment's is first_step + rows. */
    firstStep: 1,
    /** The number of rows (the row counter pins it). */
    rows: 1,
    initialPc: 1,
    /** c of the step before row 0 (a source "c" on row 0 reads it). */
    previousC: 2,
    /** The pc after the last row. */
    nextPc: 1,
    lastC: 2,
    /** Per register x1..x31: its value and the mem_step of its last access in the segment. */
    lastRegValue: 2 * MAIN_REGS,
    lastRegMemStep: MAIN_REGS,
    /** High byte of (reload mem_step − last access − 1). */
    lastRegLinkHi: MAIN_REGS,
  },
  eval(b) {
    const m = b.main;
    const n = b.next;
    const v = b.airValues;

    // Every flag of the instruction is boolean; the ROM lookup then pins each one (the flags word
    // is their binary combination).
    const selectors: [string, Expr][] = [
      ['flag', m.flag], ['a_src_imm', m.aSrcImm], ['a_src_mem', m.aSrcMem], ['a_src_reg', m.aSrcReg], ['b_src_imm', m.bSrcImm],
      ['b_src_mem', m.bSrcMem], ['b_src_ind', m.bSrcInd], ['b_src_reg', m.bSrcReg], ['is_precompiled', m.isPrecompiled],
      ['is_external_op', m.isExternalOp], ['m32', m.m32], ['store_pc', m.storePc], ['store_mem', m.storeMem],
      ['store_ind', m.storeInd], ['store_reg', m.storeReg], ['set_pc', m.setPc],
    ];
    for (const [name, s] of selectors) b.assertBool(`${name} is boolean`, s);
    b.assertZero('flag and set_pc are exclusive', m.flag.mul(m.setPc));
    b.whenFirstRow().assertBool('is_last_segment is boolean', v.isLastSegment);

    // Time.
    b.whenFirstRow().assertZero('row counts from 0', m.row);
    b.whenTransition().assertEq('row counts up', n.row, m.row.add(1));
    b.whenLastRow().assertEq('rows is the number of rows', m.row.add(1), v.rows);
    const step = v.firstStep.add(m.row);
    const memStep = (slot: number): Expr => step.mul(4).add(1 + slot);

    // Operands: immediates, and c of the previous step (the previous segment's last c on row 0).
    const aSrcC = (r: typeof m) => r.aSrcImm.add(r.aSrcMem).add(r.aSrcReg).not();
    const bSrcC = (r: typeof m) => r.bSrcImm.add(r.bSrcMem).add(r.bSrcInd).add(r.bSrcReg).not();
    for (let i = 0; i < 2; i++) {
      b.assertZero(`a[${i}] is the immediate`, m.aSrcImm.mul(m.a[i]!.sub(i === 0 ? m.aOffsetImm0 : m.aImm1)));
      b.assertZero(`b[${i}] is the immediate`, m.bSrcImm.mul(m.b[i]!.sub(i === 0 ? m.bOffsetImm0 : m.bImm1)));
      b.whenFirstRow().assertZero(`a[${i}] is the previous segment's last c`, aSrcC(m).mul(m.a[i]!.sub(v.previousC[i]!)));
      b.whenFirstRow().assertZero(`b[${i}] is the previous segment's last c`, bSrcC(m).mul(m.b[i]!.sub(v.previousC[i]!)));
      b.whenTransition().assertZero(`a[${i}] is the previous c`, aSrcC(n).mul(n.a[i]!.sub(m.c[i]!)));
      b.whenTransition().assertZero(`b[${i}] is the previous c`, bSrcC(n).mul(n.b[i]!.sub(m.c[i]!)));
    }
    // Indirect addresses are a_lo + offset: a's high limb must be zero, for loads and stores alike.
    b.assertZero('indirect base is 32-bit', m.storeInd.add(m.bSrcInd).mul(m.a[1]!));

    // Internal operations (op 0 flag: c = 0, flag = 1; op 1 copyb: c = b, flag = 0). Other internal
    // op codes (halt, free-input calls) satisfy neither and cannot be proved.
    const internal = m.isExternalOp.not();
    for (let i = 0; i < 2; i++) {
      b.assertZero(`op flag sets c[${i}] = 0`, internal.mul(m.op.not()).mul(m.c[i]!));
      b.assertZero(`op copyb sets c[${i}] = b[${i}]`, internal.mul(m.op).mul(m.b[i]!.sub(m.c[i]!)));
    }
    b.assertZero('op flag sets flag = 1', internal.mul(m.op.not()).mul(m.flag.not()));
    b.assertZero('op copyb sets flag = 0', internal.mul(m.op).mul(m.flag));

    // Control flow.
    const nextPc = m.setPc.mul(m.c[0]!.add(m.jmpOffset1))
      .add(m.setPc.not().mul(m.pc.add(m.jmpOffset2)))
      .add(m.flag.mul(m.jmpOffset1.sub(m.jmpOffset2)));
    b.whenTransition().assertEq('pc follows the previous step', n.pc, nextPc);
    b.whenFirstRow().assertEq('the first pc is the segment initial pc', m.pc, v.initialPc);
    b.whenLastRow().assertEq('the pc after the last row is next_pc', v.nextPc, nextPc);
    for (let i = 0; i < 2; i++) b.whenLastRow().assertEq(`the last c[${i}] is last_c`, m.c[i]!, v.lastC[i]!);

    // The program: every row is one of its lines.
    const flagsWord = [
      [FLAG_A_IMM, m.aSrcImm], [FLAG_A_MEM, m.aSrcMem], [FLAG_IS_PRECOMPILED, m.isPrecompiled], [FLAG_B_IMM, m.bSrcImm],
      [FLAG_B_MEM, m.bSrcMem], [FLAG_IS_EXTERNAL_OP, m.isExternalOp], [FLAG_STORE_PC, m.storePc], [FLAG_STORE_MEM, m.storeMem],
      [FLAG_STORE_IND, m.storeInd], [FLAG_SET_PC, m.setPc], [FLAG_M32, m.m32], [FLAG_B_IND, m.bSrcInd], [FLAG_A_REG, m.aSrcReg],
      [FLAG_B_REG, m.bSrcReg], [FLAG_STORE_REG, m.storeReg],
    ].reduce<Expr>((acc, [bit, s]) => acc.add((s as Expr).mul(bit as number)), b.constant(FLAG_ALWAYS));
    b.lookupAssumes('the step is a line of the program', ROM_BUS, [
      m.pc, m.aOffsetImm0, m.aImm1, m.bOffsetImm0, m.bImm1, m.indWidth, m.op, m.storeOffset, m.jmpOffset1, m.jmpOffset2, flagsWord,
    ]);

    // Memory and registers (interactions of degree-1 values first, so the LogUp grouping pairs them).
    const link = (label: string, sel: Expr, slot: number, prev: Expr, hi: Expr) => {
      const length = memStep(slot).sub(prev).sub(1);
      assumeRange(b, `${label}: link length low bits`, LINK_LOW_BITS, length.sub(hi.mul(1 << LINK_LOW_BITS)), sel);
      assumeRange(b, `${label}: link length high bits`, 8, hi, sel);
    };
    b.permutationAssumes('read of a', MEMORY_BUS, [m.aSrcMem.add(m.aSrcReg.mul(MEM_OP_REG)), m.aOffsetImm0, memStep(0), 8, m.a[0]!, m.a[1]!], m.aSrcMem.add(m.aSrcReg));
    b.permutationProves('register a: previous access', MEMORY_BUS, [MEM_OP_REG, m.aOffsetImm0, m.aRegPrevMemStep, 8, m.a[0]!, m.a[1]!], m.aSrcReg);
    b.permutationProves('register b: previous access', MEMORY_BUS, [MEM_OP_REG, m.bOffsetImm0, m.bRegPrevMemStep, 8, m.b[0]!, m.b[1]!], m.bSrcReg);
    b.permutationProves('register c: previous access', MEMORY_BUS, [MEM_OP_REG, m.storeOffset, m.storeRegPrevMemStep, 8, m.storeRegPrevValue[0]!, m.storeRegPrevValue[1]!], m.storeReg);
    link('register a', m.aSrcReg, 0, m.aRegPrevMemStep, m.aRegLinkHi);
    link('register b', m.bSrcReg, 1, m.bRegPrevMemStep, m.bRegLinkHi);
    link('register c', m.storeReg, 2, m.storeRegPrevMemStep, m.storeRegLinkHi);

    const bytesOf = (ind: Expr) => ind.mul(m.indWidth.sub(8)).add(8);
    b.permutationAssumes('read of b', MEMORY_BUS, [
      m.bSrcMem.add(m.bSrcInd).add(m.bSrcReg.mul(MEM_OP_REG)),
      m.bOffsetImm0.add(m.bSrcInd.mul(m.a[0]!)),
      memStep(1),
      bytesOf(m.bSrcInd),
      m.b[0]!,
      m.b[1]!,
    ], m.bSrcMem.add(m.bSrcInd).add(m.bSrcReg));
    // store_pc stores the return address pc + jmp_offset2 instead of c.
    const stored = [m.storePc.mul(m.pc.add(m.jmpOffset2).sub(m.c[0]!)).add(m.c[0]!), m.storePc.not().mul(m.c[1]!)];
    b.permutationAssumes('write of c', MEMORY_BUS, [
      m.storeMem.add(m.storeInd).mul(2).add(m.storeReg.mul(MEM_OP_REG)),
      m.storeOffset.add(m.storeInd.mul(m.a[0]!)),
      memStep(2),
      bytesOf(m.storeInd),
      stored[0]!,
      stored[1]!,
    ], m.storeMem.add(m.storeInd).add(m.storeReg));

    // External operations, proved by their state machine. 32-bit ops send zero high limbs. The last
    // two values are zero unless the op is a precompile (its step and parameter), so ordinary
    // operations are the 8-value messages of docs/state-machines.md.
    b.lookupAssumes('the external operation', OPERATION_BUS, [
      m.op, m.a[0]!, m.m32.not().mul(m.a[1]!), m.b[0]!, m.m32.not().mul(m.b[1]!), m.c[0]!, m.c[1]!, m.flag,
      step.mul(m.isPrecompiled), m.jmpOffset1.mul(m.isPrecompiled),
    ], m.isExternalOp);

    // Continuation: assume the state left by the previous segment, prove the one this leaves.
    const last = v.isLastSegment;
    b.directAssumes('segment start', MAIN_CONTINUATION_BUS, [v.segment, 0, v.initialPc, v.previousC[0]!, v.previousC[1]!, v.firstStep]);
    b.directProves('segment end', MAIN_CONTINUATION_BUS, [
      v.segment.add(1).mul(last.not()), last, v.nextPc, v.lastC[0]!, v.lastC[1]!, v.firstStep.add(v.rows).mul(last.not()),
    ]);

    // Register reload at the segment's last mem_step (slot 3 of the last row).
    const reload = v.firstStep.add(v.rows).mul(4);
    for (let k = 0; k < MAIN_REGS; k++) {
      const reg = k + REGS_IN_MAIN_FROM;
      const value: ExprLike[] = [v.lastRegValue[2 * k]!, v.lastRegValue[2 * k + 1]!];
      const length = reload.sub(v.lastRegMemStep[k]!).sub(1);
      assumeRangeOnce(b, `x${reg} reload: link length low bits`, LINK_LOW_BITS, length.sub(v.lastRegLinkHi[k]!.mul(1 << LINK_LOW_BITS)));
      assumeRangeOnce(b, `x${reg} reload: link length high bits`, 8, v.lastRegLinkHi[k]!);
      b.directProves(`x${reg}: last access`, MEMORY_BUS, [MEM_OP_REG, reg, v.lastRegMemStep[k]!, 8, ...value]);
      b.directAssumes(`x${reg}: reload`, MEMORY_BUS, [MEM_OP_REG, reg, reload, 8, ...value], last.not());
    }
  },
});

export type MainAir = typeof mainAir;

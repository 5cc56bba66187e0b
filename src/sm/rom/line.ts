/**
 * A ROM line as the ROM bus carries it. Main's row and the Rom table must put exactly these values
 * in the same order, so both take them from here.
 *
 *   [pc, a_offset_imm0, a_imm1, b_offset_imm0, b_imm1, ind_width, op, store_offset, jmp_offset1,
 *    jmp_offset2, flags]
 *
 * Signed fields (displacements, jump offsets) are field elements: a negative x is p − |x|.
 */
import { P } from '../../air/index.js';
import { instFlags, type ZiskInst } from '../../zisk/index.js';

export const ROM_LINE_WIDTH = 11;

/** The field element of a signed integer field of a ZisK instruction. */
export function signedToField(x: number): bigint {
  return x < 0 ? P + BigInt(x) : BigInt(x);
}

/** The ROM bus values of an instruction. */
export function romLine(inst: ZiskInst): bigint[] {
  return [
    BigInt(inst.paddr),
    signedToField(inst.aOffsetImm0),
    BigInt(inst.aUseSpImm1),
    signedToField(inst.bOffsetImm0),
    BigInt(inst.bUseSpImm1),
    BigInt(inst.indWidth),
    BigInt(inst.op),
    signedToField(inst.storeOffset),
    signedToField(inst.jmpOffset1),
    signedToField(inst.jmpOffset2),
    BigInt(instFlags(inst)),
  ];
}

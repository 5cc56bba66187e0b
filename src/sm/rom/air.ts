import { defineAir } from '../../air/index.js';
import { ROM_BUS } from '../../bus/index.js';

/**
 * The program table. Its program columns are the ROM, one instruction per row (sorted by address,
 * padding rows all zero); their commitment is the program's identity, a public value of every
 * proof. The witness column counts how many Main rows executed each instruction, and each row proves
 * its line that many times on the ROM bus. Padding rows can never be looked up: every real line has
 * bit 0 of `flags` set.
 */
export const romAir = defineAir({
  name: 'Rom',
  columns: { multiplicity: 1 },
  program: {
    line: 1,
    aOffsetImm0: 1,
    aImm1: 1,
    bOffsetImm0: 1,
    bImm1: 1,
    indWidth: 1,
    op: 1,
    storeOffset: 1,
    jmpOffset1: 1,
    jmpOffset2: 1,
    flags: 1,
  },
  eval(b) {
    const p = b.program;
    b.lookupProves(
      'the program proves each executed line',
      ROM_BUS,
      [p.line, p.aOffsetImm0, p.aImm1, p.bOffsetImm0, p.bImm1, p.indWidth, p.op, p.storeOffset, p.jmpOffset1, p.jmpOffset2, p.flags],
      b.main.multiplicity,
    );
  },
});

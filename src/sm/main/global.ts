/**
 * The bus terms the verifier adds from the public values, for Main: the boot and end states of
 * the continuation chain, x1..x31 = 0 before the first step, and the 32 published output words.
 */
import type { GlobalBusTerm } from '../../air/index.js';
import { MAIN_CONTINUATION_BUS, MEMORY_BUS, OPERATION_BUS } from '../../bus/index.js';
import type { ProofPublics } from '../../executor/index.js';
import { OP_PUBOUT, REGS_IN_MAIN_FROM, REGS_IN_MAIN_TO, ROM_ENTRY, ROM_EXIT } from '../../zisk/index.js';
import { MEM_OP_REG } from './air.js';

/** Output words published by pubout (64-bit each: two public 32-bit outputs). */
export const PUBLIC_WORDS = 32;

export function mainGlobalTerms(publics: ProofPublics): GlobalBusTerm[] {
  const out = publics.outputs;
  if (!(out instanceof Uint32Array) || out.length !== 2 * PUBLIC_WORDS) {
    throw new TypeError(`publics.outputs must be a Uint32Array of ${2 * PUBLIC_WORDS} words`);
  }
  const terms: GlobalBusTerm[] = [
    // [segment, is_last, pc, c_lo, c_hi, first_step]
    { label: 'boot: segment 0 starts at the BIOS entry', bus: MAIN_CONTINUATION_BUS, values: [0n, 0n, BigInt(ROM_ENTRY), 0n, 0n, 0n], multiplicity: 1n },
    { label: 'end: the last segment stops at the end instruction with c = 0', bus: MAIN_CONTINUATION_BUS, values: [0n, 1n, BigInt(ROM_EXIT), 0n, 0n, 0n], multiplicity: -1n },
  ];
  for (let r = REGS_IN_MAIN_FROM; r <= REGS_IN_MAIN_TO; r++) {
    terms.push({ label: `x${r} = 0 at mem_step 0`, bus: MEMORY_BUS, values: [BigInt(MEM_OP_REG), BigInt(r), 0n, 8n, 0n, 0n], multiplicity: -1n });
  }
  for (let i = 0; i < PUBLIC_WORDS; i++) {
    const lo = BigInt(out[2 * i]!);
    const hi = BigInt(out[2 * i + 1]!);
    terms.push({ label: `output word ${i}`, bus: OPERATION_BUS, values: [BigInt(OP_PUBOUT), BigInt(i), 0n, lo, hi, lo, hi, 0n], multiplicity: 1n });
  }
  return terms;
}

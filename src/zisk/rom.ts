/**
 * A ZisK ROM: the BIOS and the transpiled program as one list of instructions sorted by address,
 * plus the read-only data the program reads from the ROM area. Built by the transpiler, read by the
 * emulator and (later) the Rom state machine, whose multiplicities are per-instruction counts indexed
 * like `insts`.
 */
import { BIOS_END, ROM_ADDR, ROM_ADDR_MAX, ROM_ENTRY } from './memory-map.js';
import type { ZiskInst } from './inst.js';

/** Bytes of the ROM area, readable by the guest (code and read-only data segments). */
export interface RomSegment {
  readonly addr: number;
  /** Bytes the segment spans; those past `data` read as zero. */
  readonly size: number;
  readonly data: Uint8Array;
}

const DENSE_LIMIT = 1 << 24;

export class ZiskRom {
  /** Every instruction, sorted by address. An instruction's index is its identity everywhere. */
  readonly insts: readonly ZiskInst[];
  /** The ELF entry point the BIOS calls. */
  readonly entry: number;
  /** Read-only data in the ROM area, sorted by address, non-overlapping. */
  readonly roData: readonly RomSegment[];
  // Direct-index tables: the BIOS by (pc − ROM_ENTRY), the program by (pc − programBase). Odd
  // addresses are included because multi-step expansions live at pc+1..pc+3.
  private readonly biosIndex: Int32Array;
  private readonly programIndex: Int32Array;
  private readonly programBase: number;
  // Programs spread over more than DENSE_LIMIT bytes of address space use a map instead.
  private readonly sparse: Map<number, number> | undefined;

  constructor(insts: readonly ZiskInst[], entry: number, roData: readonly RomSegment[]) {
    const sorted = [...insts].sort((x, y) => x.paddr - y.paddr);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.paddr === sorted[i - 1]!.paddr) {
        throw new Error(`ZiskRom: two instructions at 0x${sorted[i]!.paddr.toString(16)}`);
      }
    }
    let biosMax = -1;
    let progMin = Infinity;
    let progMax = -1;
    for (const inst of sorted) {
      const pc = inst.paddr;
      if (pc >= ROM_ENTRY && pc < BIOS_END) biosMax = Math.max(biosMax, pc);
      else if (pc >= ROM_ADDR && pc < ROM_ADDR_MAX) {
        progMin = Math.min(progMin, pc);
        progMax = Math.max(progMax, pc);
      } else throw new Error(`ZiskRom: instruction at 0x${pc.toString(16)} lies outside the BIOS and program areas`);
    }
    this.insts = sorted;
    this.entry = entry;
    this.roData = roData;
    this.biosIndex = new Int32Array(biosMax >= 0 ? biosMax - ROM_ENTRY + 1 : 0).fill(-1);
    this.programBase = progMax >= 0 ? progMin : ROM_ADDR;
    const span = progMax >= 0 ? progMax - progMin + 1 : 0;
    this.sparse = span > DENSE_LIMIT ? new Map() : undefined;
    this.programIndex = new Int32Array(this.sparse ? 0 : span).fill(-1);
    sorted.forEach((inst, i) => {
      if (inst.paddr < BIOS_END) this.biosIndex[inst.paddr - ROM_ENTRY] = i;
      else if (this.sparse) this.sparse.set(inst.paddr, i);
      else this.programIndex[inst.paddr - this.programBase] = i;
    });
  }

  /** Index in `insts` of the instruction at pc, or -1 when there is none. */
  indexOf(pc: number): number {
    if (pc >= this.programBase) {
      if (this.sparse) return this.sparse.get(pc) ?? -1;
      const k = pc - this.programBase;
      return k < this.programIndex.length ? this.programIndex[k]! : -1;
    }
    const k = pc - ROM_ENTRY;
    return k >= 0 && k < this.biosIndex.length ? this.biosIndex[k]! : -1;
  }

  /** The instruction at pc, or undefined. */
  at(pc: number): ZiskInst | undefined {
    const i = this.indexOf(pc);
    return i >= 0 ? this.insts[i] : undefined;
  }
}

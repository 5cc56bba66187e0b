// Random RV64IMA(+C) programs, deterministic from a seed, as ELF files that run both under
// qemu-riscv64 (a static Linux executable) and in ZisK's layout (code in ROM at 0x8000_0000,
// scratch data in RAM at 0xA003_0000).
//
// A program: a prologue that sets every register x1..x31 (so a trace comparison sees them all
// written), a body of random instructions (ALU, M with edge operands, loads and stores of every
// width, aligned and not, forward branches and jumps, LR/SC pairs and AMOs), and `li a0, 0;
// li a7, 93; ecall`. Only forward control flow: every program ends.
//
// Register roles: x8 (s0) and x2 (sp) hold addresses in the scratch area and are never written by
// the body, so every memory access stays in it; x9 (s1) is the scratch register of the
// multi-instruction items (AMO address, jalr base). Everything else is fair game, x0 included.

import { PF_R, PF_W, PF_X, writeElf } from '../elf.js';
import * as E from './encode.js';
import type { Insn } from './encode.js';

export const TEXT_ADDR = 0x8000_0000;
export const SCRATCH_ADDR = 0xa003_0000;
export const SCRATCH_SIZE = 4096;
const BASE = 8; // s0: SCRATCH_ADDR + 2048, so 12-bit offsets reach the whole scratch area
const SP = 2; // sp: SCRATCH_ADDR + 512, for the compressed sp-relative forms
const TEMP = 9;

export interface RandomProgramOptions {
  seed: number;
  /** Body items (one instruction, or a few for li-prefixed M ops, AMOs, jalr); default 200. */
  length?: number;
  /** Mix in compressed instructions (run qemu with c=true then); default false. */
  compressed?: boolean;
}

export interface RandomProgram {
  elf: Uint8Array;
  /** The code bytes, at TEXT_ADDR. */
  code: Uint8Array;
  /** The scratch area's initial bytes, at SCRATCH_ADDR. */
  scratch: Uint8Array;
  compressed: boolean;
  /** Instructions in the code (each runs at most once). */
  instructions: number;
  /** x0..x31 as the prologue sets them (x0 = 0), and the pc where the body starts. */
  initialRegs: bigint[];
  bodyPc: number;
}

/** Edge operands of the M operations. */
const EDGES: bigint[] = [
  0n, 1n, 2n, 3n, -1n, -2n, 0x7fff_ffff_ffff_ffffn, -(1n << 63n), -(1n << 63n) + 1n, 0x7fff_ffffn, 0x8000_0000n,
  0xffff_ffffn, 0x1_0000_0000n, -(1n << 31n), -(1n << 31n) - 1n, -(1n << 32n), 0x5555_5555_5555_5555n, 3n << 62n,
];

/** xoshiro128** seeded through splitmix32: deterministic, fast, no BigInt. */
class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    // splitmix32 spreads the seed over the state
    let z = seed >>> 0;
    const next = () => {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      return (t ^ (t >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  u32(): number {
    const result = Math.imul(((Math.imul(this.s1, 5) << 7) | (Math.imul(this.s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  int(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}

/** One unit of the body: fixed instructions, or a control transfer resolved once targets are laid out. */
interface Item {
  insns: Insn[];
  /** For a control transfer: the index of the target item and how to encode at a byte offset. */
  target?: number;
  /** Encodes the item for `offset` = target address - the item's own address. */
  encode?: (offset: number) => Insn[];
  /** Largest forward offset the encoding reaches. */
  reach?: number;
  size: number;
}

const fixed = (insns: Insn[]): Item => ({ insns, size: insns.reduce((s, i) => s + i.size, 0) });

const ALU_RR: E.OpName[] = ['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'addw', 'subw', 'sllw', 'srlw', 'sraw'];
const M_OPS: E.OpName[] = ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'mulw', 'divw', 'divuw', 'remw', 'remuw'];
const ALU_IMM: E.OpImmName[] = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
const SHIFTS: E.ShiftImmName[] = ['slli', 'srli', 'srai', 'slliw', 'srliw', 'sraiw'];
const LOADS = Object.keys(E.LOAD) as E.LoadName[];
const STORES = Object.keys(E.STORE) as E.StoreName[];
const BRANCHES = Object.keys(E.BRANCH) as E.BranchName[];
const AMOS = Object.keys(E.AMO) as E.AmoName[];
const C_ARITHS = Object.keys(E.C_ARITH) as E.CArithName[];

export function generateRandomProgram(options: RandomProgramOptions): RandomProgram {
  const rnd = new Random(options.seed);
  const compressed = options.compressed ?? false;
  const length = options.length ?? 200;

  const anyReg = () => rnd.int(32);
  /** Destinations: never the scratch bases; x0 now and then (the write is dropped). */
  const dest = () => {
    for (;;) {
      const r = rnd.chance(0.05) ? 0 : rnd.range(1, 31);
      if (r !== BASE && r !== SP) return r;
    }
  };
  const cdest = () => rnd.pick([9, 10, 11, 12, 13, 14, 15]); // x8..x15 without the base
  const value = () => (rnd.chance(0.3) ? rnd.pick(EDGES) : rnd.chance(0.5) ? BigInt(rnd.range(-64, 64)) : rnd.u64());

  const items: Item[] = [];
  // Prologue: every register gets a value; the bases point into the scratch area.
  const initialRegs = [0n];
  for (let r = 1; r < 32; r++) {
    const v = r === BASE ? BigInt(SCRATCH_ADDR + 2048) : r === SP ? BigInt(SCRATCH_ADDR + 512) : value();
    initialRegs.push(BigInt.asUintN(64, v));
    items.push(fixed(E.li(r, v)));
  }
  const bodyStart = items.length;

  const control = (target: number, reach: number, encode: (offset: number) => Insn[], size: number): Item => ({
    insns: [], target, encode, reach, size,
  });

  for (let n = 0; n < length; n++) {
    const here = bodyStart + n;
    const forward = () => here + rnd.range(1, 6); // may land on the exit sequence, never past it
    const kind = rnd.int(compressed ? 12 : 10);
    switch (kind) {
      case 0:
      case 1:
        items.push(fixed([E.op(rnd.pick(ALU_RR), dest(), anyReg(), anyReg())]));
        break;
      case 2:
        if (rnd.chance(0.5)) items.push(fixed([E.opImm(rnd.pick(ALU_IMM), dest(), anyReg(), rnd.range(-2048, 2047))]));
        else {
          const s = rnd.pick(SHIFTS);
          items.push(fixed([E.shiftImm(s, dest(), anyReg(), rnd.range(0, s.endsWith('w') ? 31 : 63))]));
        }
        break;
      case 3: {
        // M operation, its operands often set to edge values first
        const rs1 = dest() || 5;
        const rs2 = dest() || 6;
        const pre: Insn[] = [];
        if (rnd.chance(0.6)) pre.push(...E.li(rs1, rnd.pick(EDGES)));
        if (rnd.chance(0.6)) pre.push(...E.li(rs2, rnd.pick(EDGES)));
        items.push(fixed([...pre, E.op(rnd.pick(M_OPS), dest(), rs1, rs2)]));
        break;
      }
      case 4:
      case 5: {
        // load or store, any width; aligned half the time
        const isLoad = kind === 4;
        const name = isLoad ? rnd.pick(LOADS) : rnd.pick(STORES);
        const width = isLoad ? E.LOAD[name as E.LoadName][1] : E.STORE[name as E.StoreName][1];
        let offset = rnd.range(-2048, 2047 - width);
        if (rnd.chance(0.5)) offset -= ((offset % width) + width) % width;
        items.push(fixed([isLoad ? E.load(name as E.LoadName, dest(), BASE, offset) : E.store(name as E.StoreName, BASE, anyReg(), offset)]));
        break;
      }
      case 6: {
        const name = rnd.pick(BRANCHES);
        const rs1 = anyReg();
        const rs2 = rnd.chance(0.2) ? rs1 : anyReg();
        items.push(control(forward(), 4094, (o) => [E.branch(name, rs1, rs2, o)], 4));
        break;
      }
      case 7: {
        const rd = rnd.chance(0.5) ? 1 : dest();
        if (rnd.chance(0.5)) items.push(control(forward(), 4094, (o) => [E.jal(rd, o)], 4));
        else items.push(control(forward(), 2047, (o) => [E.auipc(TEMP, 0), E.jalr(rd, TEMP, o)], 8));
        break;
      }
      case 8: {
        // AMO or an LR/SC pair on an aligned scratch address
        const width = rnd.pick([4, 8] as const);
        const addr = E.opImm('addi', TEMP, BASE, rnd.range(-256, 255) * width);
        const aq = rnd.chance(0.5);
        const rl = rnd.chance(0.5);
        if (rnd.chance(0.3)) {
          // lr must not overwrite the address sc uses
          let rd = dest();
          if (rd === TEMP) rd = 0;
          items.push(fixed([addr, E.lr(width, aq, rl, rd, TEMP), E.sc(width, aq, rl, dest(), TEMP, anyReg())]));
        } else {
          items.push(fixed([addr, E.amo(rnd.pick(AMOS), width, aq, rl, dest(), TEMP, anyReg())]));
        }
        break;
      }
      case 9:
        if (rnd.chance(0.5)) items.push(fixed([E.lui(dest(), rnd.int(1 << 20))]));
        else items.push(fixed([E.auipc(dest(), rnd.int(1 << 20))]));
        break;
      default:
        items.push(compressedItem(rnd, here, cdest, dest));
    }
  }
  const exitItem = items.length;
  items.push(fixed([...E.li(10, 0n), ...E.li(17, 93n), E.ecall()]));
  // ZisK's ROM builder drops a section's last bytes when its size is not a multiple of 4: pad
  // with a c.nop that never runs.
  const size = items.reduce((s, item) => s + item.size, 0);
  if (size % 4 !== 0) items.push(fixed([E.cNop()]));

  // Lay out: each item's address; then encode control transfers, pulling a target nearer when
  // it lies beyond the encoding's reach (compressed branches reach only 254 bytes).
  const addr: number[] = [];
  let pos = TEXT_ADDR;
  for (const item of items) {
    addr.push(pos);
    pos += item.size;
  }
  const parts: Insn[] = [];
  items.forEach((item, i) => {
    if (item.encode === undefined) {
      parts.push(...item.insns);
      return;
    }
    let target = Math.min(item.target!, exitItem);
    while (addr[target]! - addr[i]! > item.reach!) target--;
    parts.push(...item.encode(addr[target]! - addr[i]!));
  });

  const code = new Uint8Array(pos - TEXT_ADDR);
  let at = 0;
  for (const p of parts) {
    code[at] = p.bits & 0xff;
    code[at + 1] = (p.bits >>> 8) & 0xff;
    if (p.size === 4) {
      code[at + 2] = (p.bits >>> 16) & 0xff;
      code[at + 3] = (p.bits >>> 24) & 0xff;
    }
    at += p.size;
  }
  const scratch = new Uint8Array(SCRATCH_SIZE);
  for (let i = 0; i < SCRATCH_SIZE; i += 4) new DataView(scratch.buffer).setUint32(i, rnd.u32(), true);

  const elf = writeElf(
    TEXT_ADDR,
    [
      { name: '.text', vaddr: TEXT_ADDR, flags: PF_R | PF_X, data: code },
      { name: '.data', vaddr: SCRATCH_ADDR, flags: PF_R | PF_W, data: scratch },
    ],
    compressed ? 'rv64i2p0_m2p0_a2p0_c2p0' : 'rv64i2p0_m2p0_a2p0',
    { _start: TEXT_ADDR, scratch: SCRATCH_ADDR },
  );
  return { elf, code, scratch, compressed, instructions: parts.length, initialRegs, bodyPc: addr[bodyStart]! };
}

/** One compressed instruction (or a short sequence ending in one). */
function compressedItem(rnd: Random, here: number, cdest: () => number, dest: () => number): Item {
  const nonzeroImm = () => (rnd.chance(0.5) ? rnd.range(1, 31) : rnd.range(-32, -1));
  const fullDest = () => dest() || 1;
  switch (rnd.int(10)) {
    case 0:
      return fixed([rnd.pick([
        () => E.cAddi(fullDest(), nonzeroImm()),
        () => E.cAddiw(fullDest(), rnd.range(-32, 31)),
        () => E.cLi(fullDest(), rnd.range(-32, 31)),
        () => { let rd = fullDest(); if (rd === SP) rd = 1; return E.cLui(rd, nonzeroImm()); },
        () => E.cSlli(fullDest(), rnd.range(1, 63)),
      ])()]);
    case 1:
      return fixed([rnd.pick([
        () => E.cSrli(cdest(), rnd.range(1, 63)),
        () => E.cSrai(cdest(), rnd.range(1, 63)),
        () => E.cAndi(cdest(), rnd.range(-32, 31)),
        () => E.cArith(rnd.pick(C_ARITHS), cdest(), rnd.range(8, 15)),
      ])()]);
    case 2:
      return fixed([rnd.chance(0.5) ? E.cMv(fullDest(), rnd.range(1, 31)) : E.cAdd(fullDest(), rnd.range(1, 31))]);
    case 3:
    case 4: {
      const width = rnd.pick([4, 8] as const);
      const offset = rnd.range(0, 31) * width;
      return fixed([rnd.chance(0.5) ? E.cLoad(width, cdest(), BASE, offset) : E.cStore(width, BASE, rnd.range(8, 15), offset)]);
    }
    case 5:
    case 6: {
      const width = rnd.pick([4, 8] as const);
      const offset = rnd.range(0, 63) * width;
      return fixed([rnd.chance(0.5) ? E.cLoadSp(width, fullDest(), offset) : E.cStoreSp(width, rnd.range(0, 31), offset)]);
    }
    case 7: {
      const nonzero = rnd.chance(0.5);
      const rs1 = rnd.range(8, 15);
      return { insns: [], target: here + rnd.range(1, 6), encode: (o) => [E.cBranchZero(nonzero, rs1, o)], reach: 254, size: 2 };
    }
    case 8:
      return { insns: [], target: here + rnd.range(1, 6), encode: (o) => [E.cJ(o)], reach: 2046, size: 2 };
    default: {
      // auipc t, 0; addi t, t, (target - auipc pc); c.jr t or c.jalr t
      const link = rnd.chance(0.5);
      return {
        insns: [],
        target: here + rnd.range(1, 6),
        encode: (o) => [E.auipc(TEMP, 0), E.opImm('addi', TEMP, TEMP, o), link ? E.cJalr(TEMP) : E.cJr(TEMP)],
        reach: 2047,
        size: 10,
      };
    }
  }
}

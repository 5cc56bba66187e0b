/**
 * The machine state and the reference step loop. The loop is the ground truth of execution: every
 * mode uses it (fast mode for the steps its compiled blocks cannot take, minimal-trace generation,
 * replay, tracing), and differs only by the MemPort plugged in (direct, recording, replaying) and by
 * whether an observer and a free-call host are attached.
 */
import { K_FLOAT } from '../riscv/kinds.js';
import { floatName } from '../riscv/decode.js';
import * as zisk from '../zisk/index.js';
import type { ZiskInst, ZiskRom } from '../zisk/index.js';
import { EmulatorError, Fault, hex } from './errors.js';
import type { FcallState } from './fcall.js';
import type { GuestMemory } from './memory.js';
import { RegisterRecord, StepRecord, type ExecutionObserver } from './observer.js';
import type { MemPort } from './port.js';

const TWO32 = 4294967296;

// Module-local bindings: imported bindings may compile to getter calls (tsx/esbuild), which cost a
// call per use in the step loop (measured 1.6 M steps/s with them, see the commit log).
const {
  EFFECT_FCALL, EFFECT_FCALL_GET, EFFECT_FCALL_PARAM, EFFECT_HALT, EFFECT_NONE, OP_BY_CODE, OP_PUBOUT, PRECOMPILE_BY_CODE,
  SRC_C, SRC_IMM, SRC_IND, SRC_MEM, SRC_REG, SRC_STEP, STORE_IND, STORE_MEM, STORE_REG, execOp,
} = zisk;

/** Static successors of every instruction (index of pc + jmp_offset1 / + jmp_offset2, -1 if none). */
export interface Successors {
  readonly taken: Int32Array;
  readonly notTaken: Int32Array;
}
const successorCache = new WeakMap<ZiskRom, Successors>();
export function successors(rom: ZiskRom): Successors {
  let s = successorCache.get(rom);
  if (!s) {
    const n = rom.insts.length;
    s = { taken: new Int32Array(n), notTaken: new Int32Array(n) };
    rom.insts.forEach((inst, i) => {
      s!.taken[i] = rom.indexOf(inst.paddr + inst.jmpOffset1);
      s!.notTaken[i] = rom.indexOf(inst.paddr + inst.jmpOffset2);
    });
    successorCache.set(rom, s);
  }
  return s;
}

export class Machine {
  readonly insts: readonly ZiskInst[];
  /** x0..x31 as (lo, hi) int32 pairs; R[64], R[65] = c, the last step's result. x0 stays 0. */
  readonly R = new Int32Array(66);
  /** Index in rom.insts of the instruction at pc. */
  idx: number;
  step = 0;
  end = false;
  /** Set when an observer asked to stop. */
  stopped = false;
  /** pubout values: public word i (u64) at publics[2i], publics[2i+1]. */
  readonly publics = new Int32Array(64);
  /** Per-instruction execution counts of the steps this loop runs (null: not counted). */
  counts: Float64Array | null = null;
  readonly succ: Successors;
  private readonly stepRec = new StepRecord();
  private readonly regRec = new RegisterRecord();

  constructor(
    readonly rom: ZiskRom,
    public port: MemPort,
    readonly obs: ExecutionObserver | null,
    /** The free-call host; null when replaying (results come from the trace). */
    readonly fcall: FcallState | null,
    readonly mem: GuestMemory | null,
    pc: number,
  ) {
    this.insts = rom.insts;
    this.succ = successors(rom);
    this.idx = rom.indexOf(pc);
    if (this.idx < 0) throw new EmulatorError('invalid-pc', `no instruction at ${hex(pc)}`, pc, 0);
  }

  get pc(): number {
    return this.insts[this.idx]!.paddr;
  }

  /** Executes steps until the end instruction, an observer's stop, or `stopStep` steps in total. */
  run(stopStep: number): void {
    try {
      interpret(this, stopStep);
    } catch (e) {
      // interpret() keeps idx and step current, so they locate the failing step.
      if (e instanceof Fault) throw new EmulatorError(e.code, e.detail, this.insts[this.idx]!.paddr, this.step);
      throw e;
    }
  }

  /** @internal the observer hooks of interpret() */
  reg(reg: number, slot: number, lo: number, hi: number, step: number): void {
    const g = this.regRec;
    g.reg = reg;
    g.slot = slot;
    g.write = slot === 2 ? 1 : 0;
    g.lo = lo;
    g.hi = hi;
    g.step = step;
    g.memStep = 1 + 4 * step + slot;
    this.obs!.onRegister(g);
  }

  /** @internal */
  stepDone(step: number, idx: number, aLo: number, aHi: number, bLo: number, bHi: number, cLo: number, cHi: number, flag: number, nextIdx: number): boolean {
    const r = this.stepRec;
    r.step = step;
    r.pc = this.insts[idx]!.paddr;
    r.inst = idx;
    r.aLo = aLo;
    r.aHi = aHi;
    r.bLo = bLo;
    r.bHi = bHi;
    r.cLo = cLo;
    r.cHi = cHi;
    r.flag = flag;
    r.nextPc = this.insts[nextIdx]!.paddr;
    return this.obs!.onStep(r);
  }
}

const OUT = new Int32Array(3);

/** a + off as a guest address: throws unless it is below 2^32. */
function address(lo: number, hi: number, off: number): number {
  const t = (lo >>> 0) + off;
  if (hi === 0 && t >= 0 && t < TWO32) return t;
  if (hi === -1 && t >= TWO32 && t - TWO32 < TWO32) return t - TWO32;
  if (hi === 1 && t < 0) return t + TWO32;
  throw new Fault('memory-out-of-range', `address 0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}${off < 0 ? '' : '+'}${off} is outside the 32-bit address space`);
}

function haltFault(inst: ZiskInst): Fault {
  if (inst.rvKind === K_FLOAT) {
    const name = floatName({ kind: K_FLOAT, rd: 0, rs1: 0, rs2: 0, imm: 0, csr: 0, size: (inst.rvInst & 3) === 3 ? 4 : 2, raw: inst.rvInst });
    return new Fault('unsupported-instruction', `unsupported floating-point instruction ${name}: zisk-ts runs RV64IMAC programs`);
  }
  const raw = (inst.rvInst & 3) === 3 ? inst.rvInst >>> 0 : inst.rvInst & 0xffff;
  return new Fault('illegal-instruction', `illegal instruction 0x${raw.toString(16).padStart((inst.rvInst & 3) === 3 ? 8 : 4, '0')}`);
}

function interpret(m: Machine, stopStep: number): void {
  const insts = m.insts;
  const R = m.R;
  const port = m.port;
  const obs = m.obs;
  const counts = m.counts;
  const taken = m.succ.taken;
  const notTaken = m.succ.notTaken;
  const fcall = m.fcall;
  let idx = m.idx;
  let step = m.step;
  while (step < stopStep) {
      const inst = insts[idx]!;
      m.idx = idx;
      m.step = step;
      port.step = step;
      let aLo = 0;
      let aHi = 0;
      let bLo = 0;
      let bHi = 0;
      switch (inst.aSrc) {
        case SRC_REG: {
          const r = inst.aOffsetImm0;
          aLo = R[2 * r]!;
          aHi = R[2 * r + 1]!;
          if (obs) m.reg(r, 0, aLo, aHi, step);
          break;
        }
        case SRC_IMM:
          aLo = inst.aOffsetImm0 | 0;
          aHi = inst.aUseSpImm1 | 0;
          break;
        case SRC_C:
          aLo = R[64]!;
          aHi = R[65]!;
          break;
        case SRC_MEM:
          port.load(inst.aOffsetImm0, 8, 0);
          aLo = port.out[0]!;
          aHi = port.out[1]!;
          break;
        case SRC_STEP:
          aLo = step | 0;
          aHi = Math.floor(step / TWO32) | 0;
          break;
      }
      switch (inst.bSrc) {
        case SRC_REG: {
          const r = inst.bOffsetImm0;
          bLo = R[2 * r]!;
          bHi = R[2 * r + 1]!;
          if (obs) m.reg(r, 1, bLo, bHi, step);
          break;
        }
        case SRC_IMM:
          bLo = inst.bOffsetImm0 | 0;
          bHi = inst.bUseSpImm1 | 0;
          break;
        case SRC_IND:
          port.load(address(aLo, aHi, inst.bOffsetImm0), inst.indWidth, 1);
          bLo = port.out[0]!;
          bHi = port.out[1]!;
          break;
        case SRC_C:
          bLo = R[64]!;
          bHi = R[65]!;
          break;
        case SRC_MEM:
          port.load(inst.bOffsetImm0, 8, 1);
          bLo = port.out[0]!;
          bHi = port.out[1]!;
          break;
      }
      const def = OP_BY_CODE[inst.op];
      if (!def) {
        const pre = PRECOMPILE_BY_CODE[inst.op];
        throw pre
          ? new Fault('unsupported-precompile', `precompile ${pre.name} is not supported yet`)
          : new Fault('illegal-instruction', `unknown ZisK opcode 0x${inst.op.toString(16)}`);
      }
      if (def.effect === EFFECT_HALT) throw haltFault(inst);
      execOp(inst.op, aLo, aHi, bLo, bHi, OUT);
      const cLo = OUT[0]!;
      const cHi = OUT[1]!;
      const flag = OUT[2]!;
      if (def.effect !== EFFECT_NONE && fcall) freeCall(m, fcall, def.effect, aLo, bLo, bHi);
      let vLo = cLo;
      let vHi = cHi;
      if (inst.storePc) {
        vLo = (inst.paddr + inst.jmpOffset2) | 0;
        vHi = 0;
      }
      switch (inst.store) {
        case STORE_REG: {
          const r = inst.storeOffset;
          R[2 * r] = vLo;
          R[2 * r + 1] = vHi;
          if (obs) m.reg(r, 2, vLo, vHi, step);
          break;
        }
        case STORE_IND:
          port.store(address(aLo, aHi, inst.storeOffset), inst.indWidth, vLo, vHi, 2);
          break;
        case STORE_MEM:
          port.store(inst.storeOffset, 8, vLo, vHi, 2);
          break;
      }
      R[64] = cLo;
      R[65] = cHi;
      if (inst.op === OP_PUBOUT) {
        const i = aLo & 31;
        m.publics[2 * i] = bLo;
        m.publics[2 * i + 1] = bHi;
      }
      let next: number;
      if (inst.setPc) next = jumpTarget(m, cLo, cHi, inst.jmpOffset1);
      else {
        next = flag ? taken[idx]! : notTaken[idx]!;
        if (next < 0) {
          throw new Fault('invalid-pc', `no instruction at the jump target ${hex(inst.paddr + (flag ? inst.jmpOffset1 : inst.jmpOffset2))}`);
        }
      }
      if (counts) counts[idx]!++;
      if (obs && m.stepDone(step, idx, aLo, aHi, bLo, bHi, cLo, cHi, flag, next)) {
        m.stopped = true;
        idx = next;
        step++;
        break;
      }
      step++;
      idx = next;
      if (inst.end) {
        m.end = true;
        break;
      }
  }
  m.idx = idx;
  m.step = step;
}

/** Index of the instruction at c + offset, for set_pc jumps. */
export function jumpTarget(m: Machine, cLo: number, cHi: number, offset: number): number {
  const t = cHi === 0 ? (cLo >>> 0) + offset : cHi === -1 ? (cLo >>> 0) - TWO32 + offset : -1;
  if (!(t >= 0 && t < TWO32)) {
    throw new Fault('invalid-pc', `jump to 0x${(cHi >>> 0).toString(16)}${(cLo >>> 0).toString(16).padStart(8, '0')}, outside the 32-bit address space`);
  }
  if (t % 2 !== 0) throw new Fault('misaligned-jump', `misaligned jump target ${hex(t)}`);
  const i = m.rom.indexOf(t);
  if (i < 0) throw new Fault('invalid-pc', `jump to ${hex(t)}, where there is no instruction`);
  if (m.insts[i]!.continuation) throw new Fault('invalid-pc', `jump to ${hex(t)}, inside an instruction`);
  return i;
}

function freeCall(m: Machine, fcall: FcallState, effect: number, aLo: number, bLo: number, bHi: number): void {
  const mem = m.mem!;
  const big = (lo: number, hi: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  if (effect === EFFECT_FCALL_PARAM) {
    const words = aLo >>> 0;
    if (words === 1) {
      fcall.pushParam(big(bLo, bHi));
      return;
    }
    // A block of words in memory at b: host-side reads, not part of the trace.
    const base = address(bLo, bHi, 0);
    if (base % 8 !== 0) throw new Fault('fcall', `fcall_param: parameter block at ${hex(base)} is not 8-byte aligned`);
    mem.region(base, 8 * words, false);
    const w = new Int32Array(2);
    for (let i = 0; i < words; i++) {
      mem.readWord(base + 8 * i, w);
      fcall.pushParam(big(w[0]!, w[1]!));
    }
  } else if (effect === EFFECT_FCALL) {
    setFree(mem, fcall.call(aLo >>> 0));
  } else if (effect === EFFECT_FCALL_GET) {
    setFree(mem, fcall.next());
  }
}

function setFree(mem: GuestMemory, v: bigint): void {
  mem.setFreeInput(Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0);
}

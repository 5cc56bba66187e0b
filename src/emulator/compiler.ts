/**
 * Compiles ROM code into JavaScript functions for fast mode and minimal-trace mode.
 *
 * A *unit* starts at an instruction and follows static successors (straight-line code and
 * unconditional jumps) until a conditional branch, a computed jump (set_pc), the end instruction,
 * MAX_UNIT steps, or an instruction already in the unit: every instruction of a unit executes
 * exactly once per pass, so counting units gives exact step counts and per-instruction counts.
 *
 * A *region* is the set of units statically reachable from an entry (through branches both ways and
 * jumps), up to a size limit, compiled as one function: `for (;;) switch (unit) { ... }` with the
 * registers in locals for the whole region. A region returns to the dispatcher only at a computed
 * jump, a target outside it, the end, or when its step budget would be exceeded — so loops, even
 * branchy ones, run without the dispatcher.
 *
 * Call protocol: the caller sets C.budget (most steps to run); the region runs whole units while
 * they fit, sets C.n to the steps done and returns the next instruction's index (END after the end
 * instruction). C.n = 0 means the first unit did not fit the budget (the caller steps the
 * interpreter to the boundary). A Fault carries its position in the unit; C.unit and C.n then give
 * the unit and the steps done before it. Units count themselves in C.cnt[unit.id].
 *
 * Instructions with side effects the compiler leaves to the interpreter (free calls, pubout, halt,
 * precompiles, the step source) end units and are never inside a region.
 *
 * Why (measured on this machine, Node 20, one core): a switch-per-step interpreter runs ~20 M
 * steps/s; block functions called through an array ~200; regions keep loops in one function
 * (fibonacci and sha256 examples ~750 M steps/s) and remove the dispatcher from branchy code.
 */
import { EFFECT_NONE, FLAG_ONE, FLAG_VARIES, OP_BY_CODE, OP_PUBOUT, SRC_REG, STORE_REG, wide, type ZiskInst, type ZiskRom } from '../zisk/index.js';
import { BlockContext } from './block-context.js';
import { InstEmitter } from './codegen.js';
import { successors, type Successors } from './machine.js';

export { BlockContext } from './block-context.js';

export const END = -1;
const MAX_UNIT = 128;
const MAX_REGION_UNITS = 64;
/**
 * Generated characters per region (the first unit is always taken). Big functions cost TurboFan
 * 70–230 ms each to compile (on the machine's only other core) and above ~110 K characters are
 * never optimized. Measured over the six SDK examples (293 M steps, fast and trace modes, CPU time):
 * 4 K characters: 108 M steps/s warm, 57 cold; 8 K: 92 / 50; 12 K: 81 / 43; 50 K: 36 / 23;
 * loop blocks without regions: 72 / 48.
 */
const MAX_REGION_SOURCE = 4000;
/** int32 values a step may append to the trace: a (2 words), b (2), old words under a store (2). */
export const TRACE_INT32_PER_STEP = 12;

export interface Unit {
  /** Index in C.cnt. */
  readonly id: number;
  readonly len: number;
  /** Instruction indices, in execution order. */
  readonly insts: Int32Array;
}

export interface Region {
  readonly entry: number;
  readonly units: readonly Unit[];
  readonly fn: () => number;
}

/** How a unit ends. */
type Tail =
  | { kind: 'end' }
  | { kind: 'jump'; offset: number }
  | { kind: 'cond'; taken: number; notTaken: number; takenPc: number; notTakenPc: number }
  | { kind: 'next'; next: number; pc: number };

interface UnitPlan {
  start: number;
  order: number[];
  tail: Tail;
  /** The generated code of the unit's instructions. */
  body: string;
}

/** Whether the compiler handles an instruction (else the interpreter runs it). */
function compilable(inst: ZiskInst): boolean {
  const def = OP_BY_CODE[inst.op];
  return !!def && def.effect === EFFECT_NONE && inst.op !== OP_PUBOUT && inst.aSrc !== 3 /* SRC_STEP */;
}

export class CompiledProgram {
  readonly ctx = new BlockContext();
  private readonly regions: (Region | null | undefined)[];
  private readonly units: Unit[] = [];
  private readonly succ: Successors;
  private readonly emitter: InstEmitter;

  constructor(
    readonly rom: ZiskRom,
    /** Generate minimal-trace recording code. */
    readonly trace: boolean,
  ) {
    this.regions = new Array(rom.insts.length);
    this.succ = successors(rom);
    this.emitter = new InstEmitter(trace);
  }

  /** Every unit compiled so far, by id (to turn unit counts into instruction counts). */
  get compiledUnits(): readonly Unit[] {
    return this.units;
  }

  /** The region entered at instruction idx, compiled on first use; null if the interpreter must run it. */
  region(idx: number): Region | null {
    const r = this.regions[idx];
    if (r !== undefined) return r;
    const made = compilable(this.rom.insts[idx]!) ? this.compile(idx) : null;
    this.regions[idx] = made;
    return made;
  }

  private planUnit(start: number): UnitPlan {
    const insts = this.rom.insts;
    const order: number[] = [];
    const seen = new Set<number>();
    let cur = start;
    for (;;) {
      const inst = insts[cur]!;
      order.push(cur);
      seen.add(cur);
      const def = OP_BY_CODE[inst.op]!;
      if (inst.end) return this.plan(start, order, { kind: 'end' });
      if (inst.setPc) return this.plan(start, order, { kind: 'jump', offset: inst.jmpOffset1 });
      const t = this.succ.taken[cur]!;
      const n = this.succ.notTaken[cur]!;
      if (def.flag === FLAG_VARIES && inst.jmpOffset1 !== inst.jmpOffset2) {
        return this.plan(start, order, { kind: 'cond', taken: t, notTaken: n, takenPc: inst.paddr + inst.jmpOffset1, notTakenPc: inst.paddr + inst.jmpOffset2 });
      }
      const useTaken = inst.jmpOffset1 !== inst.jmpOffset2 && def.flag === FLAG_ONE;
      const next = useTaken ? t : n;
      const pc = inst.paddr + (useTaken ? inst.jmpOffset1 : inst.jmpOffset2);
      if (next < 0 || seen.has(next) || order.length >= MAX_UNIT || !compilable(insts[next]!)) {
        return this.plan(start, order, { kind: 'next', next, pc });
      }
      cur = next;
    }
  }

  private plan(start: number, order: number[], tail: Tail): UnitPlan {
    const body = order.map((i, k) => this.emitter.emit(this.rom.insts[i]!, k)).join('\n');
    return { start, order, tail, body };
  }

  private compile(entry: number): Region {
    // The units reachable from the entry, breadth first, within the size limits.
    const plans: UnitPlan[] = [];
    const local = new Map<number, number>();
    const queue = [entry];
    let size = 0;
    while (queue.length > 0 && plans.length < MAX_REGION_UNITS) {
      const s = queue.shift()!;
      if (local.has(s) || s < 0 || !compilable(this.rom.insts[s]!)) continue;
      const plan = this.planUnit(s);
      if (plans.length > 0 && size + plan.body.length > MAX_REGION_SOURCE) break;
      local.set(s, plans.length);
      plans.push(plan);
      size += plan.body.length;
      const t = plan.tail;
      if (t.kind === 'cond') queue.push(t.taken, t.notTaken);
      else if (t.kind === 'next') queue.push(t.next);
    }

    const units: Unit[] = plans.map((p) => ({ id: this.units.length + local.get(p.start)!, len: p.order.length, insts: Int32Array.from(p.order) }));
    this.units.push(...units);
    if (this.units.length > this.ctx.cnt.length) {
      const grown = new Float64Array(2 * this.units.length);
      grown.set(this.ctx.cnt);
      this.ctx.cnt = grown;
    }

    // Go to another unit of the region, or leave with the target's index (a valid target).
    const goTo = (target: number) => {
      const u = local.get(target);
      return u !== undefined ? `{ u = ${u}; continue loop; }` : `{ next = ${target}; break loop; }`;
    };
    const single = plans.length === 1;
    const cases = plans.map((p, ui) => {
      const unit = units[ui]!;
      const last = p.order.length - 1;
      const body = p.body;
      // What can fault (a computed jump, a target without an instruction) comes before the unit's
      // steps are added, so that a fault is located at the unit's last instruction.
      const count = `steps += ${unit.len}; CNT[${unit.id}]++;`;
      const bad = (pc: number) => `throw C.bad(${pc}, ${last});`;
      const t = p.tail;
      let tail: string;
      if (t.kind === 'end') tail = `${count} next = ${END}; break loop;`;
      else if (t.kind === 'jump') tail = `next = C.jump(cLo, cHi, ${t.offset}, ${last}); ${count} ${single ? 'break loop;' : 'u = -1; continue loop;'}`;
      else if (t.kind === 'cond') {
        const check = (t.taken < 0 ? `if (flag) ${bad(t.takenPc)} ` : '') + (t.notTaken < 0 ? `if (!flag) ${bad(t.notTakenPc)}` : '');
        tail = `${check} ${count} if (flag) ${t.taken < 0 ? '{}' : goTo(t.taken)} ${t.notTaken < 0 ? '' : goTo(t.notTaken)}`;
      } else tail = t.next < 0 ? bad(t.pc) : `${count} ${goTo(t.next)}`;
      const code = `if (steps + ${unit.len} > budget) { next = ${p.start}; break loop; }
${body}
${tail}`;
      return single ? code : `case ${ui}: {\n${code}\n}`;
    });

    // A computed jump (a call or a return) whose target starts a unit of the region stays inside.
    const landing = `case -1: switch (next) { ${plans.map((p, ui) => `case ${p.start}: u = ${ui}; continue loop;`).join(' ')} } break loop;`;

    // Registers: every one the region touches is a local, written back on exit.
    const regs = new Set<number>();
    const written = new Set<number>();
    for (const p of plans) {
      for (const i of p.order) {
        const inst = this.rom.insts[i]!;
        if (inst.aSrc === SRC_REG) regs.add(inst.aOffsetImm0);
        if (inst.bSrc === SRC_REG) regs.add(inst.bOffsetImm0);
        if (inst.store === STORE_REG) {
          regs.add(inst.storeOffset);
          written.add(inst.storeOffset);
        }
      }
    }
    const sorted = [...regs].sort((x, y) => x - y);
    const src = `return function region_${entry}() {
  const R = C.R, M = C.M, D = C.D, T = C.T, CNT = C.cnt, budget = C.budget;
  ${sorted.map((r) => `let r${r}l = R[${2 * r}], r${r}h = R[${2 * r + 1}];`).join(' ')}
  let cLo = R[64], cHi = R[65], flag = 0, aLo = 0, aHi = 0, bLo = 0, bHi = 0;
  let steps = 0, u = 0, next = 0;
  ${this.trace ? 'const S = C.S, TB = S.buf; let TN = S.len;' : ''}
  try {
    loop: for (;;) {
      ${single ? cases[0] : `switch (u) {\n${cases.join('\n')}\n${landing}\n}`}
    }
  } catch (e) { C.n = steps; C.unit = u; throw e; }
  ${[...written].map((r) => `R[${2 * r}] = r${r}l; R[${2 * r + 1}] = r${r}h;`).join(' ')}
  R[64] = cLo; R[65] = cHi;
  ${this.trace ? 'S.len = TN;' : ''}
  C.n = steps;
  return next;
};`;
    const fn = new Function('C', 'X', 'W', src)(this.ctx, wide.WIDE, wide.W) as () => number;
    return { entry, units, fn };
  }
}

/**
 * The compiler from an AIR's expression graph to a register program for the constraint kernel
 * (src/wasm/assembly/constraints.ts).
 *
 * A program works on one block of rows at a time. Its operands are
 * - vector slots: one value per row of the block. The first slots are the inputs (column leaves at
 *   offset 0 or 1, and the row selectors), filled by the engine before each block; the others are
 *   registers;
 * - scalar slots: values that do not depend on the row — constants, air values, challenges, the bus
 *   sum, every operation over those only (α+bus, γ powers, α^k …). They are computed once per call
 *   (`bindScalars`, BigInt: a few hundred values at most), never per row.
 *
 * Registers are allocated by liveness (a register is free again after the last instruction that
 * reads it), so a block needs as many registers as the widest point of the evaluation, not one per
 * node: with the block's rows in each slot, memory is bounded by block rows × (inputs + live
 * registers).
 */
import { NodeKind, type ExprGraph } from '../air/index.js';
import { P } from '../air/index.js';

/** Opcodes; keep in step with src/wasm/assembly/constraints.ts. */
export const enum Op {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Neg = 3,
  AddS = 4,
  SubS = 5,
  RsubS = 6,
  MulS = 7,
  Splat = 8,
  Set3 = 9,
  Acc3 = 10,
  ExtInv = 11,
  Macc3 = 12,
  Macc3S = 13,
  Add3 = 14,
  Or = 15,
  Zero = 16,
  Scale3 = 17,
  Rsum3 = 18,
  Rdot3 = 19,
  CountNonZero = 20,
  OrNonZero = 21,
  AccLazy = 22,
  Finish = 23,
  CountZero3 = 24,
}

/** What an instruction field names. */
const enum Role {
  None,
  /** a vector value read */
  Read,
  /** a new vector value */
  Def,
  /** a vector value read and written in place */
  Update,
  /** an extension value (three slots) read */
  Read3,
  /** a new extension value */
  Def3,
  /** an extension value read and written in place */
  Update3,
  /** a scalar slot index (read, or accumulated into by a reduction) */
  Scalar,
  /** a number passed as is */
  Literal,
}

/** Roles of the fields d, a, b of each opcode. */
const ROLES: readonly (readonly [Role, Role, Role])[] = [
  [Role.Def, Role.Read, Role.Read], // Add
  [Role.Def, Role.Read, Role.Read], // Sub
  [Role.Def, Role.Read, Role.Read], // Mul
  [Role.Def, Role.Read, Role.None], // Neg
  [Role.Def, Role.Read, Role.Scalar], // AddS
  [Role.Def, Role.Read, Role.Scalar], // SubS
  [Role.Def, Role.Read, Role.Scalar], // RsubS
  [Role.Def, Role.Read, Role.Scalar], // MulS
  [Role.Def, Role.Scalar, Role.None], // Splat
  [Role.Def3, Role.Scalar, Role.None], // Set3
  [Role.Update3, Role.Read, Role.Scalar], // Acc3
  [Role.Def3, Role.Read3, Role.None], // ExtInv
  [Role.Update3, Role.Read3, Role.Read], // Macc3
  [Role.Update3, Role.Read3, Role.Scalar], // Macc3S
  [Role.Update3, Role.Read3, Role.None], // Add3
  [Role.Update, Role.Read, Role.None], // Or
  [Role.Def, Role.Literal, Role.None], // Zero (a + 1 slots: the value's width − 1)
  [Role.Update3, Role.Scalar, Role.None], // Scale3
  [Role.Scalar, Role.Read3, Role.None], // Rsum3
  [Role.Scalar, Role.Read3, Role.Read], // Rdot3
  [Role.Scalar, Role.Read, Role.None], // CountNonZero
  [Role.Update, Role.Read, Role.Read], // OrNonZero
  [Role.Update3, Role.Read, Role.Scalar], // AccLazy (d is a 12-slot value)
  [Role.Def3, Role.Read3, Role.None], // Finish (a is a 12-slot value)
  [Role.Scalar, Role.Read3, Role.None], // CountZero3
];

/** Elementwise ops whose destination may take the slot of an operand read for the last time. */
const IN_PLACE = new Set<Op>([Op.Add, Op.Sub, Op.Mul, Op.Neg, Op.AddS, Op.SubS, Op.RsubS, Op.MulS]);

/** Where an input slot's values come from. Sources 0–3 are matrices, 4 the row selectors. */
export const enum Source {
  Main = 0,
  Fixed = 1,
  Program = 2,
  Stage2 = 3,
  Selector = 4,
}
export const SOURCE_COUNT = 4;

export const enum Selector {
  IsFirstRow = 0,
  IsLastRow = 1,
  IsTransition = 2,
}

/**
 * A compiled program: plain typed arrays, so it crosses to a worker thread as is (the Air object
 * itself cannot).
 */
export interface Program {
  /** Four words per instruction: opcode, d, a, b, with slots and scalar indices resolved. */
  readonly code: Int32Array;
  /** Three words per input slot (input i is slot i): source, column (or selector), row offset. */
  readonly inputs: Int32Array;
  /** Vector slots in all: inputs, registers, and two scratch slots when EXTINV is used. */
  readonly slotCount: number;
  /** First of the two scratch slots, or −1. */
  readonly scratchSlot: number;
  readonly scalarCount: number;
  /** The slot of every output value, in the order they were declared (first slot of a triple). */
  readonly outputs: Int32Array;
}

/** An operand of the lowered graph: a vector value (virtual register) or a scalar slot. */
export type Operand = { readonly vec: number } | { readonly scalar: number };

export function isVec(o: Operand): o is { readonly vec: number } {
  return 'vec' in o;
}

const LEAF_SOURCE: Partial<Record<NodeKind, Source>> = {
  [NodeKind.Main]: Source.Main,
  [NodeKind.Fixed]: Source.Fixed,
  [NodeKind.Program]: Source.Program,
  [NodeKind.Stage2]: Source.Stage2,
};

const SELECTOR_OF: Partial<Record<NodeKind, Selector>> = {
  [NodeKind.IsFirstRow]: Selector.IsFirstRow,
  [NodeKind.IsLastRow]: Selector.IsLastRow,
  [NodeKind.IsTransition]: Selector.IsTransition,
};

/**
 * Builds a program over virtual values, then allocates slots (`build`). Scalars are numbered as
 * they are requested; the graph's row-invariant nodes get theirs from `lower`, others (γ powers,
 * α^k, fingerprint constants …) from `scalars(n)`, filled by the caller when binding.
 */
export class ProgramBuilder {
  private readonly widths: number[] = [];
  private readonly inputKeys = new Map<string, number>();
  private readonly inputSpecs: number[] = [];
  private readonly code: number[] = [];
  private readonly outputs: number[] = [];
  /** Graph node of each scalar slot, or −1 for one the caller fills. */
  readonly scalarNodes: number[] = [];
  private readonly nodeScalar = new Map<number, number>();
  private usesExtInv = false;

  private value(width: 1 | 3 | 12): number {
    this.widths.push(width);
    return this.widths.length - 1;
  }

  /** A new vector value (width 1) or extension value (width 3), to be defined by an instruction. */
  vector(): number {
    return this.value(1);
  }
  triple(): number {
    return this.value(3);
  }
  /** An unreduced extension accumulator (AccLazy, Finish): 12 slots. */
  lazy(): number {
    return this.value(12);
  }

  /** Zeroes a value of any width (defining it). */
  zero(v: number): void {
    this.emit(Op.Zero, v, this.widths[v]! - 1);
  }

  /** The input slot for a column leaf or a selector (source Selector, column = which one). */
  input(source: Source, column: number, offset: number): number {
    const key = `${source}:${column}:${offset}`;
    let v = this.inputKeys.get(key);
    if (v === undefined) {
      if (this.code.length > 0) throw new Error('ProgramBuilder: inputs must be declared before the first instruction');
      v = this.value(1);
      this.inputKeys.set(key, v);
      this.inputSpecs.push(source, column, offset);
    }
    return v;
  }

  /** `count` consecutive scalar slots for the caller to fill; returns the first. */
  scalars(count: number): number {
    const first = this.scalarNodes.length;
    for (let i = 0; i < count; i++) this.scalarNodes.push(-1);
    return first;
  }

  /** The scalar slot of a row-invariant node (registered on first use; `bindScalars` evaluates it). */
  scalarOf(node: number): number {
    let s = this.nodeScalar.get(node);
    if (s === undefined) {
      s = this.scalarNodes.length;
      this.scalarNodes.push(node);
      this.nodeScalar.set(node, s);
    }
    return s;
  }

  emit(op: Op, d: number, a = 0, b = 0): void {
    if (op === Op.ExtInv) this.usesExtInv = true;
    this.code.push(op, d, a, b);
  }

  /** Keeps `v` alive to the end and lists its slot in `Program.outputs`. */
  output(v: number): void {
    this.outputs.push(v);
  }

  /**
   * Lowers the nodes `roots` need into instructions (each node once, in graph order) and returns
   * the operand of every root. Column leaves and selectors become inputs, row-invariant nodes
   * scalars, and every other node one instruction.
   */
  lower(graph: ExprGraph, roots: readonly number[]): Operand[] {
    const l = this.lowering(graph, roots);
    return roots.map((r) => l.operand(r));
  }

  /**
   * Lowers `roots` and makes each one an output, in order; a row-invariant root (a scalar) is
   * broadcast to a vector first, so every output has a value per row.
   */
  outputNodes(graph: ExprGraph, roots: readonly number[]): void {
    for (const o of this.lower(graph, roots)) {
      if (isVec(o)) this.output(o.vec);
      else {
        const v = this.vector();
        this.emit(Op.Splat, v, o.scalar);
        this.output(v);
      }
    }
  }

  /**
   * Declares the inputs of everything `roots` need and returns a lowering that emits nodes on
   * demand, in graph order up to the node asked for. Consumers that ask for their nodes in
   * increasing order and emit their own instructions in between (OR into the flags, α^k into the
   * accumulator) keep every value's live range short.
   */
  lowering(graph: ExprGraph, roots: readonly number[]): Lowering {
    const needed = new Uint8Array(graph.size);
    for (const r of roots) needed[r] = 1;
    for (let i = graph.size - 1; i >= 0; i--) {
      if (!needed[i]) continue;
      const k = graph.kind[i]!;
      if (k >= NodeKind.Add) {
        needed[graph.a[i]!] = 1;
        if (k !== NodeKind.Neg) needed[graph.b[i]!] = 1;
      }
    }
    // Inputs first (in node order), so their slots come first.
    for (let i = 0; i < graph.size; i++) {
      if (!needed[i]) continue;
      const k = graph.kind[i]!;
      const src = LEAF_SOURCE[k];
      if (src !== undefined) this.input(src, graph.a[i]!, graph.b[i]!);
      const sel = SELECTOR_OF[k];
      if (sel !== undefined) this.input(Source.Selector, sel, 0);
    }
    return new Lowering(this, graph, needed);
  }

  /** Allocates slots by liveness and resolves the code. */
  build(): Program {
    const count = this.code.length / 4;
    const nInputs = this.inputSpecs.length / 3;
    const live = new Int32Array(this.widths.length).fill(-1);
    const outputs = new Set(this.outputs);
    // Last instruction reading each value (−1: never read).
    for (let i = 0; i < count; i++) {
      const roles = ROLES[this.code[4 * i]!]!;
      for (let f = 0; f < 3; f++) {
        const r = roles[f]!;
        if (r === Role.Read || r === Role.Read3 || r === Role.Update || r === Role.Update3) live[this.code[4 * i + 1 + f]!] = i;
      }
    }
    const slotOf = new Int32Array(this.widths.length).fill(-1);
    for (let v = 0; v < nInputs; v++) slotOf[v] = v;
    const used: boolean[] = [];
    const alloc = (v: number): void => {
      const w = this.widths[v]!;
      let s = 0;
      for (;;) {
        let fits = true;
        for (let k = 0; k < w; k++) if (used[s + k]) { fits = false; s += k + 1; break; }
        if (fits) break;
      }
      for (let k = 0; k < w; k++) used[s + k] = true;
      slotOf[v] = nInputs + s;
    };
    const release = (v: number): void => {
      if (v < nInputs || outputs.has(v)) return;
      const s = slotOf[v]! - nInputs;
      for (let k = 0; k < this.widths[v]!; k++) used[s + k] = false;
    };
    const resolved = new Int32Array(this.code.length);
    for (let i = 0; i < count; i++) {
      const op = this.code[4 * i]! as Op;
      const roles = ROLES[op]!;
      const fields = [this.code[4 * i + 1]!, this.code[4 * i + 2]!, this.code[4 * i + 3]!];
      const dying: number[] = [];
      for (let f = 0; f < 3; f++) {
        const r = roles[f]!;
        if ((r === Role.Read || r === Role.Read3) && live[fields[f]!] === i && !dying.includes(fields[f]!)) dying.push(fields[f]!);
        if ((r === Role.Read || r === Role.Read3 || r === Role.Update || r === Role.Update3) && slotOf[fields[f]!]! < 0) {
          throw new Error(`ProgramBuilder: instruction ${i} reads value ${fields[f]} before it is defined`);
        }
      }
      const def = roles[0] === Role.Def || roles[0] === Role.Def3 ? fields[0]! : -1;
      if (def >= 0 && slotOf[def]! >= 0) throw new Error(`ProgramBuilder: value ${def} is defined twice`);
      if (IN_PLACE.has(op)) {
        for (const v of dying) release(v);
        if (def >= 0) alloc(def);
      } else {
        if (def >= 0) alloc(def);
        for (const v of dying) release(v);
      }
      resolved[4 * i] = op;
      for (let f = 0; f < 3; f++) {
        const r = roles[f]!;
        resolved[4 * i + 1 + f] = r === Role.None ? 0 : r === Role.Scalar || r === Role.Literal ? fields[f]! : slotOf[fields[f]!]!;
      }
      // A value defined and never read is dead at once.
      if (def >= 0 && live[def] === -1) release(def);
    }
    const registers = used.length;
    const scratchSlot = this.usesExtInv ? nInputs + registers : -1;
    return {
      code: resolved,
      inputs: Int32Array.from(this.inputSpecs),
      slotCount: nInputs + registers + (this.usesExtInv ? 2 : 0),
      scratchSlot,
      scalarCount: this.scalarNodes.length,
      outputs: Int32Array.from(this.outputs, (v) => slotOf[v]!),
    };
  }
}

/** Emits a graph's nodes on demand (see ProgramBuilder.lowering). */
export class Lowering {
  private readonly operands = new Map<number, Operand>();
  private next = 0;

  constructor(
    private readonly b: ProgramBuilder,
    private readonly graph: ExprGraph,
    private readonly needed: Uint8Array,
  ) {}

  /** The operand of `node` (a node the roots need), emitting every needed node up to it first. */
  operand(node: number): Operand {
    if (!this.needed[node]) throw new Error(`node ${node} was not among the lowering's roots`);
    const { graph, b, operands } = this;
    for (; this.next <= node; this.next++) {
      const i = this.next;
      if (!this.needed[i]) continue;
      const k = graph.kind[i]!;
      const src = LEAF_SOURCE[k];
      const sel = SELECTOR_OF[k];
      if (src !== undefined) operands.set(i, { vec: b.input(src, graph.a[i]!, graph.b[i]!) });
      else if (sel !== undefined) operands.set(i, { vec: b.input(Source.Selector, sel, 0) });
      else if (k < NodeKind.Add) operands.set(i, { scalar: b.scalarOf(i) });
      else {
        const x = operands.get(graph.a[i]!)!;
        const y = k === NodeKind.Neg ? x : operands.get(graph.b[i]!)!;
        if (!isVec(x) && !isVec(y)) {
          operands.set(i, { scalar: b.scalarOf(i) });
          continue;
        }
        const d = b.vector();
        operands.set(i, { vec: d });
        switch (k) {
          case NodeKind.Neg:
            b.emit(Op.Neg, d, (x as { vec: number }).vec);
            break;
          case NodeKind.Add:
          case NodeKind.Mul: {
            const vv = k === NodeKind.Add ? Op.Add : Op.Mul;
            const vs = k === NodeKind.Add ? Op.AddS : Op.MulS;
            if (isVec(x) && isVec(y)) b.emit(vv, d, x.vec, y.vec);
            else if (isVec(x)) b.emit(vs, d, x.vec, (y as { scalar: number }).scalar);
            else b.emit(vs, d, (y as { vec: number }).vec, x.scalar);
            break;
          }
          case NodeKind.Sub:
            if (isVec(x) && isVec(y)) b.emit(Op.Sub, d, x.vec, y.vec);
            else if (isVec(x)) b.emit(Op.SubS, d, x.vec, (y as { scalar: number }).scalar);
            else b.emit(Op.RsubS, d, (y as { vec: number }).vec, x.scalar);
            break;
          default:
            throw new Error(`unknown node kind ${k} at node ${i}`);
        }
      }
    }
    return operands.get(node)!;
  }
}

/** Values of the per-instance and global leaves (everything a scalar slot can read). */
export interface ScalarLeaves {
  readonly airValues?: readonly bigint[] | undefined;
  readonly challenges?: readonly bigint[] | undefined;
  readonly stage2Values?: readonly bigint[] | undefined;
}

function leafScalar(kind: NodeKind, index: number, leaves: ScalarLeaves, graph: ExprGraph, node: number): bigint {
  const list = kind === NodeKind.AirValue ? leaves.airValues : kind === NodeKind.Challenge ? leaves.challenges : leaves.stage2Values;
  if (kind === NodeKind.Const) return graph.constant[node]!;
  const v = list?.[index];
  if (v === undefined) throw new Error(`no value given for leaf ${index} of kind ${kind}`);
  return v;
}

/**
 * The scalar slots' values (u64 pairs): the graph's row-invariant nodes evaluated once, with BigInt;
 * slots the caller fills are left zero. Returns the values as bigints too, for callers that derive
 * more scalars from them.
 */
export function bindScalars(graph: ExprGraph, scalarNodes: readonly number[], leaves: ScalarLeaves): { words: Uint32Array; values: bigint[] } {
  const words = new Uint32Array(2 * scalarNodes.length);
  const values: bigint[] = new Array<bigint>(scalarNodes.length).fill(0n);
  const byNode = new Map<number, bigint>();
  const valueOf = (node: number): bigint => {
    const known = byNode.get(node);
    if (known !== undefined) return known;
    // Row-invariant nodes are only ever built from other row-invariant nodes; evaluate on demand.
    const k = graph.kind[node]!;
    let v: bigint;
    if (k < NodeKind.Add) v = leafScalar(k, graph.a[node]!, leaves, graph, node);
    else {
      const x = valueOf(graph.a[node]!);
      const y = k === NodeKind.Neg ? 0n : valueOf(graph.b[node]!);
      v = k === NodeKind.Add ? (x + y) % P : k === NodeKind.Sub ? (x - y + P) % P : k === NodeKind.Mul ? (x * y) % P : x === 0n ? 0n : P - x;
    }
    byNode.set(node, v);
    return v;
  };
  scalarNodes.forEach((node, s) => {
    if (node < 0) return;
    const v = valueOf(node);
    values[s] = v;
    setWords(words, s, v);
  });
  return { words, values };
}

/** Writes the canonical element v into slot s of a u64-pair array. */
export function setWords(words: Uint32Array, s: number, v: bigint): void {
  words[2 * s] = Number(v & 0xffffffffn);
  words[2 * s + 1] = Number(v >> 32n);
}

/**
 * Symbolic expressions over the columns of an AIR.
 *
 * An AIR's `eval` runs once, on a symbolic builder, and leaves a DAG of nodes in an `ExprGraph`.
 * Every consumer interprets that one DAG: the degree calculator, the debug checker on a trace, the
 * stage-2 (LogUp) witness builder, the prover on the extended domain and the verifier at the
 * out-of-domain point. No constraint is ever written twice.
 *
 * Nodes are stored in creation order, which is a topological order (children always exist before
 * their parents), so evaluators walk the arrays front to back. Identical nodes are shared
 * (hash-consing), so `x.mul(y)` written twice is evaluated once.
 */

/** Goldilocks modulus. */
export const P = 0xffffffff00000001n;

/** Node kinds. Leaves first, then operations. */
export const enum NodeKind {
  /** A base-field constant (`value`). */
  Const = 0,
  /** Stage-1 witness column `index`, at the current (`offset` 0) or next (`offset` 1) row. */
  Main = 1,
  /**
   * Fixed column `index`: depends only on the AIR and the height (a table, a row counter), so its
   * commitment is known to the verifier from the setup. Current or next row.
   */
  Fixed = 2,
  /**
   * Program column `index`: fixed for one program (the ROM table). Committed on its own; the root
   * is a public value of the proof (the program's identity). Current or next row.
   */
  Program = 3,
  /** Stage-2 column `index` (a base column: extension columns are three consecutive base columns). */
  Stage2 = 4,
  /** Per-instance value `index` set by the witness builder (base field). */
  AirValue = 5,
  /** Global challenge coefficient `index` (base component of an extension challenge). */
  Challenge = 6,
  /** Stage-2 per-instance value `index` (base component; the bus sum is three of them). */
  Stage2Value = 7,
  /** 1 on the first row, 0 elsewhere (the Lagrange polynomial of the first row). */
  IsFirstRow = 8,
  /** 1 on the last row, 0 elsewhere. */
  IsLastRow = 9,
  /**
   * Zero on the last row only, where "next row" wraps around to the first. On the extended domain it
   * is x − ω^(n−1), not a 0/1 value, so it may only multiply a constraint (`whenTransition`).
   */
  IsTransition = 10,
  Add = 11,
  Sub = 12,
  Mul = 13,
  Neg = 14,
}

export const NODE_KIND_NAMES: readonly string[] = [
  'const', 'main', 'fixed', 'program', 'stage2', 'airValue', 'challenge', 'stage2Value',
  'isFirstRow', 'isLastRow', 'isTransition', 'add', 'sub', 'mul', 'neg',
];

/** A value accepted wherever an expression is: an `Expr`, or an integer (taken mod p; may be negative). */
export type ExprLike = Expr | number | bigint;

/**
 * The node arena. `kind[i]`, `a[i]`, `b[i]` describe node i: for leaves `a` is the column / value
 * index and `b` the row offset; for operations `a` and `b` are child node ids. Constants keep their
 * value in `constant[i]`.
 */
export class ExprGraph {
  readonly kind: NodeKind[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly constant: bigint[] = [];
  /** Degree of each node as a multiple of the trace degree (columns and row selectors count 1). */
  readonly degree: number[] = [];
  private readonly interned = new Map<string, number>();

  get size(): number {
    return this.kind.length;
  }

  private node(kind: NodeKind, a: number, b: number, value: bigint, degree: number): number {
    const key = kind === NodeKind.Const ? `c${value}` : `${kind}:${a}:${b}`;
    const existing = this.interned.get(key);
    if (existing !== undefined) return existing;
    const id = this.kind.length;
    this.kind.push(kind);
    this.a.push(a);
    this.b.push(b);
    this.constant.push(value);
    this.degree.push(degree);
    this.interned.set(key, id);
    return id;
  }

  constant_(value: number | bigint): number {
    let v = BigInt(value) % P;
    if (v < 0n) v += P;
    return this.node(NodeKind.Const, 0, 0, v, 0);
  }

  leaf(kind: NodeKind, index = 0, offset: 0 | 1 = 0): number {
    const degree =
      kind === NodeKind.Main || kind === NodeKind.Fixed || kind === NodeKind.Program || kind === NodeKind.Stage2 ||
      kind === NodeKind.IsFirstRow || kind === NodeKind.IsLastRow
        ? 1
        : 0;
    return this.node(kind, index, offset, 0n, degree);
  }

  isConst(id: number, value?: bigint): boolean {
    return this.kind[id] === NodeKind.Const && (value === undefined || this.constant[id] === value);
  }

  add(x: number, y: number): number {
    if (this.isConst(x, 0n)) return y;
    if (this.isConst(y, 0n)) return x;
    if (this.isConst(x) && this.isConst(y)) return this.constant_(this.constant[x]! + this.constant[y]!);
    // Commutative: order the operands so that x+y and y+x are one node.
    const [l, r] = x <= y ? [x, y] : [y, x];
    return this.node(NodeKind.Add, l, r, 0n, Math.max(this.degree[l]!, this.degree[r]!));
  }

  sub(x: number, y: number): number {
    if (this.isConst(y, 0n)) return x;
    if (x === y) return this.constant_(0);
    if (this.isConst(x) && this.isConst(y)) return this.constant_(this.constant[x]! - this.constant[y]!);
    if (this.isConst(x, 0n)) return this.neg(y);
    return this.node(NodeKind.Sub, x, y, 0n, Math.max(this.degree[x]!, this.degree[y]!));
  }

  mul(x: number, y: number): number {
    if (this.isConst(x, 0n) || this.isConst(y, 0n)) return this.constant_(0);
    if (this.isConst(x, 1n)) return y;
    if (this.isConst(y, 1n)) return x;
    if (this.isConst(x) && this.isConst(y)) return this.constant_(this.constant[x]! * this.constant[y]!);
    const [l, r] = x <= y ? [x, y] : [y, x];
    return this.node(NodeKind.Mul, l, r, 0n, this.degree[l]! + this.degree[r]!);
  }

  neg(x: number): number {
    if (this.isConst(x)) return this.constant_(-this.constant[x]!);
    if (this.kind[x] === NodeKind.Neg) return this.a[x]!;
    return this.node(NodeKind.Neg, x, 0, 0n, this.degree[x]!);
  }

  /**
   * The kind of the first leaf below `roots` that varies with the row or the stage (a column, a
   * row selector, a challenge), or undefined when the roots depend on constants and air values only.
   */
  rowDependentLeaf(roots: readonly number[]): NodeKind | undefined {
    const seen = new Set<number>();
    const stack = [...roots];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const k = this.kind[id]!;
      if (k === NodeKind.Const || k === NodeKind.AirValue) continue;
      if (k === NodeKind.Add || k === NodeKind.Sub || k === NodeKind.Mul) stack.push(this.a[id]!, this.b[id]!);
      else if (k === NodeKind.Neg) stack.push(this.a[id]!);
      else return k;
    }
    return undefined;
  }

  /** A readable rendering of node `id`, for error messages. */
  render(id: number, names: (kind: NodeKind, index: number) => string, depth = 4): string {
    const k = this.kind[id]!;
    switch (k) {
      case NodeKind.Const: {
        const v = this.constant[id]!;
        return v > P / 2n ? `-${P - v}` : `${v}`;
      }
      case NodeKind.Main:
      case NodeKind.Fixed:
      case NodeKind.Program:
      case NodeKind.Stage2:
        return `${names(k, this.a[id]!)}${this.b[id] ? "'" : ''}`;
      case NodeKind.AirValue:
      case NodeKind.Challenge:
      case NodeKind.Stage2Value:
        return names(k, this.a[id]!);
      case NodeKind.IsFirstRow:
      case NodeKind.IsLastRow:
      case NodeKind.IsTransition:
        return NODE_KIND_NAMES[k]!;
      default:
        break;
    }
    if (depth === 0) return '…';
    const l = this.render(this.a[id]!, names, depth - 1);
    if (k === NodeKind.Neg) return `-(${l})`;
    const r = this.render(this.b[id]!, names, depth - 1);
    return `(${l} ${k === NodeKind.Add ? '+' : k === NodeKind.Sub ? '-' : '*'} ${r})`;
  }
}

/** A symbolic expression: a node of an `ExprGraph`, with arithmetic that builds new nodes. */
export class Expr {
  constructor(
    readonly graph: ExprGraph,
    readonly id: number,
  ) {}

  private lift(x: ExprLike): number {
    if (x instanceof Expr) {
      if (x.graph !== this.graph) throw new Error('expressions of two different AIRs cannot be combined');
      return x.id;
    }
    if (typeof x === 'number' && !Number.isSafeInteger(x)) {
      throw new RangeError(`constant ${x} is not a safe integer; pass a bigint`);
    }
    return this.graph.constant_(x);
  }

  add(x: ExprLike): Expr {
    return new Expr(this.graph, this.graph.add(this.id, this.lift(x)));
  }
  sub(x: ExprLike): Expr {
    return new Expr(this.graph, this.graph.sub(this.id, this.lift(x)));
  }
  mul(x: ExprLike): Expr {
    return new Expr(this.graph, this.graph.mul(this.id, this.lift(x)));
  }
  neg(): Expr {
    return new Expr(this.graph, this.graph.neg(this.id));
  }
  /** 1 − this: the complement of a boolean selector. */
  not(): Expr {
    return new Expr(this.graph, this.graph.sub(this.graph.constant_(1), this.id));
  }
  /** Degree as a multiple of the trace degree. */
  get degree(): number {
    return this.graph.degree[this.id]!;
  }
}

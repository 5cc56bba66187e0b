import { Expr, ExprGraph, NODE_KIND_NAMES, NodeKind, type ExprLike } from './expr.js';
import { compileLogup, type Interaction, type LogupLayout } from './logup.js';
import type { Matrix } from '../matrix/index.js';

/** Column groups are declared as `{ name: count }`; a count of 1 gives one column, more give an array. */
export type ColumnCounts = Readonly<Record<string, number>>;

/** The expressions of a column group: a single `Expr` for count-1 names, an array otherwise. */
export type Cols<S extends ColumnCounts> = { readonly [K in keyof S]: S[K] extends 1 ? Expr : readonly Expr[] };

/** Column indices of a group: a number for count-1 names, an array of numbers otherwise. */
export type Layout<S extends ColumnCounts> = { readonly [K in keyof S]: S[K] extends 1 ? number : readonly number[] };

/** Where constraints are sent; `AirBuilder` is one, `when(selector)` gives a scoped one. */
export interface ConstraintSink {
  /** expr = 0 on every row (within the scope's selector). `label` names it in failure reports. */
  assertZero(label: string, expr: ExprLike): void;
  /** x = y. */
  assertEq(label: string, x: ExprLike, y: ExprLike): void;
  /** x ∈ {0, 1}. */
  assertBool(label: string, x: ExprLike): void;
}

export interface AirSpec<C extends ColumnCounts, F extends ColumnCounts, G extends ColumnCounts, V extends ColumnCounts> {
  /** The AIR's name in reports and proofs. Unique in a system. */
  readonly name: string;
  /** Stage-1 witness columns. */
  readonly columns: C;
  /** Fixed columns (depend only on the AIR and the height), filled by `fixedValues`. */
  readonly fixed?: F;
  /** Program columns (fixed for one program; their commitment is a public value). */
  readonly program?: G;
  /** Per-instance values the witness builder sets (segment numbers, boundary values, …). */
  readonly airValues?: V;
  /** The constraints and bus interactions, written once. */
  eval(b: AirBuilder<C, F, G, V>): void;
  /**
   * Fills the fixed columns for a trace of 2^logRows rows. `m` has one column per fixed column, in
   * declaration order; `layout` gives their indices.
   */
  fixedValues?(logRows: number, m: Matrix, layout: Layout<F>): void;
  /** A table AIR has one height; other AIRs take theirs from the plan. */
  readonly logRows?: number;
  /**
   * The tallest instance the AIR's soundness argument allows (e.g. a memory ordering whose
   * increments must not wrap around the field). Provers and verifiers refuse taller instances.
   */
  readonly maxLogRows?: number;
  /** The highest constraint degree the author intends; checked against the symbolic degree. */
  readonly degree?: number;
}

/** One constraint: `node` must vanish on every row. */
export interface Constraint {
  readonly label: string;
  readonly node: number;
  readonly degree: number;
  /** 1: over stage-1, fixed and program columns only; 2: involves stage-2 columns or challenges. */
  readonly stage: 1 | 2;
}

/** Number of base-field challenge coefficients: α (3) and γ (3), both extension elements. */
export const CHALLENGE_COUNT = 6;
/** Number of stage-2 values: the bus sum, an extension element. */
export const STAGE2_VALUE_COUNT = 3;

function layoutOf<S extends ColumnCounts>(spec: S | undefined, first = 0): { layout: Layout<S>; width: number; names: string[] } {
  const layout: Record<string, number | number[]> = {};
  const names: string[] = [];
  let next = first;
  for (const [name, count] of Object.entries(spec ?? {})) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`column group '${name}' has count ${count}; expected an integer ≥ 1`);
    if (count === 1) {
      layout[name] = next++;
      names.push(name);
    } else {
      const idx: number[] = [];
      for (let i = 0; i < count; i++) {
        idx.push(next++);
        names.push(`${name}[${i}]`);
      }
      layout[name] = idx;
    }
  }
  return { layout: layout as Layout<S>, width: next - first, names };
}

function exprsOf<S extends ColumnCounts>(graph: ExprGraph, layout: Layout<S>, kind: NodeKind, offset: 0 | 1): Cols<S> {
  const out: Record<string, Expr | Expr[]> = {};
  for (const [name, idx] of Object.entries(layout as Record<string, number | number[]>)) {
    out[name] = typeof idx === 'number'
      ? new Expr(graph, graph.leaf(kind, idx, offset))
      : idx.map((i) => new Expr(graph, graph.leaf(kind, i, offset)));
  }
  return out as Cols<S>;
}

class ScopedSink implements ConstraintSink {
  constructor(
    private readonly target: AirBuilder<ColumnCounts, ColumnCounts, ColumnCounts, ColumnCounts>,
    private readonly selector: Expr,
  ) {}
  assertZero(label: string, expr: ExprLike): void {
    this.target.assertZero(label, this.selector.mul(expr));
  }
  assertEq(label: string, x: ExprLike, y: ExprLike): void {
    this.assertZero(label, this.target.constant(x).sub(y));
  }
  assertBool(label: string, x: ExprLike): void {
    const e = this.target.constant(x);
    this.assertZero(label, e.mul(e.sub(1)));
  }
}

/**
 * What `eval` sees: the columns at the current and next row, per-instance values, row selectors,
 * constraint methods and bus interactions. Runs once per AIR, symbolically.
 */
export class AirBuilder<C extends ColumnCounts, F extends ColumnCounts, G extends ColumnCounts, V extends ColumnCounts>
  implements ConstraintSink
{
  readonly main: Cols<C>;
  readonly next: Cols<C>;
  readonly fixed: Cols<F>;
  readonly fixedNext: Cols<F>;
  readonly program: Cols<G>;
  readonly programNext: Cols<G>;
  readonly airValues: Cols<V>;
  /** 1 on the first row, 0 elsewhere. Usable anywhere, e.g. as the multiplicity of a per-instance bus message. */
  readonly isFirstRow: Expr;
  /** 1 on the last row, 0 elsewhere. */
  readonly isLastRow: Expr;
  readonly constraints: Constraint[] = [];
  readonly interactions: Interaction[] = [];
  readonly directInteractions: Interaction[] = [];

  constructor(
    readonly graph: ExprGraph,
    layouts: { main: Layout<C>; fixed: Layout<F>; program: Layout<G>; airValues: Layout<V> },
  ) {
    this.main = exprsOf(graph, layouts.main, NodeKind.Main, 0);
    this.next = exprsOf(graph, layouts.main, NodeKind.Main, 1);
    this.fixed = exprsOf(graph, layouts.fixed, NodeKind.Fixed, 0);
    this.fixedNext = exprsOf(graph, layouts.fixed, NodeKind.Fixed, 1);
    this.program = exprsOf(graph, layouts.program, NodeKind.Program, 0);
    this.programNext = exprsOf(graph, layouts.program, NodeKind.Program, 1);
    this.airValues = exprsOf(graph, layouts.airValues, NodeKind.AirValue, 0);
    this.isFirstRow = new Expr(graph, graph.leaf(NodeKind.IsFirstRow));
    this.isLastRow = new Expr(graph, graph.leaf(NodeKind.IsLastRow));
  }

  /** An expression for a constant (or the expression itself). */
  constant(x: ExprLike): Expr {
    return x instanceof Expr ? x : new Expr(this.graph, this.graph.constant_(x));
  }

  assertZero(label: string, expr: ExprLike): void {
    const e = this.constant(expr);
    if (this.graph.isConst(e.id, 0n)) return;
    if (this.graph.isConst(e.id)) throw new Error(`constraint '${label}' is a non-zero constant: it can never hold`);
    this.constraints.push({ label, node: e.id, degree: e.degree, stage: 1 });
  }

  assertEq(label: string, x: ExprLike, y: ExprLike): void {
    this.assertZero(label, this.constant(x).sub(y));
  }

  assertBool(label: string, x: ExprLike): void {
    const e = this.constant(x);
    this.assertZero(label, e.mul(e.sub(1)));
  }

  /** Constraints that hold where `selector` ≠ 0 (they are multiplied by it). */
  when(selector: ExprLike): ConstraintSink {
    return new ScopedSink(this as never, this.constant(selector));
  }

  /** Constraints on the first row only. */
  whenFirstRow(): ConstraintSink {
    return this.when(this.isFirstRow);
  }

  /** Constraints on the last row only. */
  whenLastRow(): ConstraintSink {
    return this.when(this.isLastRow);
  }

  /** Constraints between every row and the next, except from the last row to the first. */
  whenTransition(): ConstraintSink {
    return this.when(new Expr(this.graph, this.graph.leaf(NodeKind.IsTransition)));
  }

  private interact(kind: Interaction['kind'], label: string, bus: number, values: readonly ExprLike[], multiplicity: ExprLike, sign: 1 | -1): void {
    if (!Number.isSafeInteger(bus) || bus < 0) throw new RangeError(`bus id must be a non-negative integer, got ${bus}`);
    if (values.length === 0) throw new RangeError(`interaction '${label}' sends no values`);
    const m = this.constant(multiplicity);
    this.interactions.push({
      label,
      bus,
      kind,
      values: values.map((v) => this.constant(v).id),
      multiplicity: (sign === 1 ? m : m.neg()).id,
    });
  }

  /** Provides `values` on lookup bus `bus`, `multiplicity` times (a table row, an operation proved here). */
  lookupProves(label: string, bus: number, values: readonly ExprLike[], multiplicity: ExprLike = 1): void {
    this.interact('lookup', label, bus, values, multiplicity, 1);
  }

  /** Consumes `values` from lookup bus `bus`, `multiplicity` times (an operation this AIR relies on). */
  lookupAssumes(label: string, bus: number, values: readonly ExprLike[], multiplicity: ExprLike = 1): void {
    this.interact('lookup', label, bus, values, multiplicity, -1);
  }

  /**
   * Provides `values` on bus `bus` once per instance rather than once per row (ZisK's direct
   * updates): values and multiplicity may use air values and constants only. They cost no stage-2
   * column: the verifier computes the term from the instance's air values, which the transcript
   * holds before the bus challenges are drawn (`directBusTerms`).
   */
  directProves(label: string, bus: number, values: readonly ExprLike[], multiplicity: ExprLike = 1): void {
    this.direct(label, bus, values, multiplicity, 1);
  }

  /** Consumes `values` from bus `bus` once per instance (see `directProves`). */
  directAssumes(label: string, bus: number, values: readonly ExprLike[], multiplicity: ExprLike = 1): void {
    this.direct(label, bus, values, multiplicity, -1);
  }

  private direct(label: string, bus: number, values: readonly ExprLike[], multiplicity: ExprLike, sign: 1 | -1): void {
    if (!Number.isSafeInteger(bus) || bus < 0) throw new RangeError(`bus id must be a non-negative integer, got ${bus}`);
    if (values.length === 0) throw new RangeError(`interaction '${label}' sends no values`);
    const m = this.constant(multiplicity);
    const ids = values.map((v) => this.constant(v).id);
    const bad = this.graph.rowDependentLeaf([...ids, m.id]);
    if (bad !== undefined) {
      throw new Error(`direct interaction '${label}' depends on a ${NODE_KIND_NAMES[bad]} leaf: only air values and constants are allowed`);
    }
    this.directInteractions.push({ label, bus, kind: 'direct', values: ids, multiplicity: (sign === 1 ? m : m.neg()).id });
  }

  /** Provides `values` on permutation bus `bus` where `selector` (0 or 1) is set. */
  permutationProves(label: string, bus: number, values: readonly ExprLike[], selector: ExprLike = 1): void {
    this.interact('permutation', label, bus, values, selector, 1);
  }

  /** Consumes `values` from permutation bus `bus` where `selector` (0 or 1) is set. */
  permutationAssumes(label: string, bus: number, values: readonly ExprLike[], selector: ExprLike = 1): void {
    this.interact('permutation', label, bus, values, selector, -1);
  }
}

/** The maximum constraint degree every AIR must respect: with a blowup of 2, quotients of degree-3 constraints fit the extended domain. */
export const DEFAULT_MAX_DEGREE = 3;

/**
 * A compiled AIR: column layouts, the expression graph, its constraints (stage 1 and the LogUp
 * stage-2 constraints) and its bus interactions.
 */
export class Air<C extends ColumnCounts = ColumnCounts, F extends ColumnCounts = ColumnCounts, G extends ColumnCounts = ColumnCounts, V extends ColumnCounts = ColumnCounts> {
  readonly name: string;
  /** Stage-1 column indices by name. */
  readonly cols: Layout<C>;
  readonly fixedCols: Layout<F>;
  readonly programCols: Layout<G>;
  readonly airValueIndex: Layout<V>;
  readonly width: number;
  readonly fixedWidth: number;
  readonly programWidth: number;
  readonly airValueCount: number;
  readonly graph: ExprGraph;
  /** Stage-1 constraints, then the LogUp constraints (stage 2). */
  readonly constraints: readonly Constraint[];
  readonly interactions: readonly Interaction[];
  /** Interactions sent once per instance, from air values (`directProves`/`directAssumes`). */
  readonly directInteractions: readonly Interaction[];
  readonly logup: LogupLayout;
  /** Highest degree over all constraints. */
  readonly degree: number;
  readonly logRows: number | undefined;
  readonly maxLogRows: number | undefined;
  readonly maxDegree: number;
  /**
   * Nodes created by `eval` itself: everything stage-1 constraints and interaction values need.
   * Later nodes belong to the LogUp constraints (stage 2).
   */
  readonly evalNodeCount: number;
  private readonly names: { main: string[]; fixed: string[]; program: string[]; airValues: string[] };
  private readonly fill: AirSpec<C, F, G, V>['fixedValues'];

  constructor(spec: AirSpec<C, F, G, V>, maxDegree = DEFAULT_MAX_DEGREE) {
    this.name = spec.name;
    this.maxDegree = maxDegree;
    const main = layoutOf(spec.columns);
    const fixed = layoutOf(spec.fixed as F | undefined);
    const program = layoutOf(spec.program as G | undefined);
    const airValues = layoutOf(spec.airValues as V | undefined);
    this.cols = main.layout;
    this.fixedCols = fixed.layout;
    this.programCols = program.layout;
    this.airValueIndex = airValues.layout;
    this.width = main.width;
    this.fixedWidth = fixed.width;
    this.programWidth = program.width;
    this.airValueCount = airValues.width;
    this.names = { main: main.names, fixed: fixed.names, program: program.names, airValues: airValues.names };
    this.logRows = spec.logRows;
    this.maxLogRows = spec.maxLogRows;
    this.fill = spec.fixedValues;
    if (this.fixedWidth > 0 && !spec.fixedValues) throw new Error(`AIR ${this.name} declares fixed columns but no fixedValues`);

    this.graph = new ExprGraph();
    const b = new AirBuilder<C, F, G, V>(this.graph, {
      main: main.layout,
      fixed: fixed.layout,
      program: program.layout,
      airValues: airValues.layout,
    });
    spec.eval(b);
    this.evalNodeCount = this.graph.size;
    this.interactions = b.interactions;
    this.directInteractions = b.directInteractions;
    this.logup = compileLogup(this.graph, b.interactions, maxDegree, this.name);
    this.constraints = [...b.constraints, ...this.logup.constraints];
    this.degree = this.constraints.reduce((d, c) => Math.max(d, c.degree), 0);
    for (const c of this.constraints) {
      if (c.degree > maxDegree) {
        throw new Error(`AIR ${this.name}: constraint '${c.label}' has degree ${c.degree}, above the maximum ${maxDegree}`);
      }
    }
    if (spec.degree !== undefined && spec.degree !== this.degree) {
      throw new Error(`AIR ${this.name} declares degree ${spec.degree} but its constraints have degree ${this.degree}`);
    }
  }

  /** Number of stage-2 base columns (LogUp helper and accumulator columns, three per extension column). */
  get stage2Width(): number {
    return this.logup.stage2Width;
  }

  /** Human-readable name of a leaf for reports: `a[3]`, `fixed STEP`, `airValue segment`. */
  leafName = (kind: NodeKind, index: number): string => {
    switch (kind) {
      case NodeKind.Main: return this.names.main[index] ?? `main#${index}`;
      case NodeKind.Fixed: return `fixed ${this.names.fixed[index] ?? index}`;
      case NodeKind.Program: return `program ${this.names.program[index] ?? index}`;
      case NodeKind.Stage2: return this.logup.columnNames[index] ?? `stage2#${index}`;
      case NodeKind.AirValue: return `airValue ${this.names.airValues[index] ?? index}`;
      case NodeKind.Challenge: return ['α0', 'α1', 'α2', 'γ0', 'γ1', 'γ2'][index] ?? `challenge#${index}`;
      case NodeKind.Stage2Value: return `busSum${index}`;
      default: return `leaf#${index}`;
    }
  };

  /** Name of stage-1 column `index`. */
  columnName(index: number): string {
    return this.names.main[index] ?? `main#${index}`;
  }

  /** Name of per-instance value `index`. */
  airValueName(index: number): string {
    return this.names.airValues[index] ?? `airValue#${index}`;
  }

  /** A readable rendering of a node for failure reports. */
  render(node: number): string {
    return this.graph.render(node, this.leafName);
  }

  /** The fixed columns for 2^logRows rows, or undefined when the AIR has none. */
  fixedValues(logRows: number, make: (width: number, height: number) => Matrix): Matrix | undefined {
    if (this.fixedWidth === 0 || !this.fill) return undefined;
    const m = make(this.fixedWidth, 2 ** logRows);
    this.fill(logRows, m, this.fixedCols);
    return m;
  }
}

/**
 * Declares an AIR. The column groups' names become typed fields of the builder (`b.main.a`,
 * `b.next.bytes[3]`) and of the layouts (`air.cols.a` is a column index for witness builders).
 */
export function defineAir<
  const C extends ColumnCounts,
  const F extends ColumnCounts = Record<never, number>,
  const G extends ColumnCounts = Record<never, number>,
  const V extends ColumnCounts = Record<never, number>,
>(spec: AirSpec<C, F, G, V>): Air<C, F, G, V> {
  return new Air(spec);
}

/**
 * The compiled evaluator in its plainest form: the values of chosen nodes of an expression graph on
 * every row of a domain. The reference it is tested against is air's `evaluateGraph` with
 * `bigintAlgebra`, one row at a time.
 */
import type { ExprGraph } from '../air/index.js';
import type { Matrix } from '../matrix/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { ProgramBuilder, bindScalars, type Program, type ScalarLeaves } from './program.js';
import { chooseLogBlockRows, type EvalJob, type MatrixData } from './engine.js';
import { domainRows, type DomainSpec } from './domain.js';
import { WRITE_BLOCKS } from './tasks.js';
import { blockRanges, outputMatrix, runRanges, shareable } from './run.js';

/** The matrices a graph's column leaves read, on the evaluation domain (heights = domain rows). */
export interface LeafColumns {
  readonly main?: Matrix | undefined;
  readonly fixed?: Matrix | undefined;
  readonly program?: Matrix | undefined;
  readonly stage2?: Matrix | undefined;
}

export interface EvaluateOptions {
  readonly pool?: WorkerPool | undefined;
  /** log2 of the rows per block (default: chosen from the program's size); for tests and tuning. */
  readonly logBlockRows?: number | undefined;
}

/** The job fields shared by every use: sources by Source index, block size. */
export function baseJob(
  program: Program,
  scalars: Uint32Array,
  domain: DomainSpec,
  columns: LeafColumns,
  pool: WorkerPool | undefined,
  logBlockRows?: number,
  zhInvScalar = -1,
): EvalJob {
  const data = (m: Matrix | undefined): MatrixData | null => {
    if (!m) return null;
    const s = shareable(m, pool);
    return { data: s.data, width: s.width, height: s.height };
  };
  const used = new Set<number>();
  for (let i = 0; i < program.inputs.length; i += 3) used.add(program.inputs[i]!);
  const pick = (src: number, m: Matrix | undefined) => (used.has(src) ? data(m) : null);
  return {
    program,
    scalars,
    logBlockRows: logBlockRows ?? chooseLogBlockRows(program.slotCount, domain.logRows),
    domain,
    sources: [pick(0, columns.main), pick(1, columns.fixed), pick(2, columns.program), pick(3, columns.stage2)],
    zhInvScalar,
  };
}

/**
 * The values of `nodes` on every row of `domain` (trace domain or extended domain, see domain.ts):
 * one column per node. Leaves read `columns` (current and next rows) and `values`.
 */
export async function evaluateNodes(
  graph: ExprGraph,
  nodes: readonly number[],
  domain: DomainSpec,
  columns: LeafColumns,
  values: ScalarLeaves,
  options: EvaluateOptions = {},
): Promise<Matrix> {
  for (const n of nodes) if (!Number.isInteger(n) || n < 0 || n >= graph.size) throw new RangeError(`nodes: ${n} is not a node of the graph (size ${graph.size})`);
  const b = new ProgramBuilder();
  b.outputNodes(graph, nodes);
  const program = b.build();
  const { words } = bindScalars(graph, b.scalarNodes, values);
  const rows = domainRows(domain);
  const job = baseJob(program, words, domain, columns, options.pool, options.logBlockRows);
  const out = outputMatrix(nodes.length, rows);
  const blocks = rows >> job.logBlockRows;
  await runRanges(options.pool, WRITE_BLOCKS, {
    ...job,
    out: out.data,
    outHeight: rows,
    columns: Int32Array.from(nodes, (_, k) => k),
    widths: new Int32Array(nodes.length).fill(1),
  }, blockRanges(blocks, options.pool));
  return out;
}

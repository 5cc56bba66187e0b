import type { Air } from '../air/index.js';

/**
 * Multiplicities of table rows, gathered while instances build their witnesses: an instance that
 * looks a value up in a table adds one to that table row. Tables are built from them last.
 *
 * Counts are kept as float64 (exact up to 2^53) so no realistic execution overflows them. Instances
 * built in different threads or machines each fill their own and the results are added (`merge`).
 */
export class TableMultiplicities {
  private readonly counts = new Map<string, Float64Array>();

  /** The counts of `table` (one per row), created zeroed on first use. */
  of(table: Air, rows: number): Float64Array {
    let c = this.counts.get(table.name);
    if (!c) {
      c = new Float64Array(rows);
      this.counts.set(table.name, c);
    } else if (c.length !== rows) {
      throw new Error(`table ${table.name} has ${c.length} rows here, ${rows} requested`);
    }
    return c;
  }

  /** The counts of `table` if anything was looked up in it. */
  get(table: Air): Float64Array | undefined {
    return this.counts.get(table.name);
  }

  /** Adds another set of multiplicities (from another thread or machine) into this one. */
  merge(other: TableMultiplicities | ReadonlyMap<string, Float64Array>): void {
    const entries = other instanceof TableMultiplicities ? other.counts : other;
    for (const [name, c] of entries) {
      const mine = this.counts.get(name);
      if (!mine) {
        this.counts.set(name, Float64Array.from(c));
        continue;
      }
      if (mine.length !== c.length) throw new Error(`table ${name}: cannot merge ${c.length} rows into ${mine.length}`);
      for (let i = 0; i < c.length; i++) mine[i]! += c[i]!;
    }
  }

  /** Plain data for structured cloning (workers, job queues). */
  toMap(): ReadonlyMap<string, Float64Array> {
    return this.counts;
  }
}

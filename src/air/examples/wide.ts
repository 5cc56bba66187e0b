import { Air, defineAir } from '../define.js';
import { Matrix } from '../../matrix/index.js';
import { P } from '../expr.js';

/**
 * A wide AIR of degree 3: `width` columns x_i with x_i' = x_i · x_{i+1} · x_{i+2} + i (indices mod
 * width) on every transition. Stresses constraint evaluation and commitment of many columns.
 */
export function wideAir(width: number): Air {
  if (width < 3) throw new RangeError(`wideAir needs at least 3 columns, got ${width}`);
  return defineAir({
    name: `Wide${width}`,
    columns: { x: width },
    degree: 3,
    eval(b) {
      const x = b.main.x;
      const xn = b.next.x;
      for (let i = 0; i < width; i++) {
        const prod = x[i]!.mul(x[(i + 1) % width]!).mul(x[(i + 2) % width]!);
        b.whenTransition().assertEq(`x${i}' = x${i}·x${(i + 1) % width}·x${(i + 2) % width} + ${i}`, xn[i]!, prod.add(i));
      }
    },
  }) as unknown as Air;
}

/** An honest instance from a seeded first row. */
export function wideInstance(air: Air, logRows: number, seed = 1) {
  const width = air.width;
  const n = 2 ** logRows;
  const trace = new Matrix(width, n);
  let s = BigInt(seed);
  let row: bigint[] = [];
  for (let i = 0; i < width; i++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
    row.push(s % P);
  }
  for (let r = 0; r < n; r++) {
    row.forEach((v, i) => trace.set(r, i, v));
    row = row.map((_, i) => (row[i]! * row[(i + 1) % width]! % P * row[(i + 2) % width]! + BigInt(i)) % P);
  }
  return { air, trace };
}

import type { Matrix } from '../matrix/index.js';
import type { Air } from './define.js';

/** An AIR with the stage-1 data of one instance: what the debug checker and the prover take. */
export interface AirInstance {
  readonly air: Air;
  /** Stage-1 witness, `air.width` columns, a power-of-two number of rows. */
  readonly trace: Matrix;
  /** Fixed columns for this height (`air.fixedWidth` columns), when the AIR has any. */
  readonly fixed?: Matrix | undefined;
  /** Program columns (`air.programWidth` columns), when the AIR has any. */
  readonly program?: Matrix | undefined;
  /** Per-instance values, `air.airValueCount` canonical elements. */
  readonly airValues?: readonly bigint[] | undefined;
  /** How reports name this instance, e.g. `Main #3`. Defaults to the AIR's name. */
  readonly label?: string | undefined;
}

/** Checks that an instance's matrices have the shapes its AIR declares; throws naming the mismatch. */
export function checkShape(inst: AirInstance): void {
  const { air, trace } = inst;
  const name = inst.label ?? air.name;
  const n = trace.height;
  if (n === 0 || (n & (n - 1)) !== 0) throw new Error(`${name}: trace height ${n} is not a power of two`);
  if (air.logRows !== undefined && n !== 2 ** air.logRows) throw new Error(`${name}: table AIR has 2^${air.logRows} rows, trace has ${n}`);
  if (trace.width !== air.width) throw new Error(`${name}: trace has ${trace.width} columns, AIR declares ${air.width}`);
  const fw = inst.fixed?.width ?? 0;
  if (fw !== air.fixedWidth) throw new Error(`${name}: ${fw} fixed columns given, AIR declares ${air.fixedWidth}`);
  if (inst.fixed && inst.fixed.height !== n) throw new Error(`${name}: fixed columns have ${inst.fixed.height} rows, trace ${n}`);
  const pw = inst.program?.width ?? 0;
  if (pw !== air.programWidth) throw new Error(`${name}: ${pw} program columns given, AIR declares ${air.programWidth}`);
  if (inst.program && inst.program.height !== n) throw new Error(`${name}: program columns have ${inst.program.height} rows, trace ${n}`);
  const av = inst.airValues?.length ?? 0;
  if (av !== air.airValueCount) throw new Error(`${name}: ${av} air values given, AIR declares ${air.airValueCount}`);
}

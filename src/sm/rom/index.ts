/**
 * The Rom state machine: one table instance holding the program, with per-instruction execution
 * counts that Main reports while building its rows (`romMultiplicities`).
 */
import type { ComponentBuilder, TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import type { ZiskRom } from '../../zisk/index.js';
import { romAir } from './air.js';
import { romLine, ROM_LINE_WIDTH } from './line.js';

export { romAir } from './air.js';
export { romLine, signedToField, ROM_LINE_WIDTH } from './line.js';

/** Smallest Rom height, so tiny programs still make a well-formed table. */
const MIN_LOG_ROWS = 2;

/** Rows (log2) of the Rom table for a program. */
export function romLogRows(rom: ZiskRom): number {
  return Math.max(MIN_LOG_ROWS, Math.ceil(Math.log2(rom.insts.length)));
}

/** The counts Main adds to: one per Main row, indexed like rom.insts. */
export function romMultiplicities(tables: TableMultiplicities, rom: ZiskRom): Float64Array {
  return tables.of(romAir, rom.insts.length);
}

/** The program columns of a ROM: one row per instruction, zero padding. */
export function romProgramColumns(rom: ZiskRom): Matrix {
  const n = 2 ** romLogRows(rom);
  const m = new Matrix(ROM_LINE_WIDTH, n);
  rom.insts.forEach((inst, r) => romLine(inst).forEach((v, j) => m.set(r, j, v)));
  return m;
}

export const romComponent: ComponentBuilder<never, null> = {
  name: 'rom',
  airs: [romAir],
  plan(_counts, ctx) {
    return [{ air: romAir, segment: 0, instanceType: 'table', checkPoint: { kind: 'none' }, logRows: romLogRows(ctx.rom), meta: null }];
  },
  buildInstance({ plan }) {
    return {
      instanceType: 'table',
      checkPoint: () => plan.checkPoint,
      buildInputsCollector: () => undefined,
      computeWitness({ rom, tables }) {
        const program = romProgramColumns(rom);
        const trace = new Matrix(1, program.height);
        const counts = tables.get(romAir);
        if (counts) counts.forEach((c, r) => trace.set(r, 0, BigInt(c)));
        return { air: romAir, trace, program, label: 'Rom' };
      },
      debug: () => `Rom: 2^${plan.logRows} rows`,
      reset() {},
    };
  },
};

/**
 * The Main state machine (ZisK's main.pil): one row per step. See air.ts for the AIR and its
 * register design, instance.ts for the witness, planner.ts for segments, global.ts for the terms
 * the verifier adds.
 *
 * Cost per row: 41 witness columns, 14 bus interactions in 9 LogUp groups (30 stage-2 columns:
 * the operation, b-read and c-write messages have degree 2 and stand alone; the ROM lookup, the
 * a read, the three register "previous access" proofs and the six range checks pair up); degree 3.
 * Per instance: 126 direct terms (continuation, 31 register reloads and their range checks).
 *
 * Where it differs from ZisK, and why:
 * - Time is `first_step + row`, with `row` a witness counter and `first_step` an air value carried
 *   by the continuation bus (its message gains a sixth value, first_step), instead of
 *   `segment·N + SEGMENT_STEP` with a fixed column: our AIRs do not know their height, fixed columns
 *   of non-table AIRs complicate the setup, and carrying the step keeps the steps of all segments
 *   consistent even if instances had different heights.
 * - Register links are range-checked as a 16-bit and an 8-bit part (ZisK: one 24-bit range check)
 *   because the shared range table has 2^16 rows; hence three high-byte columns.
 * - Per-instance messages (continuation, register reloads and their range checks) are direct bus
 *   terms, as ZisK's direct updates: they cost no stage-2 column.
 * - No `addr1` column: the b address is an expression. The b message is degree 2 anyway (its byte
 *   count is), so a column would not let the LogUp grouping pair it.
 * - No range check of the segment number: the continuation chain starts at the global boot term
 *   and every segment proves the next number, so segments are exactly 0, 1, …, k − 1.
 * - Internal ops other than flag and copyb (halt, the free-input calls) are refused by the witness
 *   builder, as ZisK's constraints cannot prove them either (both set flag and clear it).
 */
import type { ComponentBuilder } from '../../executor/index.js';
import { mainAir } from './air.js';
import { mainGlobalTerms } from './global.js';
import { MainInstance, type MainMeta } from './instance.js';
import { planMain } from './planner.js';

export { mainAir, MEM_OP_REG, MAIN_REGS, MAX_LOG_ROWS } from './air.js';
export { mainGlobalTerms, PUBLIC_WORDS } from './global.js';
export { MainInstance, type MainMeta } from './instance.js';
export { planMain } from './planner.js';

/** Rows (log2) of a Main instance by default: one chunk of the default 2^18 steps (ZisK: 2^22 rows, 16 chunks). */
export const MAIN_DEFAULT_LOG_ROWS = 18;

export const mainComponent: ComponentBuilder<never, MainMeta> = {
  name: 'main',
  airs: [mainAir],
  defaultLogRows: { [mainAir.name]: MAIN_DEFAULT_LOG_ROWS },
  plan: (_counts, ctx) => planMain(ctx),
  buildInstance: ({ plan }) => new MainInstance(plan),
  globalTerms: mainGlobalTerms,
};

/**
 * The constraint evaluation engine: an AIR's expression graph compiled once into a register program
 * and run by a WebAssembly kernel (src/wasm/assembly/constraints.ts) over blocks of rows. Its uses:
 *
 * - `checkConstraints`: the debug checker on the trace domain (stage-1 constraints), reporting
 *   exactly what air's `checkConstraintsReference` reports;
 * - `buildStage2`: the LogUp helper and accumulator columns and the bus sum;
 * - `evaluateQuotient`: Q = Σ_k α^k·C_k / Z_H on the extended domain, bit-reversed (docs/stark.md);
 * - `checkBusBalance`: per-bus LogUp sums, then the exact multiset for the failing buses only;
 * - `evaluateNodes`: any nodes of a graph on a domain (the plain form the others are built on).
 *
 * How it works (program.ts, engine.ts, domain.ts):
 * - Compilation: nodes that depend on no row (constants, air values, challenges, the bus sum and
 *   every operation over those; plus γ powers, α^k, α + bus …) become scalar slots, computed once
 *   per call with BigInt. Column leaves (current or next row) and selectors become input slots.
 *   Every other node is one instruction over whole blocks. Registers are allocated by liveness,
 *   and consumers (OR into the check flags, α^k into the quotient accumulator) are emitted right
 *   after the node they read, so few registers are live at once. Common factors are taken out
 *   first (factor.ts): a multiplier shared by many constraints is applied once. The quotient sums
 *   α^k·C_k in lazily reduced accumulators (32-bit pieces by weight, one reduction per block).
 * - Execution: per block of B ≤ min(n, 2^10) rows, the input columns' rows are copied into kernel
 *   memory (one contiguous copy per column and offset; on the extended domain the next rows of a
 *   block are contiguous too, except in one block out of n/B), the selectors are set (0/1 on the
 *   trace domain; Lagrange and vanishing formulas on D with one batch inversion per block), and
 *   the kernel runs the instructions one after the other, each as a SIMD loop over the block.
 * - Parallelism: work is cut into block ranges whose results land in fixed places, so outputs never
 *   depend on the number of workers; jobs carry the compiled program and SharedArrayBuffer views of
 *   the matrices, never the Air.
 */
export { evaluateNodes, type LeafColumns, type EvaluateOptions } from './evaluate.js';
export { checkConstraints } from './check.js';
export { buildStage2 } from './stage2.js';
export { evaluateQuotient, type QuotientInput } from './quotient.js';
export { checkBusBalance, type BusBalanceOptions } from './bus-balance.js';
export { traceDomain, ldeDomain, type DomainSpec } from './domain.js';
export type { ScalarLeaves } from './program.js';

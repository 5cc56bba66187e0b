/**
 * The constraint evaluation engine: an AIR's expression graph compiled once into a register program
 * and run by a WebAssembly kernel over blocks of rows — the debug checker, the LogUp stage-2
 * witness, the quotient on the extended domain and the bus-balance check.
 */
export { evaluateNodes, type LeafColumns, type EvaluateOptions } from './evaluate.js';
export { checkConstraints } from './check.js';
export { traceDomain, ldeDomain, type DomainSpec } from './domain.js';
export { buildStage2 } from './stage2.js';
export { evaluateQuotient, type QuotientInput } from './quotient.js';

export { generateRandomProgram, SCRATCH_ADDR, SCRATCH_SIZE, TEXT_ADDR } from './generate.js';
export type { RandomProgram, RandomProgramOptions } from './generate.js';
export * as encode from './encode.js';

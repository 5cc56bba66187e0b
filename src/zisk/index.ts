/**
 * ZisK's machine definition, shared by the transpiler, the emulator and the state machines: the
 * memory map, the op table, the instruction format and the ROM. Importing ops from here does not pull
 * in the transpiler.
 */
export * from './memory-map.js';
export * from './op-types.js';
export * from './ops.js';
export * from './precompiles.js';
export * from './inst.js';
export { ZiskRom, type RomSegment } from './rom.js';
export * as wide from './wide.js';

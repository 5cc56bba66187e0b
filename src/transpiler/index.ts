/**
 * The transpiler: ELF → ZiskRom (BIOS at 0x1000, the program at its own addresses, RAM data
 * initialised by the BIOS), and a text dump of a ROM for debugging.
 */
export { transpile } from './transpile.js';
export { convert, FCALL_PARAM_WORDS, CSR_FCALL_FIRST, CSR_FCALL_LAST, CSR_FCALL_PARAM_FIRST, CSR_FCALL_PARAM_LAST, CSR_FCALL_GET } from './convert.js';
export { buildBios } from './bios.js';
export { InstBuilder, splitImm } from './builder.js';
export { dumpRom, formatInst } from './dump.js';

/**
 * RISC-V front end: the ELF64 loader and the RV64IMAC decoder (numeric kinds, compressed
 * instructions expanded to their 32-bit equivalents).
 */
export { loadElf, ElfError, type ElfImage, type ElfSegment } from './elf.js';
export { decode, decode16, decode32, isCompressed, floatName, mnemonic } from './decode.js';
export * from './kinds.js';

export { instantiateKernel, registerWasmBytes, wasmModule } from './load.js';
export { KernelArena, type KernelExports } from './arena.js';

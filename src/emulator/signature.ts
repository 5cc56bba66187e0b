/**
 * The riscv-arch-test signature, as ZisK's emulator prints it with -f (riscof mode): the number of
 * 32-bit words stored at OUTPUT_ADDR, then that many words from OUTPUT_ADDR + 4.
 */
import { OUTPUT_ADDR, OUTPUT_MAX_SIZE } from '../zisk/index.js';
import type { GuestMemory } from './memory.js';

export function riscofSignature(memory: GuestMemory): Uint32Array {
  const count = new DataView(memory.readBytes(OUTPUT_ADDR, 4).buffer).getUint32(0, true);
  const max = OUTPUT_MAX_SIZE / 4 - 1;
  if (count > max) throw new RangeError(`the signature claims ${count} words, the output area holds ${max}`);
  const bytes = memory.readBytes(OUTPUT_ADDR + 4, 4 * count);
  return new Uint32Array(bytes.buffer, 0, count);
}

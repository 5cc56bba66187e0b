/**
 * A RISC-V-level trace for differential tests against qemu (`-singlestep -d cpu`): a callback before
 * each RISC-V instruction of the program with the 32 registers at that moment. BIOS steps and the
 * extra steps of multi-step expansions are not RISC-V instructions and are not reported.
 */
import { ROM_ENTRY, type ZiskRom } from '../zisk/index.js';
import { EmulatorError } from './errors.js';
import { FcallState } from './fcall.js';
import { Machine } from './machine.js';
import { GuestMemory, checkInput } from './memory.js';
import { MODE_DIRECT, MemPort, UartSink } from './port.js';
import { result, runSettings, type RunResult } from './run.js';

export function traceRiscv(
  rom: ZiskRom,
  input: Uint8Array | undefined,
  options: { maxSteps?: number; keepMemory?: boolean },
  onInstruction: (pc: number, regs: BigUint64Array) => void,
): RunResult {
  const s = runSettings(options);
  if (typeof onInstruction !== 'function') throw new TypeError('onInstruction must be a function');
  const mem = new GuestMemory(rom, checkInput(input));
  const uart = new UartSink();
  const m = new Machine(rom, new MemPort(MODE_DIRECT, mem, null, null, uart), null, new FcallState(), mem, ROM_ENTRY);
  m.counts = new Float64Array(rom.insts.length);
  const words = new Uint32Array(64);
  const regs = new BigUint64Array(words.buffer);
  const R = new Uint32Array(m.R.buffer, 0, 64);
  try {
    while (!m.end) {
      if (m.step >= s.maxSteps) throw new EmulatorError('max-steps', `the program did not end within ${s.maxSteps} steps (the step limit)`, m.pc, m.step);
      const inst = rom.insts[m.idx]!;
      if (inst.rvKind >= 0) {
        words.set(R);
        onInstruction(inst.paddr, regs);
      }
      m.run(m.step + 1);
    }
  } finally {
    if (!s.keepMemory) mem.release();
  }
  return result(m, mem, uart, m.counts, s.keepMemory);
}

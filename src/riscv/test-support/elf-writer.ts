/**
 * Writes minimal ELF64 RISC-V executables (program headers only) for tests, and a helper that wraps
 * an assembled program into one: code at 0x8000_0000, optional data segments.
 */
import { Asm } from './asm.js';

export interface SegmentSpec {
  vaddr: number;
  data: Uint8Array;
  /** Defaults to data.length. */
  memSize?: number;
  /** PF_X = 1, PF_W = 2, PF_R = 4. */
  flags: number;
}

export function writeElf(entry: number, segments: readonly SegmentSpec[], opts: { machine?: number; type?: number } = {}): Uint8Array {
  const phoff = 64;
  let offset = phoff + 56 * segments.length;
  const offsets = segments.map((s) => {
    const o = offset;
    offset += s.data.length;
    return o;
  });
  const bytes = new Uint8Array(offset);
  const v = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  v.setUint16(16, opts.type ?? 2, true);
  v.setUint16(18, opts.machine ?? 243, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(24, BigInt(entry), true);
  v.setBigUint64(32, BigInt(phoff), true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, segments.length, true);
  v.setUint16(58, 64, true);
  segments.forEach((s, i) => {
    const h = phoff + 56 * i;
    v.setUint32(h, 1, true);
    v.setUint32(h + 4, s.flags, true);
    v.setBigUint64(h + 8, BigInt(offsets[i]!), true);
    v.setBigUint64(h + 16, BigInt(s.vaddr), true);
    v.setBigUint64(h + 24, BigInt(s.vaddr), true);
    v.setBigUint64(h + 32, BigInt(s.data.length), true);
    v.setBigUint64(h + 40, BigInt(s.memSize ?? s.data.length), true);
    v.setBigUint64(h + 48, 8n, true);
    bytes.set(s.data, offsets[i]!);
  });
  return bytes;
}

export const CODE_BASE = 0x8000_0000;
export const STACK_TOP = 0xa010_0000;

/**
 * An ELF whose entry sets sp, runs `body`, and exits (a7 = 93). On entry a0 = INPUT_ADDR and
 * a1 = OUTPUT_ADDR (set by the BIOS); `body` must preserve a1 if it uses it to write outputs.
 */
export function programElf(body: (a: Asm) => void, data: SegmentSpec[] = []): Uint8Array {
  const a = new Asm(CODE_BASE);
  a.li(2, STACK_TOP);
  body(a);
  a.exit();
  return writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: a.bytes(), flags: 5 }, ...data]);
}

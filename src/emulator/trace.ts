/**
 * Minimal traces (ZisK's EmuTrace): per chunk of steps, the state at its start and every raw memory
 * word the chunk reads, in execution order. That is all a replay needs: registers come from the start
 * state, memory values from `memReads`, so any worker can re-execute a chunk alone.
 *
 * Binary encoding, version 1, little-endian (for job queues and files):
 *
 * ```
 *   0  u32  magic 0x544d4b5a ("ZKMT")
 *   4  u16  version (1)
 *   6  u16  flags: bit 0 = the chunk ends the execution
 *   8  u32  chunk index
 *  12  u32  steps in the chunk
 *  16  u32  start step, low word      20 u32 start step, high word
 *  24  u32  start pc
 *  28  u32  start c, low               32 u32 start c, high   (c of the step before the chunk)
 *  36  u32  last c, low                40 u32 last c, high    (c after the chunk's last step)
 *  44  u32  x0..x31, low and high words alternating (64 × u32)
 * 300  u32  number of memory words read (n)
 * 304  u32  the n words, low and high alternating (2n × u32)
 * ```
 */

export interface MinimalTrace {
  readonly chunk: number;
  /** Step number of the chunk's first step. */
  readonly startStep: number;
  readonly startPc: number;
  /** c before the first step (the previous step's c; 0 for the first chunk). */
  readonly startCLo: number;
  readonly startCHi: number;
  /** x0..x31 at the start: regs[2i] = low word, regs[2i+1] = high word. */
  readonly regs: Uint32Array;
  readonly steps: number;
  /** c after the last step (Main's segment_last_c). */
  readonly lastCLo: number;
  readonly lastCHi: number;
  /** This chunk ends the execution (its last step is the end instruction). */
  readonly end: boolean;
  /** Raw aligned 64-bit words read, low and high u32 alternating. */
  readonly memReads: Uint32Array;
}

export const TRACE_MAGIC = 0x544d4b5a;
export const TRACE_VERSION = 1;
const HEADER = 304;

/** Encodes a minimal trace (format above). */
export function encodeTrace(t: MinimalTrace): Uint8Array {
  const words = t.memReads.length / 2;
  const bytes = new Uint8Array(HEADER + 8 * words);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, TRACE_MAGIC, true);
  v.setUint16(4, TRACE_VERSION, true);
  v.setUint16(6, t.end ? 1 : 0, true);
  v.setUint32(8, t.chunk, true);
  v.setUint32(12, t.steps, true);
  v.setUint32(16, t.startStep % 4294967296, true);
  v.setUint32(20, Math.floor(t.startStep / 4294967296), true);
  v.setUint32(24, t.startPc, true);
  v.setUint32(28, t.startCLo >>> 0, true);
  v.setUint32(32, t.startCHi >>> 0, true);
  v.setUint32(36, t.lastCLo >>> 0, true);
  v.setUint32(40, t.lastCHi >>> 0, true);
  for (let i = 0; i < 64; i++) v.setUint32(44 + 4 * i, t.regs[i]!, true);
  v.setUint32(300, words, true);
  for (let i = 0; i < 2 * words; i++) v.setUint32(HEADER + 4 * i, t.memReads[i]!, true);
  return bytes;
}

export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
}

/** Decodes and validates an encoded minimal trace; throws TraceFormatError naming the problem. */
export function decodeTrace(bytes: Uint8Array): MinimalTrace {
  if (!(bytes instanceof Uint8Array)) throw new TraceFormatError('minimal trace must be a Uint8Array');
  if (bytes.length < HEADER) throw new TraceFormatError(`minimal trace is ${bytes.length} bytes, the header alone is ${HEADER}`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, true) !== TRACE_MAGIC) throw new TraceFormatError('not a minimal trace (bad magic number)');
  const version = v.getUint16(4, true);
  if (version !== TRACE_VERSION) throw new TraceFormatError(`minimal trace version ${version} is not supported (expected ${TRACE_VERSION})`);
  const flags = v.getUint16(6, true);
  if ((flags & ~1) !== 0) throw new TraceFormatError(`minimal trace has unknown flags 0x${flags.toString(16)}`);
  const words = v.getUint32(300, true);
  if (bytes.length !== HEADER + 8 * words) {
    throw new TraceFormatError(`minimal trace declares ${words} memory words (${HEADER + 8 * words} bytes) but has ${bytes.length} bytes`);
  }
  const regs = new Uint32Array(64);
  for (let i = 0; i < 64; i++) regs[i] = v.getUint32(44 + 4 * i, true);
  if (regs[0] !== 0 || regs[1] !== 0) throw new TraceFormatError('minimal trace has a non-zero x0');
  const memReads = new Uint32Array(2 * words);
  for (let i = 0; i < 2 * words; i++) memReads[i] = v.getUint32(HEADER + 4 * i, true);
  const steps = v.getUint32(12, true);
  if (steps === 0) throw new TraceFormatError('minimal trace has no steps');
  return {
    chunk: v.getUint32(8, true),
    steps,
    startStep: v.getUint32(20, true) * 4294967296 + v.getUint32(16, true),
    startPc: v.getUint32(24, true),
    startCLo: v.getUint32(28, true) | 0,
    startCHi: v.getUint32(32, true) | 0,
    lastCLo: v.getUint32(36, true) | 0,
    lastCHi: v.getUint32(40, true) | 0,
    end: (flags & 1) === 1,
    regs,
    memReads,
  };
}

// Parsers of qemu-riscv64's logs, streaming: the logs of long runs are gigabytes, so they are read
// in chunks and never held whole.
//
// `-d cpu -singlestep` logs the state before every instruction, 9 lines a step:
//    pc       0000000080000000
//    x0/zero  0000000000000000 x1/ra    0000000000000000 x2/sp    0000004000800880 x3/gp    ...
//    ... (8 lines of 4 registers, up to x31/t6)
// `-d in_asm,exec,nochain` logs each translated block once ("IN:" then one line per
// instruction "0x<pc>:  <hex> <asm>") and each block execution as
//   "Trace 0: 0x<host> [<flags>/<pc>/<...>/<...>] <symbol>".

import { openSync, readSync, closeSync } from 'node:fs';

/** Called for each step; `regs` is reused between calls (copy what you keep). */
export type StepSink = (pc: number, regs: BigUint64Array) => void;

const NEWLINE = 10;
const SPACE = 32;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

function hex32(b: Uint8Array, at: number): number {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const d = HEX[b[at + i]!]!;
    if (d < 0) throw new Error(`qemu log: bad hex digit at byte ${at + i}`);
    v = (v << 4) | d;
  }
  return v >>> 0;
}

/** Splits a byte stream into lines, across chunk boundaries. */
class LineSplitter {
  private carry = new Uint8Array(256);
  private carryLength = 0;

  constructor(private readonly onLine: (b: Uint8Array, start: number, end: number) => void) {}

  push(chunk: Uint8Array): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl < 0) break;
      if (this.carryLength > 0) {
        this.append(chunk, start, nl);
        this.onLine(this.carry, 0, this.carryLength);
        this.carryLength = 0;
      } else {
        this.onLine(chunk, start, nl);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  end(): void {
    if (this.carryLength > 0) this.onLine(this.carry, 0, this.carryLength);
    this.carryLength = 0;
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    const need = this.carryLength + end - start;
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, 2 * this.carry.length));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, end), this.carryLength);
    this.carryLength = need;
  }
}

/** Parser of `-d cpu` logs: calls `sink` once per logged step, after its x31 line. */
export class CpuLogParser {
  readonly regs = new BigUint64Array(32);
  /** Little-endian halves of `regs`: written without creating a BigInt per register. */
  private readonly halves = new Uint32Array(this.regs.buffer);
  private pc = -1;
  private seen = 0;
  private readonly lines: LineSplitter;
  steps = 0;

  constructor(private readonly sink: StepSink) {
    this.lines = new LineSplitter((b, s, e) => this.line(b, s, e));
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
  }

  private line(b: Uint8Array, start: number, end: number): void {
    if (end - start < 4 || b[start] !== SPACE) return;
    const c1 = b[start + 1]!;
    if (c1 === 0x70 /* p */ && b[start + 2] === 0x63 /* c */ && b[start + 3] === SPACE) {
      let e = end;
      while (e > start && b[e - 1] === SPACE) e--;
      this.pc = hex32(b, e - 16) * 0x1_0000_0000 + hex32(b, e - 8);
      this.seen = 0;
      return;
    }
    if (c1 !== 0x78 /* x */) return;
    // qemu 7.2 prints four registers a line as " %-8s %016lx": 26 bytes each. Lines of exactly
    // that shape take this path, about twice as fast as the general one below.
    if (end - start === 104 && b[start + 27] === 0x78 && b[start + 53] === 0x78 && b[start + 79] === 0x78) {
      let reg = b[start + 2]! - 48;
      if (b[start + 3] !== 0x2f /* / */) reg = reg * 10 + b[start + 3]! - 48;
      if ((reg & 3) === 0 && reg <= 28) {
        for (let k = 0; k < 4; k++) {
          const at = start + 26 * k + 10;
          this.halves[2 * (reg + k) + 1] = hex32(b, at);
          this.halves[2 * (reg + k)] = hex32(b, at + 8);
        }
        this.seen |= 15 << reg;
        if (reg === 28) this.emit();
        return;
      }
    }
    let i = start;
    while (i < end) {
      while (i < end && b[i] === SPACE) i++;
      if (i >= end || b[i] !== 0x78) return;
      let reg = 0;
      i++;
      while (i < end && b[i]! >= 48 && b[i]! <= 57) reg = reg * 10 + b[i++]! - 48;
      while (i < end && b[i] !== SPACE) i++;
      while (i < end && b[i] === SPACE) i++;
      if (i + 16 > end || reg > 31) throw new Error('qemu log: malformed register line');
      this.halves[2 * reg + 1] = hex32(b, i);
      this.halves[2 * reg] = hex32(b, i + 8);
      i += 16;
      this.seen |= 1 << reg;
      if (reg === 31) this.emit();
    }
  }

  private emit(): void {
    if (this.pc < 0 || this.seen !== -1) throw new Error('qemu log: a step without pc or some registers');
    this.steps++;
    this.sink(this.pc, this.regs);
    this.pc = -1;
    this.seen = 0;
  }
}

/**
 * Counts executed instructions from a `-d in_asm,exec,nochain` log: the size of each translated
 * block is taken from its "IN:" listing, and every "Trace" line adds the size of the block it
 * names. A block retranslated at the same pc replaces the earlier size, as in qemu.
 */
export class ExecLogCounter {
  steps = 0;
  readonly blockSizes = new Map<number, number>();
  private currentBlock = -1;
  private readonly lines: LineSplitter;

  constructor() {
    this.lines = new LineSplitter((b, s, e) => this.line(b, s, e));
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
  }

  private line(b: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n >= 20 && b[start] === 0x30 && b[start + 1] === 0x78 && b[start + 18] === 0x3a /* "0x<16>:" */) {
      const pc = hex32(b, start + 2) * 0x1_0000_0000 + hex32(b, start + 10);
      if (this.currentBlock < 0) {
        this.currentBlock = pc;
        this.blockSizes.set(pc, 0);
      }
      this.blockSizes.set(this.currentBlock, this.blockSizes.get(this.currentBlock)! + 1);
      return;
    }
    if (n >= 3 && b[start] === 0x49 && b[start + 1] === 0x4e && b[start + 2] === 0x3a /* IN: */) {
      this.currentBlock = -1;
      return;
    }
    if (n >= 6 && b[start] === 0x54 && b[start + 1] === 0x72 /* Trace */) {
      const open = b.indexOf(0x5b /* [ */, start);
      const slash = b.indexOf(0x2f /* / */, open);
      if (open < 0 || slash < 0 || slash + 17 > end) throw new Error('qemu log: malformed Trace line');
      const pc = hex32(b, slash + 1) * 0x1_0000_0000 + hex32(b, slash + 9);
      const size = this.blockSizes.get(pc);
      if (size === undefined) throw new Error(`qemu log: block at 0x${pc.toString(16)} ran before it was listed`);
      this.steps += size;
      return;
    }
    if (n === 0 || b[start] === 0x2d /* ---- */) this.currentBlock = -1;
  }
}

/**
 * Pull reader of a `-d cpu` log file: `next()` moves to the following step and returns false at
 * the end; `pc`, `regs` and `index` then describe that step. Reads 1 MB at a time.
 */
export class CpuLogReader {
  pc = 0;
  readonly regs = new BigUint64Array(32);
  /** Steps read so far, minus one: the index of the current step. */
  index = -1;
  private readonly halves = new Uint32Array(this.regs.buffer);
  private fd: number;
  private readonly chunk = new Uint8Array(1 << 20);
  private readonly parser: CpuLogParser;
  /** Parsed steps not yet returned: 66 words each (pc halves, then 32 registers as halves). */
  private queue = new Uint32Array(66 * 2048);
  private queued = 0;
  private head = 0;
  private done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    const parsed = new Uint32Array(32 * 2);
    this.parser = new CpuLogParser((pc, regs) => {
      if (66 * (this.queued + 1) > this.queue.length) {
        const grown = new Uint32Array(this.queue.length * 2);
        grown.set(this.queue.subarray(0, 66 * this.queued));
        this.queue = grown;
      }
      const at = 66 * this.queued++;
      this.queue[at] = pc >>> 0;
      this.queue[at + 1] = Math.floor(pc / 0x1_0000_0000);
      parsed.set(new Uint32Array(regs.buffer, regs.byteOffset, 64));
      this.queue.set(parsed, at + 2);
    });
  }

  next(): boolean {
    while (this.head === this.queued) {
      if (this.done) return false;
      this.head = 0;
      this.queued = 0;
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      if (n === 0) {
        this.parser.end();
        this.done = true;
        this.close();
      } else {
        this.parser.push(this.chunk.subarray(0, n));
      }
    }
    const at = 66 * this.head++;
    this.pc = this.queue[at]! + this.queue[at + 1]! * 0x1_0000_0000;
    this.halves.set(this.queue.subarray(at + 2, at + 66));
    this.index++;
    return true;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

// qemu-riscv64 as an independent RISC-V oracle: run an ELF (as a static Linux program), record
// or stream its single-step register trace, count its instructions.
//
// qemu-user knows nothing of ZisK's input and output areas or CSRs. Guests are therefore run from
// their qemu build (guest/elf/NAME.qemu.elf, see guest/sdk/qemu.ld), which maps those areas and,
// instead of checking marchid, writes the 256 output bytes to stdout before exiting.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withInput } from './elf.js';
import { CpuLogParser, CpuLogReader, ExecLogCounter, type StepSink } from './qemu-log.js';

export const QEMU = 'qemu-riscv64';
const INSTALL_HINT = `${QEMU} not found: install it with \`apt-get install qemu-user\``;

export interface QemuOptions {
  /** The input file, for a guest's qemu build (appended with withInput). */
  input?: Uint8Array;
  /** Allow compressed (C) instructions; off by default, so they trap as on an rv64ima machine. */
  compressed?: boolean;
  /** Kill qemu after this long (default 10 minutes). */
  timeoutMs?: number;
}

export interface QemuRun {
  /** The guest's exit code (a0 of the exit ecall, mod 256), or null if qemu died from a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: Uint8Array;
  stderr: string;
}

let checked = false;

/** Throws with the install command if qemu-riscv64 is missing. */
export function requireQemu(): void {
  if (checked) return;
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(INSTALL_HINT);
  checked = true;
}

export function cpuModel(compressed = false): string {
  return `rv64,c=${compressed},f=false,d=false`;
}

/** A temporary directory holding the program as an executable file (qemu-user, as execve, needs +x). */
function stage(elf: Uint8Array, input: Uint8Array | undefined): { dir: string; program: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zisk-qemu-'));
  const program = join(dir, 'program.elf');
  writeFileSync(program, input === undefined ? elf : withInput(elf, input), { mode: 0o755 });
  return { dir, program };
}

function run(args: string[], options: QemuOptions, extra?: { onStart?: (pid: number) => void }): Promise<QemuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject((e as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(INSTALL_HINT) : e);
    });
    if (child.pid !== undefined) extra?.onStart?.(child.pid);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code,
        signal,
        stdout: new Uint8Array(Buffer.concat(out)),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Runs an ELF under qemu-riscv64 without logging. */
export async function runQemu(elf: Uint8Array, options: QemuOptions = {}): Promise<QemuRun> {
  requireQemu();
  const { dir, program } = stage(elf, options.input);
  try {
    return await run(['-cpu', cpuModel(options.compressed), program], options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a guest's qemu build on an input and returns its 64 output words, which the build's exit
 * path writes to stdout. Throws unless the guest exited normally and wrote exactly 256 bytes.
 */
export async function runGuestUnderQemu(
  qemuElf: Uint8Array,
  input: Uint8Array,
  options: Omit<QemuOptions, 'input'> = {},
): Promise<{ exitCode: number; outputs: Uint32Array }> {
  const r = await runQemu(qemuElf, { ...options, input });
  if (r.exitCode === null || r.stdout.length !== 256) {
    throw new Error(
      `qemu run failed: exit ${r.exitCode ?? r.signal}, ${r.stdout.length} bytes on stdout (expected 256)` +
        (r.stderr ? `: ${r.stderr.trim()}` : ''),
    );
  }
  const outputs = new Uint32Array(64);
  const view = new DataView(r.stdout.buffer, r.stdout.byteOffset, 256);
  for (let i = 0; i < 64; i++) outputs[i] = view.getUint32(4 * i, true);
  return { exitCode: r.exitCode, outputs };
}

/**
 * Runs qemu with its log sent through a named pipe and fed, chunk by chunk, to `onChunk`: no log
 * touches the disk, whatever its size.
 */
async function runLogged(elf: Uint8Array, logFlags: string[], options: QemuOptions, onChunk: (c: Uint8Array) => void): Promise<QemuRun> {
  requireQemu();
  const { dir, program } = stage(elf, options.input);
  const fifo = join(dir, 'log');
  try {
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr?.toString() ?? made.error}`);
    // Opening a pipe's read end waits for a writer. If qemu exits without ever opening its end,
    // opening and closing a write end here releases the reader with an end of file.
    const stream = createReadStream(fifo, { highWaterMark: 1 << 20 });
    // A consumer that throws (a step callback rejecting a step) stops the stream and qemu; the
    // error is rethrown once both are done.
    let failure: { error: unknown } | undefined;
    let pid: number | undefined;
    const drained = new Promise<void>((resolve, reject) => {
      stream.on('data', (d) => {
        if (failure) return;
        try {
          onChunk(d as Buffer);
        } catch (error) {
          failure = { error };
          stream.destroy();
          if (pid !== undefined) process.kill(pid, 'SIGKILL');
        }
      });
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    const result = await run(['-cpu', cpuModel(options.compressed), ...logFlags, '-D', fifo, program], options, {
      onStart: (p) => (pid = p),
    });
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: the reader is already gone, nothing waits
    }
    await drained;
    if (failure) throw failure.error;
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Streams the single-step trace: `onStep(pc, regs)` before every instruction, registers x0..x31
 * (the shape of the emulator's traceRiscv callback). `regs` is reused between calls.
 */
export async function forEachQemuStep(elf: Uint8Array, options: QemuOptions, onStep: StepSink): Promise<QemuRun & { steps: number }> {
  const parser = new CpuLogParser(onStep);
  const r = await runLogged(elf, ['-singlestep', '-d', 'cpu,nochain'], options, (c) => parser.push(c));
  parser.end();
  return { ...r, steps: parser.steps };
}

/** Counts the instructions a program executes, from translated-block sizes and executions. */
export async function countQemuSteps(elf: Uint8Array, options: QemuOptions = {}): Promise<QemuRun & { steps: number }> {
  const counter = new ExecLogCounter();
  const r = await runLogged(elf, ['-d', 'in_asm,exec,nochain'], options, (c) => counter.push(c));
  counter.end();
  return { ...r, steps: counter.steps };
}

/** A single-step trace recorded to a temporary file, to be read back step by step. */
export interface RecordedTrace {
  run: QemuRun;
  /** Steps in the file (at most maxSteps). */
  steps: number;
  /** True if qemu was stopped because the trace reached maxSteps. */
  truncated: boolean;
  /** A new pull reader over the steps (open one at a time, or several: each has its own file handle). */
  reader(): CpuLogReader;
  /** Deletes the file. */
  dispose(): void;
}

/** More than the bytes of `-d cpu` log per step (867: 9 lines), so that the file holds at least
    maxSteps + 1 whole steps when qemu is stopped. */
const BYTES_PER_STEP = 1024;

/**
 * Records the single-step trace to a file, for comparisons driven by a synchronous emulator
 * callback (see compare.ts). qemu is stopped once the file holds maxSteps steps (default 2^20,
 * about 0.9 GB of log); only the first maxSteps steps are then read.
 */
export async function recordQemuTrace(elf: Uint8Array, options: QemuOptions & { maxSteps?: number } = {}): Promise<RecordedTrace> {
  requireQemu();
  const maxSteps = options.maxSteps ?? 1 << 20;
  const { dir, program } = stage(elf, options.input);
  const log = join(dir, 'trace.log');
  let truncated = false;
  let poll: NodeJS.Timeout | undefined;
  try {
    const result = await run(['-cpu', cpuModel(options.compressed), '-singlestep', '-d', 'cpu,nochain', '-D', log, program], options, {
      onStart: (pid) => {
        poll = setInterval(() => {
          try {
            if (statSync(log).size > (maxSteps + 2) * BYTES_PER_STEP) {
              truncated = true;
              process.kill(pid, 'SIGKILL');
            }
          } catch {
            // the log does not exist yet
          }
        }, 50);
      },
    });
    clearInterval(poll);
    let steps = 0;
    const counter = new CpuLogReader(log);
    while (steps < maxSteps && counter.next()) steps++;
    truncated ||= counter.next();
    counter.close();
    return {
      run: result,
      steps,
      truncated,
      reader: () => new LimitedReader(log, steps),
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    clearInterval(poll);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A CpuLogReader that stops after `limit` steps (the last step of a killed qemu may be cut). */
class LimitedReader extends CpuLogReader {
  constructor(path: string, private readonly limit: number) {
    super(path);
  }

  override next(): boolean {
    if (this.index + 1 >= this.limit) {
      this.close();
      return false;
    }
    return super.next();
  }
}

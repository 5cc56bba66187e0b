// Step-by-step comparison of two RISC-V register traces: a reference (qemu) pulled one step at a
// time, and a trace pushed by a synchronous callback (our emulator's traceRiscv), so neither is
// ever held whole.
//
// The two machines start a program differently: ZisK's BIOS enters it with a0 = INPUT_ADDR,
// a1 = OUTPUT_ADDR and ra = a BIOS address, while Linux (qemu-user) enters it with sp on a stack
// of its own and the other registers zero. So a register is compared only from the first step at
// which its value has changed on either side: from then on the program has written it.
// x0 and pc are compared at every step.

export const REGISTER_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
] as const;

/** A pull source of steps, as CpuLogReader: next() moves to the next step, false at the end. */
export interface StepSource {
  next(): boolean;
  readonly pc: number;
  readonly regs: BigUint64Array;
  close?(): void;
}

export interface CompareOptions {
  /**
   * Comparison ends (successfully) at the first step whose pc satisfies this, on the reference
   * side; the other side must be at the same pc. Use it to skip code that differs by design,
   * such as a guest's exit path (guestExitPath in examples.ts).
   */
  stopAt?: (pc: number) => boolean;
  /** Registers compared from the first step, even before either side writes them. */
  liveFromStart?: number[];
}

export interface CompareSummary {
  /** Steps compared. */
  steps: number;
  /** True if the comparison ended at a stopAt pc rather than at the end of both traces. */
  stopped: boolean;
}

export class TraceMismatchError extends Error {
  constructor(
    readonly step: number,
    readonly pc: number,
    readonly what: string,
    readonly expected: bigint | number | string,
    readonly actual: bigint | number | string,
    context: string,
  ) {
    const show = (v: bigint | number | string) => (typeof v === 'string' ? v : `0x${v.toString(16)}`);
    super(`traces differ at step ${step} (pc 0x${pc.toString(16)}): ${what} expected ${show(expected)}, got ${show(actual)}${context}`);
    this.name = 'TraceMismatchError';
  }
}

function hex(x: number): string {
  return `0x${x.toString(16)}`;
}

/**
 * Compares the steps pushed to `onInstruction` with `reference`. Throws TraceMismatchError from
 * onInstruction at the first difference (which also stops an emulator calling it); call
 * finish() after the run to check that both traces ended together.
 */
export class TraceComparator {
  private step = 0;
  private stopped = false;
  private ended = false;
  private live: number;
  private readonly refStart = new Uint32Array(64);
  private readonly actStart = new Uint32Array(64);
  private readonly ref: Uint32Array;
  private prevPc = -1;

  constructor(
    private readonly reference: StepSource,
    private readonly options: CompareOptions = {},
  ) {
    this.ref = new Uint32Array(reference.regs.buffer, reference.regs.byteOffset, 64);
    this.live = 1;
    for (const r of options.liveFromStart ?? []) this.live |= 1 << r;
  }

  /** The traceRiscv callback: registers x0..x31 before the instruction at pc. */
  readonly onInstruction = (pc: number, regs: BigUint64Array): void => {
    if (this.stopped) return;
    if (!this.reference.next()) {
      this.ended = true;
      throw new TraceMismatchError(this.step, pc, 'length', 'end of the reference trace', 'another step', '');
    }
    const refPc = this.reference.pc;
    if (this.options.stopAt?.(refPc)) {
      this.stopped = true;
      this.reference.close?.();
      if (pc !== refPc) throw new TraceMismatchError(this.step, refPc, 'pc at the stop point', refPc, pc, this.context());
      return;
    }
    if (pc !== refPc) throw new TraceMismatchError(this.step, refPc, 'pc', refPc, pc, this.context());
    const act = new Uint32Array(regs.buffer, regs.byteOffset, 64);
    if (this.step === 0) {
      this.refStart.set(this.ref);
      this.actStart.set(act);
    }
    for (let r = 0; r < 32; r++) {
      const lo = 2 * r;
      const hi = lo + 1;
      const bit = (1 << r) >>> 0;
      if ((this.live & bit) === 0) {
        const changed =
          this.ref[lo] !== this.refStart[lo] || this.ref[hi] !== this.refStart[hi] ||
          act[lo] !== this.actStart[lo] || act[hi] !== this.actStart[hi];
        if (!changed) continue;
        this.live |= bit;
      }
      if (this.ref[lo] !== act[lo] || this.ref[hi] !== act[hi]) {
        throw new TraceMismatchError(this.step, pc, `x${r}/${REGISTER_NAMES[r]}`, this.reference.regs[r]!, regs[r]!, this.context());
      }
    }
    this.prevPc = pc;
    this.step++;
  };

  /** True once the reference reached a stopAt pc: later steps are ignored. */
  get isStopped(): boolean {
    return this.stopped;
  }

  private context(): string {
    return this.prevPc >= 0 ? ` (previous pc ${hex(this.prevPc)})` : ' (first step)';
  }

  /** Checks that the reference has no steps left (unless stopped) and returns the summary. */
  finish(): CompareSummary {
    if (!this.stopped && !this.ended && this.reference.next()) {
      const pc = this.reference.pc;
      this.reference.close?.();
      throw new TraceMismatchError(this.step, pc, 'length', 'another step', 'end of the trace', this.context());
    }
    this.reference.close?.();
    return { steps: this.step, stopped: this.stopped };
  }
}

/** Compares two pull sources step by step (e.g. two qemu traces); returns the summary or throws. */
export function compareTraces(reference: StepSource, actual: StepSource, options: CompareOptions = {}): CompareSummary {
  const comparator = new TraceComparator(reference, options);
  try {
    while (actual.next()) {
      comparator.onInstruction(actual.pc, actual.regs);
      if (comparator.isStopped) break;
    }
    return comparator.finish();
  } finally {
    actual.close?.();
  }
}

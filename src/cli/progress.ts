/**
 * Progress on long commands, on stderr. On a terminal each phase redraws one bar in place
 * (`witness   [##########··········]  52%  130/250  3.1 s`); elsewhere (CI logs, pipes) each phase
 * prints one line when it ends, so logs stay short. `quiet` prints nothing.
 */
export interface PhaseTiming {
  readonly phase: string;
  readonly seconds: number;
}

const WIDTH = 24;

export class ProgressReporter {
  private current: string | undefined;
  private started = 0;
  private lastDraw = 0;
  private readonly tty: boolean;
  readonly timings: PhaseTiming[] = [];

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** Reports that `phase` has done `done` of `total` units. Starting a new phase ends the previous one. */
  update(phase: string, done: number, total: number): void {
    const now = performance.now();
    if (phase !== this.current) {
      this.end();
      this.current = phase;
      this.started = now;
      this.lastDraw = 0;
    }
    if (this.quiet || !this.tty) return;
    if (now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(frac * WIDTH);
    const bar = '#'.repeat(filled) + '·'.repeat(WIDTH - filled);
    const secs = ((now - this.started) / 1000).toFixed(1);
    this.stream.write(`\r${phase.padEnd(10)} [${bar}] ${String(Math.round(frac * 100)).padStart(3)}%  ${done}/${total}  ${secs} s\x1b[K`);
  }

  /** Ends the current phase: records its time and leaves its line on screen. */
  end(): void {
    if (this.current === undefined) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.timings.push({ phase: this.current, seconds });
    if (!this.quiet) {
      if (this.tty) this.stream.write(`\r${this.current.padEnd(10)} done in ${seconds.toFixed(2)} s\x1b[K\n`);
      else this.stream.write(`${this.current}: done in ${seconds.toFixed(2)} s\n`);
    }
    this.current = undefined;
  }
}

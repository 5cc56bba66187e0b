/**
 * zisk-ts: run RISC-V 64 programs built for ZisK's memory layout, prove that a program run on an
 * input produced its outputs, and verify such proofs.
 *
 *   import { run, execute, prove, verify } from 'zisk-ts';
 *
 *   const { outputs, steps } = run(elf, input);              // just run it
 *   const plan = execute(elf, input);                         // how the proof would be split
 *   const { proof } = await prove(elf, { input });           // prove it (worker threads)
 *   const verdict = verify(proof, { elf });                   // check it; verdict.outputs
 */
import { execute as executePlan, type ExecutorOptions } from './executor/index.js';
import { runFast, type RunOptions, type RunResult } from './emulator/index.js';
import { stateMachines } from './sm/registry.js';
import { transpile } from './transpiler/index.js';
import { proveElf, verifyProof, type ProveOptions, type ProveSummary, type Verdict, type VerifyOptions } from './zkvm/index.js';

export type { ProveOptions, ProveSummary, Verdict, VerifyOptions, RunOptions };

export interface RunSummary {
  readonly steps: number;
  /** The 64 output words. */
  readonly outputs: Uint32Array;
  /** Bytes the guest wrote to its UART. */
  readonly stdout: Uint8Array;
}

function bytes(value: unknown, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array (the file's bytes)`);
  return value;
}

/** Runs `elf` on `input` to its end (fast mode): its outputs and step count. */
export function run(elf: Uint8Array, input?: Uint8Array, options?: RunOptions): RunSummary {
  const r: RunResult = runFast(transpile(bytes(elf, 'elf')), input === undefined ? undefined : bytes(input, 'input'), options);
  return { steps: r.steps, outputs: r.outputs, stdout: r.stdout };
}

export interface ExecutionSummary {
  readonly steps: number;
  readonly outputs: Uint32Array;
  /** Chunks of the minimal traces. */
  readonly chunks: number;
  /** Every instance the proof would hold: its AIR, segment, rows (log2) and the chunks it replays. */
  readonly instances: readonly { readonly air: string; readonly segment: number; readonly logRows: number; readonly chunks: readonly number[] }[];
}

/** Runs `elf` and plans the proof: which AIR instances, of which heights, from which chunks. */
export function execute(elf: Uint8Array, input?: Uint8Array, options?: ExecutorOptions): ExecutionSummary {
  const plan = executePlan(transpile(bytes(elf, 'elf')), input === undefined ? undefined : bytes(input, 'input'), stateMachines, options);
  return {
    steps: plan.steps,
    outputs: plan.outputs,
    chunks: plan.traces.length,
    instances: plan.instances.map((p) => ({
      air: p.plan.air.name,
      segment: p.plan.segment,
      logRows: p.plan.logRows,
      chunks: p.plan.checkPoint.kind === 'none' ? [] : p.plan.checkPoint.kind === 'single' ? [p.plan.checkPoint.chunk] : [...p.plan.checkPoint.chunks],
    })),
  };
}

/** Proves that `elf` run on `options.input` produced its outputs. */
export function prove(elf: Uint8Array, options?: ProveOptions): Promise<ProveSummary> {
  return proveElf(bytes(elf, 'elf'), options);
}

/** Verifies a proof; with `options.elf`, also that it is a proof of that program. Never throws on bad bytes. */
export function verify(proof: Uint8Array, options?: VerifyOptions): Verdict {
  return verifyProof(bytes(proof, 'proof'), options);
}

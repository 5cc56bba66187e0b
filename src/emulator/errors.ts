/**
 * Errors of guest execution. Every EmulatorError names what went wrong, the pc of the instruction
 * and the step at which it happened.
 */

export type EmulatorErrorCode =
  | 'illegal-instruction'
  | 'unsupported-instruction'
  | 'unsupported-precompile'
  | 'memory-out-of-range'
  | 'write-to-rom'
  | 'misaligned-jump'
  | 'invalid-pc'
  | 'max-steps'
  | 'fcall'
  | 'trace';

export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  constructor(
    readonly code: EmulatorErrorCode,
    readonly detail: string,
    readonly pc: number,
    readonly step: number,
  ) {
    super(`${detail} (pc 0x${pc.toString(16)}, step ${step})`);
  }
}

/**
 * A failure raised deep inside an access helper, which knows what failed but not where: the step
 * loop catches it and turns it into an EmulatorError with the pc and step. `pos` is the position of
 * the failing instruction inside a compiled block (0 in the interpreter).
 */
export class Fault {
  constructor(
    readonly code: EmulatorErrorCode,
    readonly detail: string,
    readonly pos = 0,
  ) {}
}

export const hex = (n: number): string => `0x${n.toString(16)}`;

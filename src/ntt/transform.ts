/**
 * Transforms of one column in place: a u64-pair Uint32Array of 2^logN canonical elements.
 *
 * Definitions (ω_n = rootOfUnity(log2 n), the package-wide root):
 *   forward: y[k] = Σ_i x[i]·ω_n^(ik)      (coefficients → evaluations at ω_n^k)
 *   inverse: x[i] = n^−1·Σ_k y[k]·ω_n^(−ik) (evaluations → coefficients)
 * "Natural" order means index k holds the value for k; "bit-reversed" means index k holds the value
 * for bitrev(k) over log2 n bits.
 */
import { nttHost } from './kernel.js';
import { P } from '../field/reference.js';
import * as gl from '../field/reference.js';

export function logLength(values: Uint32Array, name = 'values'): number {
  if ((values.length & 1) !== 0) throw new RangeError(`${name} must hold u64 pairs (even length), got ${values.length} words`);
  const n = values.length >> 1;
  const log = Math.log2(n);
  if (n === 0 || !Number.isInteger(log)) throw new RangeError(`${name} must hold a power-of-two number of elements, got ${n}`);
  if (log > 32) throw new RangeError(`${name}: at most 2^32 elements, got 2^${log}`);
  return log;
}

/** n^−1 mod p as (lo, hi). */
export function invPow2Halves(logN: number): [number, number] {
  const v = gl.inv(1n << BigInt(logN)) % P;
  return [Number(v & 0xffffffffn), Number(v >> 32n)];
}

const enum Step {
  DifForward,
  DifInverse,
  DitForward,
  DitInverse,
  BitReverse,
  ScaleInvN,
}

function run(values: Uint32Array, steps: readonly Step[]): void {
  const logN = logLength(values);
  const h = nttHost();
  const inverse = steps.includes(Step.DifInverse) || steps.includes(Step.DitInverse);
  const forward = steps.includes(Step.DifForward) || steps.includes(Step.DitForward);
  const a = h.prepare(forward ? logN : 0, 8 * 2 ** logN, inverse ? logN : 0);
  const k = h.k;
  h.u32(a, values.length).set(values);
  for (const s of steps) {
    switch (s) {
      case Step.DifForward:
        k.dif(a, logN, h.twF, 0);
        break;
      case Step.DifInverse:
        k.dif(a, logN, h.twI, 1);
        break;
      case Step.DitForward:
        k.dit(a, logN, h.twF, 0);
        break;
      case Step.DitInverse:
        k.dit(a, logN, h.twI, 1);
        break;
      case Step.BitReverse:
        k.bitReverse(a, logN);
        break;
      case Step.ScaleInvN: {
        const [lo, hi] = invPow2Halves(logN);
        k.scale(a, 1 << logN, lo, hi);
        break;
      }
    }
  }
  values.set(h.u32(a, values.length));
}

/** Forward NTT, natural order in and out. */
export function ntt(values: Uint32Array): void {
  run(values, [Step.DifForward, Step.BitReverse]);
}

/** Inverse NTT (divides by n), natural order in and out. */
export function intt(values: Uint32Array): void {
  run(values, [Step.DifInverse, Step.BitReverse, Step.ScaleInvN]);
}

/** Forward NTT, natural-order input, bit-reversed output (no permutation pass). */
export function nttToBitReversed(values: Uint32Array): void {
  run(values, [Step.DifForward]);
}

/** Forward NTT, bit-reversed input, natural-order output (no permutation pass). */
export function nttFromBitReversed(values: Uint32Array): void {
  run(values, [Step.DitForward]);
}

/** Inverse NTT (divides by n), natural-order input, bit-reversed output. */
export function inttToBitReversed(values: Uint32Array): void {
  run(values, [Step.DifInverse, Step.ScaleInvN]);
}

/** Inverse NTT (divides by n), bit-reversed input, natural-order output. */
export function inttFromBitReversed(values: Uint32Array): void {
  run(values, [Step.DitInverse, Step.ScaleInvN]);
}

/** The bit-reversal permutation, in place (an involution). */
export function bitReverse(values: Uint32Array): void {
  run(values, [Step.BitReverse]);
}

/**
 * A Poseidon2 instance over Goldilocks (p = 2^64 − 2^32 + 1, S-box x^7), as the Poseidon2 paper
 * (Grassi, Khovratovich, Schofnegger, eprint 2023/323) defines it for widths that are multiples of 4:
 *
 *   x ← M_E·x
 *   R_F/2 full rounds:   x ← M_E·(x + c_r)^7           (S-box on every element)
 *   R_P partial rounds:  x_0 ← (x_0 + c_r)^7; x ← M_I·x  (S-box on element 0 only)
 *   R_F/2 full rounds:   x ← M_E·(x + c_r)^7
 *
 * M_E = circ(2·M4, M4, …, M4) with M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] (M_E = M4 at t = 4);
 * M_I = J + diag(internalDiag), J the all-ones matrix.
 */
export interface Poseidon2Params {
  readonly width: number;
  /** R_F/2 rows of `width` round constants for the first full rounds. */
  readonly externalInitial: readonly (readonly bigint[])[];
  /** R_P constants, one per partial round, added to element 0. */
  readonly internal: readonly bigint[];
  /** R_F/2 rows of `width` round constants for the last full rounds. */
  readonly externalFinal: readonly (readonly bigint[])[];
  /** diag(M_I − J). */
  readonly internalDiag: readonly bigint[];
}

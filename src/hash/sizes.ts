/** Width of the permutation, in field elements. */
export const WIDTH = 16;
/** Elements absorbed per permutation by the sponge and the transcript (state positions 0‥11). */
export const RATE = 12;
/** Elements never overwritten by input (positions 12‥15). */
export const CAPACITY = 4;
/** Elements in a digest (positions 0‥3 of the permuted state): 256 bits. */
export const DIGEST_ELEMS = 4;
/** u32 words in a digest as stored (two little-endian halves per element). */
export const DIGEST_WORDS = 8;

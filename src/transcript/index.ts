/**
 * Fiat–Shamir over Poseidon2-16: a duplex sponge in overwrite mode (the shape of Plonky3's
 * DuplexChallenger), rate 12, capacity 4. A verifier in another language follows exactly this:
 *
 *   state s[0‥16) = 0, input buffer I = [], output position o = 12 (nothing readable).
 *   observe(x), x a canonical element: o = 12; append x to I; if |I| = 12, duplex.
 *   duplex: s[i] = I[i] for i < |I| (the rest of s unchanged); I = []; s = P(s); o = 0.
 *   sample: if I ≠ [] or o = 12, duplex; return s[o], o = o + 1.
 *
 *   observeDigest(d)       = observe(d[0]), …, observe(d[3]).
 *   sampleExt()            = [sample, sample, sample] as c0 + c1·X + c2·X² in F[X]/(X³ − X − 1).
 *   sampleBits(b), b ≤ 32  = sample mod 2^b (low bits of the canonical value).
 *   fork(tag)              = a copy that observes 0x666f726b ("fork"), then tag.
 *   proof of work, b bits  = c0, c1, c2 = sample, sample, sample; valid iff
 *                            P4(c0, c1, c2, nonce)[0] < 2^(64 − b), P4 the width-4 Poseidon2
 *                            ZisK grinds with (hash/constants.ts POSEIDON2_GOLDILOCKS_4); then
 *                            observe(nonce). The prover's grind picks the least valid nonce ≥ 0.
 *
 * Overwrite mode absorbs no length: observing [a] and [a, s[1]] can coincide. Fiat–Shamir is sound
 * as long as each protocol step observes a fixed, statement-determined number of elements; a
 * protocol with variable-length messages observes their length first.
 */
export { Transcript, FORK_SEPARATOR } from './transcript.js';

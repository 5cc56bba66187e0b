/*
 * Keccak-f[1600] (FIPS 202), in software: n permutations of a state taken from the input.
 *
 * Input:   record 1, n (u64); record 2, up to 200 bytes XORed into the zero state (byte i into
 *          lane i / 8 at bit 8 * (i % 8), the byte order of FIPS 202).
 * Outputs: 0-15 lanes 0..7 of the final state (lane i at 2i, 2i+1 as low, high word); 16-17 the
 *          xor of all 25 lanes. With n = 1 and record 2 the padded empty message of SHA3-256
 *          (0x06, zeros, 0x80 at byte 135), lanes 0..3 are SHA3-256("").
 * Cost:    about 17,000 steps per permutation.
 */
#include "zisk.h"

static const uint64_t RC[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

/* Rotation offsets of the rho step and the lane order of the pi step, walked as one cycle. */
static const unsigned RHO[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                 27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
static const unsigned PI[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                                15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

static uint64_t rotl(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }

static void keccak_f(uint64_t s[25]) {
  for (int round = 0; round < 24; round++) {
    uint64_t c[5];
    for (int x = 0; x < 5; x++) c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
    for (int x = 0; x < 5; x++) {
      uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) s[y + x] ^= d;
    }
    uint64_t carry = s[1];
    for (int i = 0; i < 24; i++) {
      uint64_t t = s[PI[i]];
      s[PI[i]] = rotl(carry, RHO[i]);
      carry = t;
    }
    for (int y = 0; y < 25; y += 5) {
      uint64_t row[5];
      for (int x = 0; x < 5; x++) row[x] = s[y + x];
      for (int x = 0; x < 5; x++) s[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    s[0] ^= RC[round];
  }
}

int main(void) {
  uint64_t n = zisk_read_u64();
  size_t len;
  const uint8_t *seed = zisk_read(&len);
  if (len > 200) return ZISK_EXIT_PANIC;
  uint64_t s[25] = {0};
  for (size_t i = 0; i < len; i++) s[i / 8] ^= (uint64_t)seed[i] << (8 * (i % 8));
  for (uint64_t i = 0; i < n; i++) keccak_f(s);
  uint64_t all = 0;
  for (int i = 0; i < 25; i++) all ^= s[i];
  for (uint32_t i = 0; i < 8; i++) zisk_set_output_u64(2 * i, s[i]);
  zisk_set_output_u64(16, all);
  return 0;
}

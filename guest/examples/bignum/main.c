/*
 * Modular exponentiation of multi-limb integers: base^exponent mod modulus, with Montgomery
 * multiplication (CIOS) over 64-bit limbs.
 *
 * Input:   record 1, the modulus: k little-endian u64 limbs (1 <= k <= 64), odd; record 2, the
 *          base: k limbs, less than the modulus; record 3, the exponent: any number of limbs.
 * Outputs: 0-31 the low 16 limbs of the result (limb i at 2i, 2i+1 as low, high word; limbs past
 *          k are 0); 32 k.
 * Cost:    about 35 k^2 steps per multiplication, 1.5 multiplications per exponent bit.
 */
#include "zisk.h"

#define MAX_LIMBS 64

typedef unsigned __int128 u128;

static size_t k;
static const uint64_t *mod;
static uint64_t mod_inv; /* -modulus^-1 mod 2^64 */

/* out = a * b / 2^(64k) mod modulus, for a, b < modulus; out may alias a or b. */
static void mont_mul(uint64_t *out, const uint64_t *a, const uint64_t *b) {
  uint64_t t[MAX_LIMBS + 2];
  memset(t, 0, (k + 2) * sizeof t[0]);
  for (size_t i = 0; i < k; i++) {
    uint64_t carry = 0;
    for (size_t j = 0; j < k; j++) {
      u128 acc = (u128)a[j] * b[i] + t[j] + carry;
      t[j] = (uint64_t)acc;
      carry = (uint64_t)(acc >> 64);
    }
    u128 top = (u128)t[k] + carry;
    t[k] = (uint64_t)top;
    t[k + 1] = (uint64_t)(top >> 64);

    uint64_t m = t[0] * mod_inv;
    u128 acc = (u128)m * mod[0] + t[0];
    carry = (uint64_t)(acc >> 64);
    for (size_t j = 1; j < k; j++) {
      acc = (u128)m * mod[j] + t[j] + carry;
      t[j - 1] = (uint64_t)acc;
      carry = (uint64_t)(acc >> 64);
    }
    top = (u128)t[k] + carry;
    t[k - 1] = (uint64_t)top;
    t[k] = t[k + 1] + (uint64_t)(top >> 64);
  }
  /* t < 2 * modulus: subtract the modulus once if t >= modulus. */
  int geq = t[k] != 0;
  if (!geq) {
    geq = 1;
    for (size_t j = k; j-- > 0;) {
      if (t[j] != mod[j]) {
        geq = t[j] > mod[j];
        break;
      }
    }
  }
  uint64_t borrow = 0;
  for (size_t j = 0; j < k; j++) {
    uint64_t d = t[j] - (geq ? mod[j] : 0);
    uint64_t b1 = d > t[j];
    out[j] = d - borrow;
    borrow = b1 | (out[j] > d);
  }
}

/* x = 2x mod modulus, for x < modulus. */
static void double_mod(uint64_t *x) {
  uint64_t top = x[k - 1] >> 63;
  for (size_t j = k; j-- > 1;) x[j] = x[j] << 1 | x[j - 1] >> 63;
  x[0] <<= 1;
  int geq = top != 0;
  if (!geq) {
    geq = 1;
    for (size_t j = k; j-- > 0;) {
      if (x[j] != mod[j]) {
        geq = x[j] > mod[j];
        break;
      }
    }
  }
  if (!geq) return;
  uint64_t borrow = 0;
  for (size_t j = 0; j < k; j++) {
    uint64_t d = x[j] - mod[j];
    uint64_t b1 = d > x[j];
    x[j] = d - borrow;
    borrow = b1 | (x[j] > d);
  }
}

int main(void) {
  size_t mod_len, base_len, exp_len;
  mod = (const uint64_t *)zisk_read(&mod_len);
  const uint64_t *base = (const uint64_t *)zisk_read(&base_len);
  const uint64_t *exp = (const uint64_t *)zisk_read(&exp_len);
  k = mod_len / 8;
  if (mod_len % 8 != 0 || k == 0 || k > MAX_LIMBS || base_len != mod_len || exp_len % 8 != 0 ||
      (mod[0] & 1) == 0) {
    return ZISK_EXIT_PANIC;
  }

  /* Newton's iteration doubles the correct low bits of an inverse: 3 bits (odd m: m * m = 1
     mod 8) become 96 after five steps. */
  uint64_t inv = mod[0];
  for (int i = 0; i < 5; i++) inv *= 2 - mod[0] * inv;
  mod_inv = -inv;

  /* r2 = 2^(128k) mod modulus by doubling 1; then to Montgomery form: x * r2 / 2^(64k). */
  uint64_t r2[MAX_LIMBS] = {0}, acc[MAX_LIMBS], b[MAX_LIMBS], one[MAX_LIMBS] = {0};
  r2[0] = 1;
  if (k == 1 && mod[0] == 1) r2[0] = 0;
  for (size_t i = 0; i < 128 * k; i++) double_mod(r2);
  one[0] = 1;
  mont_mul(acc, one, r2);
  mont_mul(b, base, r2);

  size_t exp_limbs = exp_len / 8;
  for (size_t i = exp_limbs; i-- > 0;) {
    for (int bit = 63; bit >= 0; bit--) {
      mont_mul(acc, acc, acc);
      if ((exp[i] >> bit) & 1) mont_mul(acc, acc, b);
    }
  }
  mont_mul(acc, acc, one);

  for (uint32_t i = 0; i < 16; i++) zisk_set_output_u64(2 * i, i < k ? acc[i] : 0);
  zisk_set_output(32, (uint32_t)k);
  return 0;
}

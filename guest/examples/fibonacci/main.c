/*
 * Fibonacci: F(n) mod 2^64 by iteration, n from the input.
 *
 * Input:   one record, n as a u64.
 * Outputs: 0-1 F(n), 2-3 F(0) + ... + F(n-1) (= F(n+1) - 1), 4-5 n; each as low word, high word,
 *          everything mod 2^64.
 * Cost:    7 steps per iteration.
 */
#include "zisk.h"

int main(void) {
  uint64_t n = zisk_read_u64();
  uint64_t a = 0, b = 1, sum = 0;
  for (uint64_t i = 0; i < n; i++) {
    sum += a;
    uint64_t next = a + b;
    a = b;
    b = next;
  }
  zisk_set_output_u64(0, a);
  zisk_set_output_u64(2, sum);
  zisk_set_output_u64(4, n);
  return 0;
}

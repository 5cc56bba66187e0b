/*
 * Sorting: quicksort of a u64 array, then a check of the result.
 *
 * Input:   one record, the array as little-endian u64s (its length a multiple of 8).
 * Outputs: 0 1 if the result is in non-decreasing order (checked by the program), 1 the element
 *          count n (mod 2^32), 2-3 sum of (i + 1) * a[i] over the sorted array, 4-5 xor of all
 *          elements, 6-7 a[0], 8-9 a[n - 1], 10-11 a[n / 2]; 64-bit values as low, high word,
 *          sums mod 2^64, and absent elements (n = 0) as 0.
 * Cost:    about 10 n log2(n) steps for random data.
 */
#include "zisk.h"

static void swap(uint64_t *a, uint64_t *b) {
  uint64_t t = *a;
  *a = *b;
  *b = t;
}

static void insertion_sort(uint64_t *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint64_t v = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
    a[j] = v;
  }
}

/* Median-of-three Hoare partitioning; recursion only into the smaller side keeps the stack at
   O(log n) frames whatever the data. */
static void quicksort(uint64_t *a, size_t n) {
  while (n > 16) {
    size_t mid = n / 2;
    if (a[mid] < a[0]) swap(&a[mid], &a[0]);
    if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
    if (a[n - 1] < a[mid]) swap(&a[n - 1], &a[mid]);
    uint64_t pivot = a[mid];
    size_t i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i >= j) break;
      swap(&a[i], &a[j]);
      i++;
      j--;
    }
    size_t left = j + 1;
    if (left < n - left) {
      quicksort(a, left);
      a += left;
      n -= left;
    } else {
      quicksort(a + left, n - left);
      n = left;
    }
  }
  insertion_sort(a, n);
}

int main(void) {
  size_t len;
  const uint8_t *data = zisk_read(&len);
  if (len % 8 != 0) return ZISK_EXIT_PANIC;
  size_t n = len / 8;
  uint64_t *a = zisk_alloc(len);
  memcpy(a, data, len);

  quicksort(a, n);

  uint32_t sorted = 1;
  uint64_t weighted = 0, all = 0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && a[i - 1] > a[i]) sorted = 0;
    weighted += (uint64_t)(i + 1) * a[i];
    all ^= a[i];
  }
  zisk_set_output(0, sorted);
  zisk_set_output(1, (uint32_t)n);
  zisk_set_output_u64(2, weighted);
  zisk_set_output_u64(4, all);
  zisk_set_output_u64(6, n > 0 ? a[0] : 0);
  zisk_set_output_u64(8, n > 0 ? a[n - 1] : 0);
  zisk_set_output_u64(10, n > 0 ? a[n / 2] : 0);
  return 0;
}

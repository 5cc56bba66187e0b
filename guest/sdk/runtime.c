/*
 * The guest side of zisk.h, plus the memory functions a freestanding build needs.
 * Built only for the RISC-V guest; host/harness.c implements zisk.h for native runs.
 *
 * memcpy, memmove, memset and memcmp keep their standard names: clang emits calls to them, and
 * ZisK's transpiler looks these symbols up to replace them with its DMA precompiles.
 */
#include "zisk.h"

/* Defined by the linker script: the heap runs from the top of the stack to the float library's RAM. */
extern char _heap_start[];
extern char _heap_end[];
/* The exit path of start.S; a0 = exit code. */
extern _Noreturn void _zisk_exit(int code);

/* Word access to byte buffers, exempt from strict aliasing. */
typedef uint64_t __attribute__((may_alias)) word_t;

/* Offset from ZISK_INPUT_ADDR of the next record: the input file starts after the free-input slot. */
static uint64_t input_pos = 8;
static uintptr_t heap_next;

const uint8_t *zisk_read(size_t *len) {
  const uint8_t *record = (const uint8_t *)(ZISK_INPUT_ADDR + input_pos);
  uint64_t n = *(const word_t *)record;
  input_pos += 8 + ((n + 7) & ~(uint64_t)7);
  *len = (size_t)n;
  return record + 8;
}

uint64_t zisk_read_u64(void) {
  size_t len;
  const uint8_t *p = zisk_read(&len);
  if (len != 8) zisk_exit(ZISK_EXIT_PANIC);
  return *(const word_t *)p;
}

const uint8_t *zisk_input(void) { return (const uint8_t *)(ZISK_INPUT_ADDR + 8); }

void zisk_set_output(uint32_t id, uint32_t value) {
  if (id >= ZISK_OUTPUT_WORDS) zisk_exit(ZISK_EXIT_PANIC);
  ((volatile uint32_t *)ZISK_OUTPUT_ADDR)[id] = value;
}

void zisk_set_output_u64(uint32_t id, uint64_t value) {
  zisk_set_output(id, (uint32_t)value);
  zisk_set_output(id + 1, (uint32_t)(value >> 32));
}

void *zisk_alloc(size_t size) {
  if (heap_next == 0) heap_next = (uintptr_t)_heap_start;
  uintptr_t start = (heap_next + 15) & ~(uintptr_t)15;
  if (size > (uintptr_t)_heap_end - start) zisk_exit(ZISK_EXIT_PANIC);
  heap_next = start + size;
  return (void *)start;
}

_Noreturn void zisk_exit(int code) { _zisk_exit(code); }

/* Word loops when both pointers share 8-byte alignment: the copies in the examples are of u64
   arrays, and a byte loop costs about eight times the steps. */
void *memcpy(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
    while (n > 0 && ((uintptr_t)d & 7) != 0) {
      *d++ = *s++;
      n--;
    }
    for (; n >= 8; n -= 8, d += 8, s += 8) *(word_t *)d = *(const word_t *)s;
  }
  while (n > 0) {
    *d++ = *s++;
    n--;
  }
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  if (d <= s || d >= s + n) return memcpy(dst, src, n);
  while (n > 0) {
    n--;
    d[n] = s[n];
  }
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  uint8_t *d = dst;
  uint64_t word = (uint8_t)c * 0x0101010101010101ull;
  while (n > 0 && ((uintptr_t)d & 7) != 0) {
    *d++ = (uint8_t)c;
    n--;
  }
  for (; n >= 8; n -= 8, d += 8) *(word_t *)d = word;
  while (n > 0) {
    *d++ = (uint8_t)c;
    n--;
  }
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = a;
  const uint8_t *y = b;
  for (size_t i = 0; i < n; i++) {
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

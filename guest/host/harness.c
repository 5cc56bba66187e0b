/*
 * zisk.h for native runs: the oracle the zkVM's outputs are checked against.
 *
 *   NAME INPUT_FILE     runs the program on the input file, prints the 64 output words one per
 *                       line as 8 lowercase hex digits (as `zisk-ts run` does), and exits with the
 *                       program's exit code
 *
 * Unlike the zkVM, every input read is bounds-checked: a malformed input file or a read past its
 * last record stops the run with a message and exit status 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zisk.h"

int zisk_main(void);

static uint8_t *input;
static size_t input_size;
static size_t input_pos;
static uint32_t outputs[ZISK_OUTPUT_WORDS];

static _Noreturn void fail(const char *what) {
  fprintf(stderr, "zisk harness: %s\n", what);
  exit(2);
}

static uint64_t load_u64_le(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

const uint8_t *zisk_read(size_t *len) {
  if (input_size - input_pos < 8) fail("read past the last input record");
  uint64_t n = load_u64_le(input + input_pos);
  uint64_t padded = (n + 7) & ~(uint64_t)7;
  if (n > input_size - input_pos - 8 || padded > input_size - input_pos - 8) {
    fail("an input record is longer than the rest of the input file");
  }
  const uint8_t *data = input + input_pos + 8;
  input_pos += 8 + padded;
  *len = (size_t)n;
  return data;
}

uint64_t zisk_read_u64(void) {
  size_t len;
  const uint8_t *p = zisk_read(&len);
  if (len != 8) zisk_exit(ZISK_EXIT_PANIC);
  return load_u64_le(p);
}

const uint8_t *zisk_input(void) { return input; }

void zisk_set_output(uint32_t id, uint32_t value) {
  if (id >= ZISK_OUTPUT_WORDS) zisk_exit(ZISK_EXIT_PANIC);
  outputs[id] = value;
}

void zisk_set_output_u64(uint32_t id, uint64_t value) {
  zisk_set_output(id, (uint32_t)value);
  zisk_set_output(id + 1, (uint32_t)(value >> 32));
}

void *zisk_alloc(size_t size) {
  void *p = calloc(1, size ? size : 1);
  if (p == NULL) zisk_exit(ZISK_EXIT_PANIC);
  return p;
}

static void print_outputs(void) {
  for (unsigned i = 0; i < ZISK_OUTPUT_WORDS; i++) printf("%08x\n", (unsigned)outputs[i]);
  fflush(stdout);
}

_Noreturn void zisk_exit(int code) {
  print_outputs();
  exit(code);
}

static void read_input(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) fail("cannot open the input file");
  size_t cap = 1 << 16;
  input = malloc(cap);
  for (;;) {
    if (input == NULL) fail("out of memory reading the input file");
    input_size += fread(input + input_size, 1, cap - input_size, f);
    if (input_size < cap) break;
    cap *= 2;
    input = realloc(input, cap);
  }
  if (ferror(f)) fail("cannot read the input file");
  fclose(f);
  if (input_size % 8 != 0) fail("the input file's length is not a multiple of 8");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s INPUT_FILE\n", argv[0]);
    return 2;
  }
  read_input(argv[1]);
  zisk_exit(zisk_main());
}

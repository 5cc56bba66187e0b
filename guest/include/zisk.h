/*
 * zisk.h — the C guest SDK of zisk-ts.
 *
 * A guest is a freestanding C program for RV64IMA (lp64) built for ZisK's memory layout, so the
 * same ELF runs on zisk-ts and on ZisK. Build it with guest/build.sh, which links it with
 * sdk/start.S (entry), sdk/runtime.c (this header's functions, memcpy/memset/memcmp/memmove) and
 * sdk/zisk.ld (layout).
 *
 * Memory layout
 *   0x8000_0000  ROM: code (start code first, in a 128-byte slot), then read-only data
 *   0x4000_0000  input (read-only): a zero u64 (the free-input slot), then the input file
 *   0xA000_0000  system area: registers, UART (0xA000_0200), CSRs (0xA000_8000); not for guests
 *   0xA001_0000  output area: 64 32-bit public outputs (the first 256 bytes are published)
 *   0xA003_0000  RAM: .data, .bss, then a 1 MB stack, then the heap up to 0xBFFF_0000
 *
 * Input. The input file is a concatenation of records [u64 LE length][bytes][zero padding to 8].
 * zisk_read() returns the records in order. Reading past the last record is an error: the native
 * harness stops with exit status 2; on the zkVM the read lands past the input (a memory error).
 *
 * Output. zisk_set_output(id, value) writes 32-bit public output id (0..63), like ZisK's commit.
 * Outputs never written are zero. The whole output is the 64 words, printed one per line as 8
 * lowercase hex digits by `zisk-ts run` and by the native harness.
 *
 * Exit. main() returns an exit code; the start code ends the run with `li a7, 93; ecall` (a0 =
 * code). Return 0 for success: ZisK's BIOS publishes the outputs only then, and treats any
 * other code as a failed execution, which is not proved.
 *
 * Native builds. Compiled with -DZISK_HOST (guest/build.sh --native), the same program runs on the
 * host: host/harness.c implements this header over an input file given on the command line and
 * prints the outputs. That native run is the oracle the zkVM's outputs are checked against.
 */
#ifndef ZISK_H
#define ZISK_H

#include <stddef.h>
#include <stdint.h>

#define ZISK_INPUT_ADDR 0x40000000UL
#define ZISK_OUTPUT_ADDR 0xA0010000UL
#define ZISK_OUTPUT_WORDS 64u
/* Exit code of a program stopped by a misuse of this API (the value Rust uses for a panic). */
#define ZISK_EXIT_PANIC 101

#ifdef __cplusplus
extern "C" {
#endif

/* The next input record: its bytes (8-byte aligned), and its length in *len. */
const uint8_t *zisk_read(size_t *len);

/* The next input record as a little-endian u64; the record must be exactly 8 bytes long. */
uint64_t zisk_read_u64(void);

/* The raw input file (records with their length words), as placed at ZISK_INPUT_ADDR + 8. */
const uint8_t *zisk_input(void);

/* Public output id (0..63) := value. An id out of range stops the program (ZISK_EXIT_PANIC). */
void zisk_set_output(uint32_t id, uint32_t value);

/* Outputs id := low 32 bits, id + 1 := high 32 bits. */
void zisk_set_output_u64(uint32_t id, uint64_t value);

/* size bytes of zeroed RAM, 16-byte aligned, never freed. Stops the program when RAM runs out. */
void *zisk_alloc(size_t size);

/* Ends the program now, as if main had returned code. */
_Noreturn void zisk_exit(int code);

#ifdef ZISK_HOST
#include <string.h>
#else
/* Provided by sdk/runtime.c: a freestanding build has no libc, and clang emits calls to these. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif

#ifdef __cplusplus
}
#endif

#endif /* ZISK_H */

/*
 * The RISC-V M extension over edge operands: mul, mulh, mulhsu, mulhu, div, divu, rem, remu, mulw,
 * divw, divuw, remw, remuw on every ordered pair of operands, including division by zero and the
 * signed overflows INT64_MIN / -1 and INT32_MIN / -1.
 *
 * Input:   record 1, rounds (u64); record 2, operands (u64 array), empty for the built-in table.
 *          Round r uses every operand rotated left by r bits; round 0 uses them as they are.
 * Outputs: 2k, 2k+1 (k = 0..12, in the order above) a digest of op k's results; 26-27 the digest
 *          of all results; 28 the number of operations (mod 2^32). Digest: FNV-1a over u64 words.
 * Cost:    about 75 steps per ordered pair of operands and round.
 *
 * On RISC-V each operation is one instruction (inline assembly); the native build computes it with
 * plain C from the ISA manual's definitions, so a native run is an oracle for the instructions.
 */
#include "zisk.h"

#define OPS 13

static const uint64_t TABLE[] = {
    0x0000000000000000, 0x0000000000000001, 0x0000000000000002, 0x0000000000000003,
    0xffffffffffffffff, 0xfffffffffffffffe, 0x7fffffffffffffff, 0x8000000000000000,
    0x8000000000000001, 0x000000007fffffff, 0x0000000080000000, 0x00000000ffffffff,
    0x0000000100000000, 0xffffffff80000000, 0xffffffff7fffffff, 0xffffffff00000000,
    0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x123456789abcdef0, 0xfedcba9876543210,
    0x0000000080000001, 0x00000000fffffffe,
};

#if defined(__riscv)
#define RR(insn, a, b)                                              \
  ({                                                                \
    uint64_t r_;                                                    \
    __asm__(insn " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b));        \
    r_;                                                             \
  })
static void apply(uint64_t a, uint64_t b, uint64_t r[OPS]) {
  r[0] = RR("mul", a, b);
  r[1] = RR("mulh", a, b);
  r[2] = RR("mulhsu", a, b);
  r[3] = RR("mulhu", a, b);
  r[4] = RR("div", a, b);
  r[5] = RR("divu", a, b);
  r[6] = RR("rem", a, b);
  r[7] = RR("remu", a, b);
  r[8] = RR("mulw", a, b);
  r[9] = RR("divw", a, b);
  r[10] = RR("divuw", a, b);
  r[11] = RR("remw", a, b);
  r[12] = RR("remuw", a, b);
}
#else
/* The RISC-V unprivileged ISA, chapter "M" (division by zero and overflow: its table 7.1). */
typedef __int128 i128;
typedef unsigned __int128 u128;

static uint64_t sext32(uint32_t x) { return (uint64_t)(int64_t)(int32_t)x; }

static void apply(uint64_t a, uint64_t b, uint64_t r[OPS]) {
  int64_t sa = (int64_t)a, sb = (int64_t)b;
  r[0] = a * b;
  r[1] = (uint64_t)(((i128)sa * (i128)sb) >> 64);
  r[2] = (uint64_t)(((i128)sa * (i128)(u128)b) >> 64);
  r[3] = (uint64_t)(((u128)a * (u128)b) >> 64);
  if (b == 0) {
    r[4] = UINT64_MAX;
    r[6] = a;
  } else if (sa == INT64_MIN && sb == -1) {
    r[4] = a;
    r[6] = 0;
  } else {
    r[4] = (uint64_t)(sa / sb);
    r[6] = (uint64_t)(sa % sb);
  }
  r[5] = b == 0 ? UINT64_MAX : a / b;
  r[7] = b == 0 ? a : a % b;

  uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
  int32_t sa32 = (int32_t)a32, sb32 = (int32_t)b32;
  r[8] = sext32(a32 * b32);
  if (b32 == 0) {
    r[9] = UINT64_MAX;
    r[11] = sext32(a32);
  } else if (sa32 == INT32_MIN && sb32 == -1) {
    r[9] = sext32(a32);
    r[11] = 0;
  } else {
    r[9] = sext32((uint32_t)(sa32 / sb32));
    r[11] = sext32((uint32_t)(sa32 % sb32));
  }
  r[10] = b32 == 0 ? UINT64_MAX : sext32(a32 / b32);
  r[12] = b32 == 0 ? sext32(a32) : sext32(a32 % b32);
}
#endif

static uint64_t fnv(uint64_t h, uint64_t word) { return (h ^ word) * 0x100000001b3ull; }

static uint64_t rotl(uint64_t x, unsigned r) { return r == 0 ? x : (x << r) | (x >> (64 - r)); }

int main(void) {
  uint64_t rounds = zisk_read_u64();
  size_t len;
  const uint64_t *ops = (const uint64_t *)zisk_read(&len);
  size_t n = len / 8;
  if (len % 8 != 0) return ZISK_EXIT_PANIC;
  if (n == 0) {
    ops = TABLE;
    n = sizeof TABLE / sizeof TABLE[0];
  }

  uint64_t digest[OPS], all = 0xcbf29ce484222325ull, count = 0;
  for (int k = 0; k < OPS; k++) digest[k] = 0xcbf29ce484222325ull;
  for (uint64_t round = 0; round < rounds; round++) {
    unsigned rot = (unsigned)(round % 64);
    for (size_t i = 0; i < n; i++) {
      uint64_t a = rotl(ops[i], rot);
      for (size_t j = 0; j < n; j++) {
        uint64_t b = rotl(ops[j], rot), r[OPS];
        apply(a, b, r);
        for (int k = 0; k < OPS; k++) {
          digest[k] = fnv(digest[k], r[k]);
          all = fnv(all, r[k]);
        }
        count += OPS;
      }
    }
  }
  for (uint32_t k = 0; k < OPS; k++) zisk_set_output_u64(2 * k, digest[k]);
  zisk_set_output_u64(26, all);
  zisk_set_output(28, (uint32_t)count);
  return 0;
}

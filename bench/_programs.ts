/**
 * Benchmark programs built in memory, used when the SDK's example ELFs (guest/elf) are not present:
 * a fibonacci loop shaped like the SDK's (7 steps per iteration) and SHA-256's compression function
 * (message schedule and 64 rounds on 32-bit words, the message read as little-endian words).
 */
import { Asm } from '../src/riscv/test-support/asm.js';
import { CODE_BASE, STACK_TOP, writeElf } from '../src/riscv/test-support/elf-writer.js';

/** F(n) mod 2^64 and the running sum, n = 5_000_000 (35 M steps). */
export function fibonacciElf(n = 5_000_000): Uint8Array {
  const a = new Asm(CODE_BASE);
  a.li(2, STACK_TOP).li(10, n).li(13, 0).li(9, 0).li(12, 1);
  a.label('loop');
  a.add(14, 13, 12).addi(10, 10, -1).add(9, 13, 9).mv(11, 12).mv(13, 12).mv(12, 14).bne(10, 0, 'loop');
  a.li(5, 0xa0010000).sd(11, 5, 0).sd(9, 5, 8).exit();
  return writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: a.bytes(), flags: 5 }]);
}

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** SHA-256 compression over `blocks` 64-byte blocks of RAM (≈ 3 700 steps per block). */
export function sha256Elf(blocks = 1500): Uint8Array {
  const MSG = 0xa0100000;
  const W = 0xa0200000;
  const K_ADDR = 0x80100000; // a read-only segment of its own
  const a = new Asm(CODE_BASE);
  const [T0, T1, T2, T3, T4, T5, T6] = [5, 6, 7, 28, 29, 30, 31];
  const [A, B, C, D, E, F, G, H] = [18, 19, 20, 21, 22, 23, 24, 25];
  const [PTR, END, WP, KP, CNT, HP] = [8, 9, 26, 27, 10, 11];
  const rotr = (rd: number, x: number, n: number, tmp: number) => a.srliw(rd, x, n).slliw(tmp, x, 32 - n).or(rd, rd, tmp);
  a.li(2, STACK_TOP);
  // The message: word i = i · 0x9e3779b9.
  a.li(PTR, MSG).li(END, MSG + 64 * blocks).li(T1, 0).li(T2, 0x9e3779b9);
  a.label('fill').sw(T1, PTR, 0).addw(T1, T1, T2).addi(PTR, PTR, 4).bne(PTR, END, 'fill');
  a.li(HP, W + 256);
  H0.forEach((h, i) => a.li(T0, h).sw(T0, HP, 4 * i));
  a.li(PTR, MSG);
  a.label('block');
  // W[0..15] = the block's words.
  a.li(WP, W).li(CNT, 16);
  a.label('copy').lw(T0, PTR, 0).sw(T0, WP, 0).addi(PTR, PTR, 4).addi(WP, WP, 4).addi(CNT, CNT, -1).bne(CNT, 0, 'copy');
  // W[16..63] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16].
  a.li(CNT, 48);
  a.label('sched');
  a.lw(T0, WP, -8);
  rotr(T1, T0, 17, T3); rotr(T2, T0, 19, T3); a.xor(T1, T1, T2).srliw(T2, T0, 10).xor(T1, T1, T2);
  a.lw(T0, WP, -60);
  rotr(T4, T0, 7, T3); rotr(T2, T0, 18, T3); a.xor(T4, T4, T2).srliw(T2, T0, 3).xor(T4, T4, T2);
  a.lw(T0, WP, -28).addw(T1, T1, T0).addw(T1, T1, T4).lw(T0, WP, -64).addw(T1, T1, T0).sw(T1, WP, 0);
  a.addi(WP, WP, 4).addi(CNT, CNT, -1).bne(CNT, 0, 'sched');
  // 64 rounds.
  [A, B, C, D, E, F, G, H].forEach((r, i) => a.lw(r, HP, 4 * i));
  a.li(WP, W).li(KP, K_ADDR).li(CNT, 64);
  a.label('round');
  rotr(T1, E, 6, T3); rotr(T2, E, 11, T3); a.xor(T1, T1, T2); rotr(T2, E, 25, T3); a.xor(T1, T1, T2); // Σ1(e)
  a.and(T2, E, F).xori(T4, E, -1).and(T4, T4, G).xor(T2, T2, T4); // Ch(e, f, g)
  a.addw(T1, T1, T2).addw(T1, T1, H).lw(T0, KP, 0).addw(T1, T1, T0).lw(T0, WP, 0).addw(T1, T1, T0);
  rotr(T2, A, 2, T3); rotr(T4, A, 13, T3); a.xor(T2, T2, T4); rotr(T4, A, 22, T3); a.xor(T2, T2, T4); // Σ0(a)
  a.and(T4, A, B).and(T5, A, C).xor(T4, T4, T5).and(T5, B, C).xor(T4, T4, T5).addw(T2, T2, T4); // + Maj(a, b, c)
  a.mv(H, G).mv(G, F).mv(F, E).addw(E, D, T1).mv(D, C).mv(C, B).mv(B, A).addw(A, T1, T2);
  a.addi(WP, WP, 4).addi(KP, KP, 4).addi(CNT, CNT, -1).bne(CNT, 0, 'round');
  [A, B, C, D, E, F, G, H].forEach((r, i) => a.lw(T0, HP, 4 * i).addw(T0, T0, r).sw(T0, HP, 4 * i));
  a.bne(PTR, END, 'block');
  // Outputs: the final state.
  a.li(T6, 0xa0010000);
  for (let i = 0; i < 8; i++) a.lw(T0, HP, 4 * i).sw(T0, T6, 4 * i);
  a.exit();
  const k = new Uint8Array(4 * K.length);
  K.forEach((w, i) => new DataView(k.buffer).setUint32(4 * i, w, true));
  return writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: a.bytes(), flags: 5 }, { vaddr: K_ADDR, data: k, flags: 4 }]);
}

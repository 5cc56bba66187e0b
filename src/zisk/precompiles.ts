/**
 * ZisK's precompiles (reference section 2.6). A guest calls precompile k with `csrs 0x800+k, rs1`
 * (rs1 points to its parameter block). zisk-ts recognises them all, transpiles them to their ZisK
 * opcode, and stops with "precompile <name> is not supported yet" when one is executed, until its
 * state machine exists. Sizes are the bytes of memory the op reads and writes.
 */
import {
  OP_TYPE_ARITH_EQ, OP_TYPE_ARITH_EQ_384, OP_TYPE_BIG_INT, OP_TYPE_BLAKE2, OP_TYPE_DMA, OP_TYPE_KECCAK,
  OP_TYPE_POSEIDON2, OP_TYPE_PROFILE, OP_TYPE_SHA256,
} from './op-types.js';

export interface PrecompileDef {
  /** The CSR a guest uses to call it. */
  readonly csr: number;
  readonly name: string;
  /** Its ZisK opcode. */
  readonly code: number;
  readonly opType: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly cost: number;
}

/** First and last precompile CSRs. */
export const CSR_PRECOMPILE_FIRST = 0x800;
export const CSR_PRECOMPILE_LAST = 0x81a;

const p = (csr: number, name: string, code: number, opType: number, inputSize: number, outputSize: number, cost: number): PrecompileDef =>
  Object.freeze({ csr, name, code, opType, inputSize, outputSize, cost });

const ARITH_EQ_COST = 89 * 16;
const ARITH_EQ_384_COST = 79 * 24;

/** Indexed by csr − 0x800. */
export const PRECOMPILES: readonly PrecompileDef[] = [
  p(0x800, 'keccak', 0xf1, OP_TYPE_KECCAK, 200, 200, 25 * 3022),
  p(0x801, 'arith256', 0xf2, OP_TYPE_ARITH_EQ, 136, 64, ARITH_EQ_COST),
  p(0x802, 'arith256_mod', 0xf3, OP_TYPE_ARITH_EQ, 168, 32, ARITH_EQ_COST),
  p(0x803, 'secp256k1_add', 0xf4, OP_TYPE_ARITH_EQ, 144, 64, ARITH_EQ_COST),
  p(0x804, 'secp256k1_dbl', 0xf5, OP_TYPE_ARITH_EQ, 64, 64, ARITH_EQ_COST),
  p(0x805, 'sha256', 0xf9, OP_TYPE_SHA256, 112, 112, 72 * 121),
  p(0x806, 'bn254_curve_add', 0xfa, OP_TYPE_ARITH_EQ, 144, 64, ARITH_EQ_COST),
  p(0x807, 'bn254_curve_dbl', 0xfb, OP_TYPE_ARITH_EQ, 64, 64, ARITH_EQ_COST),
  p(0x808, 'bn254_complex_add', 0xfc, OP_TYPE_ARITH_EQ, 144, 64, ARITH_EQ_COST),
  p(0x809, 'bn254_complex_sub', 0xfd, OP_TYPE_ARITH_EQ, 144, 64, ARITH_EQ_COST),
  p(0x80a, 'bn254_complex_mul', 0xfe, OP_TYPE_ARITH_EQ, 144, 64, ARITH_EQ_COST),
  p(0x80b, 'arith384_mod', 0xe2, OP_TYPE_ARITH_EQ_384, 232, 48, ARITH_EQ_384_COST),
  p(0x80c, 'bls12_381_curve_add', 0xe3, OP_TYPE_ARITH_EQ_384, 208, 96, ARITH_EQ_384_COST),
  p(0x80d, 'bls12_381_curve_dbl', 0xe4, OP_TYPE_ARITH_EQ_384, 96, 96, ARITH_EQ_384_COST),
  p(0x80e, 'bls12_381_complex_add', 0xe5, OP_TYPE_ARITH_EQ_384, 208, 96, ARITH_EQ_384_COST),
  p(0x80f, 'bls12_381_complex_sub', 0xe6, OP_TYPE_ARITH_EQ_384, 208, 96, ARITH_EQ_384_COST),
  p(0x810, 'bls12_381_complex_mul', 0xe7, OP_TYPE_ARITH_EQ_384, 208, 96, ARITH_EQ_384_COST),
  p(0x811, 'add256', 0xf0, OP_TYPE_BIG_INT, 104, 32, 104),
  p(0x812, 'poseidon2', 0xe1, OP_TYPE_POSEIDON2, 128, 128, 14 * 75),
  p(0x813, 'dma_memcpy', 0xd0, OP_TYPE_DMA, 8, 0, 46),
  p(0x814, 'dma_memcmp', 0xd1, OP_TYPE_DMA, 16, 0, 61),
  p(0x815, 'dma_inputcpy', 0xd2, OP_TYPE_DMA, 8, 0, 40),
  p(0x816, 'dma_memset', 0xd9, OP_TYPE_DMA, 8, 0, 61),
  p(0x817, 'secp256r1_add', 0xe8, OP_TYPE_ARITH_EQ, 144, 64, ARITH_EQ_COST),
  p(0x818, 'secp256r1_dbl', 0xe9, OP_TYPE_ARITH_EQ, 64, 64, ARITH_EQ_COST),
  p(0x819, 'blake2', 0xea, OP_TYPE_BLAKE2, 280, 128, 24 * 205),
  p(0x81a, 'profile', 0xe0, OP_TYPE_PROFILE, 0, 0, 0),
];

/** The precompile called through a CSR, or undefined. */
export function precompileByCsr(csr: number): PrecompileDef | undefined {
  return csr >= CSR_PRECOMPILE_FIRST && csr <= CSR_PRECOMPILE_LAST ? PRECOMPILES[csr - CSR_PRECOMPILE_FIRST] : undefined;
}

/** The precompile with a given opcode (0..255), or undefined. */
export const PRECOMPILE_BY_CODE: readonly (PrecompileDef | undefined)[] = (() => {
  const table: (PrecompileDef | undefined)[] = new Array(256).fill(undefined);
  for (const pc of PRECOMPILES) table[pc.code] = pc;
  return table;
})();

/**
 * Operation types (ZisK's `ZiskOperationType`, same numeric values) and the state machines that
 * prove each op. The op type decides whether a step is sent on the operation bus: only types strictly
 * between INTERNAL and FCALL_PARAM are external.
 */

export const OP_TYPE_NONE = 0;
export const OP_TYPE_INTERNAL = 1;
export const OP_TYPE_ARITH = 2;
export const OP_TYPE_BINARY = 3;
export const OP_TYPE_BINARY_E = 4;
export const OP_TYPE_KECCAK = 5;
export const OP_TYPE_SHA256 = 6;
export const OP_TYPE_POSEIDON2 = 7;
export const OP_TYPE_BLAKE2 = 8;
export const OP_TYPE_PUBOUT = 9;
export const OP_TYPE_ARITH_EQ = 10;
export const OP_TYPE_ARITH_EQ_384 = 11;
export const OP_TYPE_BIG_INT = 12;
export const OP_TYPE_DMA = 13;
export const OP_TYPE_FCALL_PARAM = 14;
export const OP_TYPE_FCALL = 15;
export const OP_TYPE_FCALL_GET = 16;
export const OP_TYPE_PROFILE = 17;

export const OP_TYPE_NAMES: readonly string[] = [
  'None', 'Internal', 'Arith', 'Binary', 'BinaryE', 'Keccak', 'Sha256', 'Poseidon2', 'Blake2',
  'PubOut', 'ArithEq', 'ArithEq384', 'BigInt', 'Dma', 'FcallParam', 'Fcall', 'FcallGet', 'Profile',
];

/** True when steps of this op type are sent on the operation bus. */
export function isExternalOpType(opType: number): boolean {
  return opType > OP_TYPE_INTERNAL && opType < OP_TYPE_FCALL_PARAM;
}

/**
 * State machines that prove ops, for statistics and cost estimates. Main proves every step (and the
 * internal ops, pubout and the free-input ops); the others prove the external ops of their family.
 */
export const SM_MAIN = 0;
export const SM_BINARY = 1;
export const SM_BINARY_ADD = 2;
export const SM_BINARY_EXTENSION = 3;
export const SM_ARITH = 4;
export const SM_PRECOMPILE = 5;

export const SM_NAMES: readonly string[] = ['Main', 'Binary', 'BinaryAdd', 'BinaryExtension', 'Arith', 'Precompiles'];

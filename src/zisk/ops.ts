/**
 * The op table: the one source of truth for ZisK's operations (ZisK's `define_ops!`, section 2 of
 * the reference). Each row gives the opcode (fixed by ZisK's PIL), name, op type, the state machine
 * that proves it, the cost estimate, how its flag behaves, and its semantics twice:
 *
 * - `js`: JavaScript statements over 32-bit halves (`aLo aHi bLo bHi`, int32) that set `cLo cHi`
 *   (int32) and `flag` (0/1). The emulator's compiled mode pastes them into the code it generates
 *   (with `X` = ./wide.ts and `W` = its result slots in scope), and `exec` is built from the same
 *   text, so interpreter and compiled code cannot disagree.
 * - `ref`: a plain BigInt version written from the RISC-V/ZisK definitions, for tests only.
 *
 * The transpiler, the emulator, the statistics and (later) the state machines all read this table.
 */
import * as X from './wide.js';
import {
  OP_TYPE_ARITH, OP_TYPE_BINARY, OP_TYPE_BINARY_E, OP_TYPE_FCALL, OP_TYPE_FCALL_GET, OP_TYPE_FCALL_PARAM,
  OP_TYPE_INTERNAL, OP_TYPE_PUBOUT, SM_ARITH, SM_BINARY, SM_BINARY_ADD, SM_BINARY_EXTENSION, SM_MAIN,
} from './op-types.js';

/** The flag is always 0, always 1, or depends on the operands (comparisons, division by zero). */
export const FLAG_ZERO = 0;
export const FLAG_ONE = 1;
export const FLAG_VARIES = 2;

/**
 * What the emulator must do besides computing (c, flag): nothing, a free-input call, stop with an
 * error (halt), or reject an unsupported precompile (rows of ./precompiles.ts).
 */
export const EFFECT_NONE = 0;
export const EFFECT_FCALL_PARAM = 1;
export const EFFECT_FCALL = 2;
export const EFFECT_FCALL_GET = 3;
export const EFFECT_HALT = 4;
export const EFFECT_PRECOMPILE = 5;

/** Cost estimates ("area × op") used by `--stats`, ZisK's cost model. */
export const COST_INTERNAL = 0;
export const COST_BINARY = 60;
export const COST_BINARY_ADD = 25;
export const COST_BINARY_E = 53;
export const COST_ARITH = 95;

export interface OpDef {
  readonly code: number;
  readonly name: string;
  /** ZisK's `ZiskOperationType` (./op-types.ts). */
  readonly opType: number;
  /** The state machine that proves the op (SM_* in ./op-types.ts). */
  readonly sm: number;
  readonly cost: number;
  readonly flag: number;
  readonly effect: number;
  /** Used only inside other state machines (Arith's checks); the transpiler never emits it. */
  readonly internalOnly: boolean;
  readonly js: string;
  readonly ref: (a: bigint, b: bigint) => [bigint, boolean];
  /** `js` compiled: writes c_lo, c_hi, flag to out[0..2]. */
  readonly exec: (aLo: number, aHi: number, bLo: number, bHi: number, out: Int32Array) => void;
}

export const OP_FLAG = 0x00;
export const OP_COPYB = 0x01;
export const OP_MINU = 0x02;
export const OP_MIN = 0x03;
export const OP_MAXU = 0x04;
export const OP_MAX = 0x05;
export const OP_LTU = 0x06;
export const OP_LT = 0x07;
export const OP_GT = 0x08;
export const OP_EQ = 0x09;
export const OP_ADD = 0x0a;
export const OP_SUB = 0x0b;
export const OP_LEU = 0x0c;
export const OP_LE = 0x0d;
export const OP_AND = 0x0e;
export const OP_OR = 0x0f;
export const OP_XOR = 0x10;
export const OP_MINU_W = 0x12;
export const OP_MIN_W = 0x13;
export const OP_MAXU_W = 0x14;
export const OP_MAX_W = 0x15;
export const OP_LTU_W = 0x16;
export const OP_LT_W = 0x17;
export const OP_GT_W = 0x18;
export const OP_EQ_W = 0x19;
export const OP_ADD_W = 0x1a;
export const OP_SUB_W = 0x1b;
export const OP_LEU_W = 0x1c;
export const OP_LE_W = 0x1d;
export const OP_SLL = 0x21;
export const OP_SRL = 0x22;
export const OP_SRA = 0x23;
export const OP_SLL_W = 0x24;
export const OP_SRL_W = 0x25;
export const OP_SRA_W = 0x26;
export const OP_SIGNEXTEND_B = 0x27;
export const OP_SIGNEXTEND_H = 0x28;
export const OP_SIGNEXTEND_W = 0x29;
export const OP_PUBOUT = 0x30;
export const OP_LT_ABS_NP = 0x50;
export const OP_LT_ABS_PN = 0x51;
export const OP_MULU = 0xb0;
export const OP_MULUH = 0xb1;
export const OP_MULSUH = 0xb3;
export const OP_MUL = 0xb4;
export const OP_MULH = 0xb5;
export const OP_MUL_W = 0xb6;
export const OP_DIVU = 0xb8;
export const OP_REMU = 0xb9;
export const OP_DIV = 0xba;
export const OP_REM = 0xbb;
export const OP_DIVU_W = 0xbc;
export const OP_REMU_W = 0xbd;
export const OP_DIV_W = 0xbe;
export const OP_REM_W = 0xbf;
export const OP_FCALL_PARAM = 0xf6;
export const OP_FCALL = 0xf7;
export const OP_FCALL_GET = 0xf8;
export const OP_HALT = 0xff;

// ---- fast semantics, as code text --------------------------------------------------------------

const LTU = (x: string, y: string) => `((${x}Hi >>> 0) < (${y}Hi >>> 0) || (${x}Hi === ${y}Hi && (${x}Lo >>> 0) < (${y}Lo >>> 0)))`;
const LT = (x: string, y: string) => `(${x}Hi < ${y}Hi || (${x}Hi === ${y}Hi && (${x}Lo >>> 0) < (${y}Lo >>> 0)))`;
const EQ = '(aLo === bLo && aHi === bHi)';
const cmp = (cond: string) => `flag = ${cond} ? 1 : 0; cLo = flag; cHi = 0;`;
const select = (pickA: string) => `if (${pickA}) { cLo = aLo; cHi = aHi; } else { cLo = bLo; cHi = bHi; } flag = 0;`;
const selectW = (pickA: string) => `cLo = (${pickA}) ? aLo : bLo; cHi = cLo >> 31; flag = 0;`;
const wide = (fn: string, lo: number) => `X.${fn}(aLo, aHi, bLo, bHi); cLo = W[${lo}]; cHi = W[${lo + 1}]; flag = 0;`;
const B_ZERO = '(bLo === 0 && bHi === 0)';
// Low 64 bits of a·b, inline (a helper call measured 26 ns per mul in a multiply-heavy program).
// Low word: Math.imul. High word: the high half of the unsigned 32×32 product from 16-bit pieces
// (every partial sum stays below 2^35, exact in a double), plus the two cross products' low words.
const MUL_LO = `const a0 = aLo & 0xffff, a1 = aLo >>> 16, b0 = bLo & 0xffff, b1 = bLo >>> 16;
  cLo = Math.imul(aLo, bLo);
  cHi = (a1 * b1 + ((a1 * b0 + a0 * b1 + ((a0 * b0) >>> 16)) / 65536 | 0) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) | 0;
  flag = 0;`;
// High 64 bits of the unsigned product, inline: schoolbook on 16-bit limbs, one column at a time.
// A column holds at most four products below 2^32 plus a carry below 2^19: exact in a double, and
// (t / 65536) | 0 is its exact carry; t & 0xffff its low limb (ToInt32 keeps the low 32 bits).
const MUL_HU = `const a0 = aLo & 0xffff, a1 = aLo >>> 16, a2 = aHi & 0xffff, a3 = aHi >>> 16;
  const b0 = bLo & 0xffff, b1 = bLo >>> 16, b2 = bHi & 0xffff, b3 = bHi >>> 16;
  let t = ((a0 * b0) / 65536 | 0) + a0 * b1 + a1 * b0;
  t = (t / 65536 | 0) + a0 * b2 + a1 * b1 + a2 * b0;
  t = (t / 65536 | 0) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  t = (t / 65536 | 0) + a1 * b3 + a2 * b2 + a3 * b1;
  const r4 = t & 0xffff;
  t = (t / 65536 | 0) + a2 * b3 + a3 * b2;
  const r5 = t & 0xffff;
  t = (t / 65536 | 0) + a3 * b3;
  cLo = r4 | (r5 << 16);
  cHi = (t & 0xffff) | ((t / 65536 | 0) << 16);
  flag = 0;`;
// Reading a negative operand as unsigned adds 2^64·(the other operand) to the product: take it away.
const UNSIGN = (x: string, y: string) => `if (${x}Hi < 0) { const l = (cLo - ${y}Lo) | 0;
  cHi = (cHi - ${y}Hi - ((cLo >>> 0) < (${y}Lo >>> 0) ? 1 : 0)) | 0; cLo = l; }`;

const JS_SLL = `const s = bLo & 63;
  if (s === 0) { cLo = aLo; cHi = aHi; }
  else if (s < 32) { cHi = (aHi << s) | (aLo >>> (32 - s)); cLo = aLo << s; }
  else { cHi = aLo << (s - 32); cLo = 0; }
  flag = 0;`;
const JS_SRL = `const s = bLo & 63;
  if (s === 0) { cLo = aLo; cHi = aHi; }
  else if (s < 32) { cLo = (aLo >>> s) | (aHi << (32 - s)); cHi = (aHi >>> s) | 0; }
  else { cLo = (aHi >>> (s - 32)) | 0; cHi = 0; }
  flag = 0;`;
const JS_SRA = `const s = bLo & 63;
  if (s === 0) { cLo = aLo; cHi = aHi; }
  else if (s < 32) { cLo = (aLo >>> s) | (aHi << (32 - s)); cHi = aHi >> s; }
  else { cLo = aHi >> (s - 32); cHi = aHi >> 31; }
  flag = 0;`;

// ---- reference semantics, plain BigInt -----------------------------------------------------------

const M64 = (1n << 64n) - 1n;
const u64 = (x: bigint) => BigInt.asUintN(64, x);
const s64 = (x: bigint) => BigInt.asIntN(64, x);
const s32 = (x: bigint) => BigInt.asIntN(32, x);
const sext32 = (x: bigint) => u64(s32(x));
const lo32 = (x: bigint) => x & 0xffffffffn;
const bit = (c: boolean): [bigint, boolean] => [c ? 1n : 0n, c];
const val = (c: bigint): [bigint, boolean] => [c, false];

interface Row {
  code: number;
  name: string;
  opType: number;
  sm: number;
  cost: number;
  flag: number;
  js: string;
  ref: (a: bigint, b: bigint) => [bigint, boolean];
  effect?: number;
  internalOnly?: boolean;
}

const I = OP_TYPE_INTERNAL;
const B = OP_TYPE_BINARY;
const BE = OP_TYPE_BINARY_E;
const A = OP_TYPE_ARITH;
const binary = (code: number, name: string, flag: number, js: string, ref: Row['ref'], internalOnly = false): Row =>
  ({ code, name, opType: B, sm: SM_BINARY, cost: COST_BINARY, flag, js, ref, internalOnly });
const binaryE = (code: number, name: string, js: string, ref: Row['ref']): Row =>
  ({ code, name, opType: BE, sm: SM_BINARY_EXTENSION, cost: COST_BINARY_E, flag: FLAG_ZERO, js, ref });
const arith = (code: number, name: string, flag: number, js: string, ref: Row['ref']): Row =>
  ({ code, name, opType: A, sm: SM_ARITH, cost: COST_ARITH, flag, js, ref });

const ROWS: Row[] = [
  // 2.1 internal: proved by Main itself
  { code: OP_FLAG, name: 'flag', opType: I, sm: SM_MAIN, cost: COST_INTERNAL, flag: FLAG_ONE, js: 'cLo = 0; cHi = 0; flag = 1;', ref: () => [0n, true] },
  { code: OP_COPYB, name: 'copyb', opType: I, sm: SM_MAIN, cost: COST_INTERNAL, flag: FLAG_ZERO, js: 'cLo = bLo; cHi = bHi; flag = 0;', ref: (_a, b) => val(b) },
  { code: OP_HALT, name: 'halt', opType: I, sm: SM_MAIN, cost: COST_INTERNAL, flag: FLAG_ZERO, js: 'cLo = 0; cHi = 0; flag = 0;', ref: () => [0n, false], effect: EFFECT_HALT },

  // 2.2 binary basic
  binary(OP_MINU, 'minu', FLAG_ZERO, select(LTU('a', 'b')), (a, b) => val(a < b ? a : b)),
  binary(OP_MIN, 'min', FLAG_ZERO, select(LT('a', 'b')), (a, b) => val(s64(a) < s64(b) ? a : b)),
  binary(OP_MAXU, 'maxu', FLAG_ZERO, select(LTU('b', 'a')), (a, b) => val(a > b ? a : b)),
  binary(OP_MAX, 'max', FLAG_ZERO, select(LT('b', 'a')), (a, b) => val(s64(a) > s64(b) ? a : b)),
  binary(OP_LTU, 'ltu', FLAG_VARIES, cmp(LTU('a', 'b')), (a, b) => bit(a < b)),
  binary(OP_LT, 'lt', FLAG_VARIES, cmp(LT('a', 'b')), (a, b) => bit(s64(a) < s64(b))),
  binary(OP_GT, 'gt', FLAG_VARIES, cmp(LT('b', 'a')), (a, b) => bit(s64(a) > s64(b)), true),
  binary(OP_EQ, 'eq', FLAG_VARIES, cmp(EQ), (a, b) => bit(a === b)),
  {
    code: OP_ADD, name: 'add', opType: B, sm: SM_BINARY_ADD, cost: COST_BINARY_ADD, flag: FLAG_ZERO,
    js: 'cLo = (aLo + bLo) | 0; cHi = (aHi + bHi + ((cLo >>> 0) < (aLo >>> 0) ? 1 : 0)) | 0; flag = 0;',
    ref: (a, b) => val(u64(a + b)),
  },
  binary(OP_SUB, 'sub', FLAG_ZERO, 'cLo = (aLo - bLo) | 0; cHi = (aHi - bHi - ((aLo >>> 0) < (bLo >>> 0) ? 1 : 0)) | 0; flag = 0;', (a, b) => val(u64(a - b))),
  binary(OP_LEU, 'leu', FLAG_VARIES, cmp(`!${LTU('b', 'a')}`), (a, b) => bit(a <= b)),
  binary(OP_LE, 'le', FLAG_VARIES, cmp(`!${LT('b', 'a')}`), (a, b) => bit(s64(a) <= s64(b))),
  binary(OP_AND, 'and', FLAG_ZERO, 'cLo = aLo & bLo; cHi = aHi & bHi; flag = 0;', (a, b) => val(a & b)),
  binary(OP_OR, 'or', FLAG_ZERO, 'cLo = aLo | bLo; cHi = aHi | bHi; flag = 0;', (a, b) => val(a | b)),
  binary(OP_XOR, 'xor', FLAG_ZERO, 'cLo = aLo ^ bLo; cHi = aHi ^ bHi; flag = 0;', (a, b) => val(a ^ b)),
  binary(OP_MINU_W, 'minu_w', FLAG_ZERO, selectW('(aLo >>> 0) < (bLo >>> 0)'), (a, b) => val(sext32(lo32(a) < lo32(b) ? a : b))),
  binary(OP_MIN_W, 'min_w', FLAG_ZERO, selectW('aLo < bLo'), (a, b) => val(sext32(s32(a) < s32(b) ? a : b))),
  binary(OP_MAXU_W, 'maxu_w', FLAG_ZERO, selectW('(aLo >>> 0) > (bLo >>> 0)'), (a, b) => val(sext32(lo32(a) > lo32(b) ? a : b))),
  binary(OP_MAX_W, 'max_w', FLAG_ZERO, selectW('aLo > bLo'), (a, b) => val(sext32(s32(a) > s32(b) ? a : b))),
  binary(OP_LTU_W, 'ltu_w', FLAG_VARIES, cmp('(aLo >>> 0) < (bLo >>> 0)'), (a, b) => bit(lo32(a) < lo32(b))),
  binary(OP_LT_W, 'lt_w', FLAG_VARIES, cmp('aLo < bLo'), (a, b) => bit(s32(a) < s32(b))),
  binary(OP_GT_W, 'gt_w', FLAG_VARIES, cmp('aLo > bLo'), (a, b) => bit(s32(a) > s32(b)), true),
  binary(OP_EQ_W, 'eq_w', FLAG_VARIES, cmp('aLo === bLo'), (a, b) => bit(lo32(a) === lo32(b))),
  binary(OP_ADD_W, 'add_w', FLAG_ZERO, 'cLo = (aLo + bLo) | 0; cHi = cLo >> 31; flag = 0;', (a, b) => val(sext32(a + b))),
  binary(OP_SUB_W, 'sub_w', FLAG_ZERO, 'cLo = (aLo - bLo) | 0; cHi = cLo >> 31; flag = 0;', (a, b) => val(sext32(a - b))),
  binary(OP_LEU_W, 'leu_w', FLAG_VARIES, cmp('(aLo >>> 0) <= (bLo >>> 0)'), (a, b) => bit(lo32(a) <= lo32(b))),
  binary(OP_LE_W, 'le_w', FLAG_VARIES, cmp('aLo <= bLo'), (a, b) => bit(s32(a) <= s32(b))),
  binary(OP_LT_ABS_NP, 'lt_abs_np', FLAG_VARIES,
    `const nLo = -aLo | 0; const nHi = (~aHi + (nLo === 0 ? 1 : 0)) | 0; ${cmp(LTU('n', 'b'))}`,
    (a, b) => bit(u64(-a) < b), true),
  binary(OP_LT_ABS_PN, 'lt_abs_pn', FLAG_VARIES,
    `const nLo = -bLo | 0; const nHi = (~bHi + (nLo === 0 ? 1 : 0)) | 0; ${cmp(LTU('a', 'n'))}`,
    (a, b) => bit(a < u64(-b)), true),

  // 2.3 binary extension: shifts shift a by b; sign extensions read b
  binaryE(OP_SLL, 'sll', JS_SLL, (a, b) => val(u64(a << (b & 63n)))),
  binaryE(OP_SRL, 'srl', JS_SRL, (a, b) => val(a >> (b & 63n))),
  binaryE(OP_SRA, 'sra', JS_SRA, (a, b) => val(u64(s64(a) >> (b & 63n)))),
  binaryE(OP_SLL_W, 'sll_w', 'cLo = aLo << (bLo & 31); cHi = cLo >> 31; flag = 0;', (a, b) => val(sext32(a << (b & 31n)))),
  binaryE(OP_SRL_W, 'srl_w', 'cLo = (aLo >>> (bLo & 31)) | 0; cHi = cLo >> 31; flag = 0;', (a, b) => val(sext32(lo32(a) >> (b & 31n)))),
  binaryE(OP_SRA_W, 'sra_w', 'cLo = aLo >> (bLo & 31); cHi = cLo >> 31; flag = 0;', (a, b) => val(sext32(s32(a) >> (b & 31n)))),
  binaryE(OP_SIGNEXTEND_B, 'signextend_b', 'cLo = (bLo << 24) >> 24; cHi = cLo >> 31; flag = 0;', (_a, b) => val(u64(BigInt.asIntN(8, b)))),
  binaryE(OP_SIGNEXTEND_H, 'signextend_h', 'cLo = (bLo << 16) >> 16; cHi = cLo >> 31; flag = 0;', (_a, b) => val(u64(BigInt.asIntN(16, b)))),
  binaryE(OP_SIGNEXTEND_W, 'signextend_w', 'cLo = bLo; cHi = bLo >> 31; flag = 0;', (_a, b) => val(sext32(b))),

  // 2.4 arithmetic; division by zero sets the flag
  arith(OP_MULU, 'mulu', FLAG_ZERO, MUL_LO, (a, b) => val(u64(a * b))),
  arith(OP_MULUH, 'muluh', FLAG_ZERO, MUL_HU, (a, b) => val((a * b) >> 64n)),
  arith(OP_MULSUH, 'mulsuh', FLAG_ZERO, `${MUL_HU}\n  ${UNSIGN('a', 'b')}`, (a, b) => val(u64((s64(a) * b) >> 64n))),
  arith(OP_MUL, 'mul', FLAG_ZERO, MUL_LO, (a, b) => val(u64(s64(a) * s64(b)))),
  arith(OP_MULH, 'mulh', FLAG_ZERO, `${MUL_HU}\n  ${UNSIGN('a', 'b')}\n  ${UNSIGN('b', 'a')}`, (a, b) => val(u64((s64(a) * s64(b)) >> 64n))),
  arith(OP_MUL_W, 'mul_w', FLAG_ZERO, 'cLo = Math.imul(aLo, bLo); cHi = cLo >> 31; flag = 0;', (a, b) => val(sext32(s32(a) * s32(b)))),
  arith(OP_DIVU, 'divu', FLAG_VARIES,
    `if ${B_ZERO} { cLo = -1; cHi = -1; flag = 1; } else { ${wide('divRemU', 0)} }`,
    (a, b) => (b === 0n ? [M64, true] : val(a / b))),
  arith(OP_REMU, 'remu', FLAG_VARIES,
    `if ${B_ZERO} { cLo = aLo; cHi = aHi; flag = 1; } else { ${wide('divRemU', 2)} }`,
    (a, b) => (b === 0n ? [a, true] : val(a % b))),
  arith(OP_DIV, 'div', FLAG_VARIES,
    `if ${B_ZERO} { cLo = -1; cHi = -1; flag = 1; } else { ${wide('divRemS', 0)} }`,
    (a, b) => (b === 0n ? [M64, true] : val(u64(s64(a) === -(1n << 63n) && s64(b) === -1n ? s64(a) : s64(a) / s64(b))))),
  arith(OP_REM, 'rem', FLAG_VARIES,
    `if ${B_ZERO} { cLo = aLo; cHi = aHi; flag = 1; } else { ${wide('divRemS', 2)} }`,
    (a, b) => (b === 0n ? [a, true] : val(s64(b) === -1n ? 0n : u64(s64(a) % s64(b))))),
  arith(OP_DIVU_W, 'divu_w', FLAG_VARIES,
    'if (bLo === 0) { cLo = -1; cHi = -1; flag = 1; } else { cLo = Math.floor((aLo >>> 0) / (bLo >>> 0)) | 0; cHi = cLo >> 31; flag = 0; }',
    (a, b) => (lo32(b) === 0n ? [M64, true] : val(sext32(lo32(a) / lo32(b))))),
  arith(OP_REMU_W, 'remu_w', FLAG_VARIES,
    'if (bLo === 0) { cLo = aLo; cHi = aLo >> 31; flag = 1; } else { cLo = ((aLo >>> 0) % (bLo >>> 0)) | 0; cHi = cLo >> 31; flag = 0; }',
    (a, b) => (lo32(b) === 0n ? [sext32(a), true] : val(sext32(lo32(a) % lo32(b))))),
  arith(OP_DIV_W, 'div_w', FLAG_VARIES,
    'if (bLo === 0) { cLo = -1; cHi = -1; flag = 1; } else if (aLo === -0x80000000 && bLo === -1) { cLo = aLo; cHi = -1; flag = 0; } else { cLo = (aLo / bLo) | 0; cHi = cLo >> 31; flag = 0; }',
    (a, b) => (s32(b) === 0n ? [M64, true] : val(s32(b) === -1n ? sext32(-s32(a)) : sext32(s32(a) / s32(b))))),
  arith(OP_REM_W, 'rem_w', FLAG_VARIES,
    'if (bLo === 0) { cLo = aLo; cHi = aLo >> 31; flag = 1; } else if (bLo === -1) { cLo = 0; cHi = 0; flag = 0; } else { cLo = (aLo % bLo) | 0; cHi = cLo >> 31; flag = 0; }',
    (a, b) => (s32(b) === 0n ? [sext32(a), true] : val(sext32(s32(a) % s32(b))))),

  // 2.5 public output: c = b; a is the output index (0..31)
  { code: OP_PUBOUT, name: 'pubout', opType: OP_TYPE_PUBOUT, sm: SM_MAIN, cost: 0, flag: FLAG_ZERO, js: 'cLo = bLo; cHi = bHi; flag = 0;', ref: (_a, b) => val(b) },

  // 2.7 free input: c = b; the side effect on the host's free-input state is the emulator's
  { code: OP_FCALL_PARAM, name: 'fcall_param', opType: OP_TYPE_FCALL_PARAM, sm: SM_MAIN, cost: 0, flag: FLAG_ZERO, js: 'cLo = bLo; cHi = bHi; flag = 0;', ref: (_a, b) => val(b), effect: EFFECT_FCALL_PARAM },
  { code: OP_FCALL, name: 'fcall', opType: OP_TYPE_FCALL, sm: SM_MAIN, cost: 0, flag: FLAG_ZERO, js: 'cLo = bLo; cHi = bHi; flag = 0;', ref: (_a, b) => val(b), effect: EFFECT_FCALL },
  { code: OP_FCALL_GET, name: 'fcall_get', opType: OP_TYPE_FCALL_GET, sm: SM_MAIN, cost: 0, flag: FLAG_ZERO, js: 'cLo = bLo; cHi = bHi; flag = 0;', ref: (_a, b) => val(b), effect: EFFECT_FCALL_GET },
];

function compile(row: Row): OpDef['exec'] {
  const body = `return function ${row.name}(aLo, aHi, bLo, bHi, out) {
    let cLo = 0, cHi = 0, flag = 0;
    { ${row.js} }
    out[0] = cLo; out[1] = cHi; out[2] = flag;
  };`;
  return new Function('X', 'W', body)(X.WIDE, X.W) as OpDef['exec'];
}

/** Every op, in table order. (Fields in one fixed order: one object shape, fast property access.) */
export const OPS: readonly OpDef[] = ROWS.map((r) => Object.freeze({
  code: r.code,
  name: r.name,
  opType: r.opType,
  sm: r.sm,
  cost: r.cost,
  flag: r.flag,
  effect: r.effect ?? EFFECT_NONE,
  internalOnly: r.internalOnly ?? false,
  js: r.js,
  ref: r.ref,
  exec: compile(r),
}));

/**
 * All ops in one function: a switch over the opcode whose cases are the table's `js` texts. One
 * monomorphic call per step for the interpreter, instead of a call through 60 different `exec`
 * functions (measured: 4–11 M steps/s with per-op calls).
 */
export const execOp: (code: number, aLo: number, aHi: number, bLo: number, bHi: number, out: Int32Array) => void = (() => {
  const cases = ROWS.map((r) => `case ${r.code}: { ${r.js} } break;`).join('\n');
  const body = `return function execOp(code, aLo, aHi, bLo, bHi, out) {
    let cLo = 0, cHi = 0, flag = 0;
    switch (code) {
${cases}
      default: throw new Error('execOp: unknown opcode ' + code);
    }
    out[0] = cLo; out[1] = cHi; out[2] = flag;
  };`;
  return new Function('X', 'W', body)(X.WIDE, X.W);
})();

/** The op with a given code, or undefined; indexed 0..255. */
export const OP_BY_CODE: readonly (OpDef | undefined)[] = (() => {
  const table: (OpDef | undefined)[] = new Array(256).fill(undefined);
  for (const op of OPS) {
    if (table[op.code]) throw new Error(`op table: code 0x${op.code.toString(16)} is defined twice`);
    table[op.code] = op;
  }
  return table;
})();

/** The op with a given code; throws if there is none (a programming error, not a guest error). */
export function opByCode(code: number): OpDef {
  const op = OP_BY_CODE[code];
  if (!op) throw new Error(`no ZisK op has code 0x${code.toString(16)}`);
  return op;
}

/** ZisK's `m32` flag: the op works on 32-bit operands (its name has `_w`). */
export function isM32(op: OpDef): boolean {
  return op.name.includes('_w');
}

/**
 * The Arith AIR: one row per multiplication or division, proving on the operation bus
 * `[op, a_lo, a_hi', b_lo, b_hi', c_lo, c_hi, flag]` (flag = division by zero).
 *
 * Columns (42): 16-bit chunks a[4], b[4], c[4], d[4] of the four 64-bit operands (./compute.ts);
 * na, nb, nc, nd the signs (top bits of chunk 3, 0 for unsigned operands); ma, mb, mc, md the top
 * bits of chunk 1 (the sign of a 32-bit value, or the bit a 32-bit result is sign-extended from);
 * three carries (low 16 bits + small high parts); the class flags dv, m32, sA, sB, mm, mdv (looked up
 * with op in ArithTable); dbz, ovf; op, sel (the row is an operation), resHi (the bus result's high
 * limb).
 *
 * The identity, with X = x − 2^64·nx for each operand (two's complement; nx = 0 when unsigned):
 *
 *   multiplication  A·B − C − 2^64·D = 0              (C unsigned)
 *   division        A·B + D − C − 2^64·ovf = 0
 *
 * expanded over 16-bit chunks, every partial product sits at its own weight and the signs only add
 * linear terms: degree 2. It is checked at 2^32, 2^64, 2^96 and 2^128 with three carries, in
 * [0, 2^17), [0, 2^18) and [−3, 2^17) for honest rows and range-bounded for any row, so every term
 * stays below 2^52 and the four field equations are integer equations. A product is then fixed by
 * the identity (C, D the low and high halves of A·B). A division is fixed by the identity, |D| < |B|
 * (assumed from Binary, below) and D = 0 or sign(D) = sign(C) (`dv·(nc − nd)·Σd = 0`): truncated
 * division has exactly one such (A, D), so every sign combination is decided by the values, with no
 * zero exception to leave open. Division by zero forces b = 0 and a = all ones (then d = c); the
 * overflow flag forces (c, b) = (INT64_MIN, −1), and the identity with |d| < 1 then a = INT64_MIN.
 *
 * 32-bit ops: the bus's high limbs are zero, and inside the row c and b (mul_w: a and b) are the
 * extensions of the low words — sign-extended from bit 31 (mc, mb) for div_w/rem_w, else zero — so
 * the 64-bit identity serves; the result is its low word sign-extended from bit 31 of its chunk 1.
 *
 * Interactions (22, in 12 LogUp helper columns plus the accumulator: 39 base columns): the
 * operation proved (degree 2: operand and result selection); the remainder check assumed,
 * `[op, d, b, 1, 0, 1]` with op LTU / LT_ABS_NP / LT_ABS_PN / GT by the signs of (d, b);
 * `[op, flags]` in ArithTable; 19 range checks on the shared table: chunks 0 and 2 and the carries'
 * low parts on 16 bits, chunks 1 as `[15, x1 − 0x8000·mx]`, chunks 3 as `[16 − s, x3 − 0x8000·nx]`
 * (s the operand's signedness). Every interaction is multiplied by sel (the remainder check by
 * dv − dbz, dv ⇒ sel): padding rows are all zero and send nothing.
 */
import { defineAir, type Expr, type ExprLike } from '../../air/index.js';
import { OPERATION_BUS, RANGE_BUS } from '../../bus/index.js';
import { OP_GT, OP_LT_ABS_NP, OP_LT_ABS_PN, OP_LTU } from '../../zisk/index.js';
import { assumeRange } from '../range/index.js';
import { ARITH_TABLE_BUS } from './table.js';

const K = 65536;
const K2 = 4294967296;
const ONES32 = 0xffffffff;
/** The carry at 2^96 is offset by this, so that its encoding is non-negative. */
export const CARRY2_OFFSET = 3;

export const arithAir = defineAir({
  name: 'Arith',
  columns: {
    a: 4,
    b: 4,
    c: 4,
    d: 4,
    na: 1,
    nb: 1,
    nc: 1,
    nd: 1,
    ma: 1,
    mb: 1,
    mc: 1,
    md: 1,
    /** Low 16 bits of the carries at 2^32, 2^64, 2^96 (the last one offset by CARRY2_OFFSET). */
    carry: 3,
    /** High parts: bit 16 of carry 0; bits 16, 17 of carry 1; {0, 1, 2} for carry 2. */
    carryHi0: 1,
    carryHi1: 2,
    carryHi2: 1,
    op: 1,
    sel: 1,
    dv: 1,
    m32: 1,
    sA: 1,
    sB: 1,
    mm: 1,
    mdv: 1,
    dbz: 1,
    ovf: 1,
    resHi: 1,
  },
  eval(bld) {
    const m = bld.main;
    const a = m.a, b = m.b, c = m.c, d = m.d;
    const { na, nb, nc, nd, ma, mb, mc, md, sel, dv, m32, sA, sB, mm, mdv, dbz, ovf, resHi } = m;
    const sum = (xs: readonly ExprLike[]): Expr => xs.reduce<Expr>((s, x) => s.add(x), bld.constant(0));
    const lo = (x: readonly Expr[]) => x[0]!.add(x[1]!.mul(K));
    const hi = (x: readonly Expr[]) => x[2]!.add(x[3]!.mul(K));

    for (const [name, x] of Object.entries({ sel, dv, m32, sA, sB, mm, mdv, dbz, ovf, na, nb, nc, nd, ma, mb, mc, md })) {
      bld.assertBool(`${name} is boolean`, x);
    }
    bld.assertBool('carry 0 high bit is boolean', m.carryHi0);
    bld.assertBool('carry 1 bit 16 is boolean', m.carryHi1[0]!);
    bld.assertBool('carry 1 bit 17 is boolean', m.carryHi1[1]!);
    bld.assertZero('carry 2 high part is 0, 1 or 2', m.carryHi2.mul(m.carryHi2.sub(1)).mul(m.carryHi2.sub(2)));
    bld.assertZero('only operation rows divide', dv.mul(sel.not()));

    // Signs belong to signed operands only (c is signed exactly when b is, for divisions).
    bld.assertZero('na only for a signed a', na.mul(sA.not()));
    bld.assertZero('nb only for a signed b', nb.mul(sB.not()));
    bld.assertZero('nc only for a signed b', nc.mul(sB.not()));
    bld.assertZero('nd only for a signed a', nd.mul(sA.not()));

    // Division by zero: b = 0, quotient all ones (then d = c by the identity).
    bld.assertZero('division by zero only in divisions', dbz.mul(dv.not()));
    bld.assertZero('division by zero has b = 0', dbz.mul(sum(b)));
    a.forEach((x, i) => bld.assertZero(`division by zero gives quotient chunk ${i} = 0xffff`, dbz.mul(x.sub(0xffff))));
    // Overflow INT64_MIN / −1: forces the operands; the identity and |d| < 1 then force a = INT64_MIN.
    bld.assertZero('overflow only in divisions', ovf.mul(dv.not()));
    bld.assertZero('overflow only when signed', ovf.mul(sB.not()));
    bld.assertZero('overflow only in 64 bits', ovf.mul(m32));
    b.forEach((x, i) => bld.assertZero(`overflow has divisor chunk ${i} = 0xffff`, ovf.mul(x.sub(0xffff))));
    c.forEach((x, i) => bld.assertZero(`overflow has dividend chunk ${i} of INT64_MIN`, ovf.mul(x.sub(i === 3 ? 0x8000 : 0))));
    // Truncated division: a non-zero remainder has the dividend's sign.
    bld.assertZero('a non-zero remainder has the sign of the dividend', dv.mul(nc.sub(nd)).mul(sum(d)));

    // The identity over 16-bit chunks (see the header); eq[k] is the weight-2^(16k) part.
    const notDv = dv.not();
    const eq: Expr[] = [];
    for (let k = 0; k < 8; k++) {
      const terms: Expr[] = [];
      for (let i = 0; i < 4; i++) {
        const j = k - i;
        if (j >= 0 && j < 4) terms.push(a[i]!.mul(b[j]!));
      }
      let e = sum(terms);
      if (k < 4) {
        e = e.sub(c[k]!).add(dv.mul(d[k]!));
      } else {
        e = e.sub(na.mul(b[k - 4]!)).sub(nb.mul(a[k - 4]!)).sub(notDv.mul(d[k - 4]!));
        if (k === 4) e = e.add(dv.mul(nc)).sub(dv.mul(nd)).sub(ovf);
      }
      eq.push(e);
    }
    const s128 = na.mul(nb).add(notDv.mul(nd));
    const carry0 = m.carry[0]!.add(m.carryHi0.mul(K));
    const carry1 = m.carry[1]!.add(m.carryHi1[0]!.mul(K)).add(m.carryHi1[1]!.mul(2 * K));
    const carry2 = m.carry[2]!.add(m.carryHi2.mul(K)).sub(sel.mul(CARRY2_OFFSET));
    bld.assertZero('identity up to 2^32', eq[0]!.add(eq[1]!.mul(K)).sub(carry0.mul(K2)));
    bld.assertZero('identity up to 2^64', eq[2]!.add(eq[3]!.mul(K)).add(carry0).sub(carry1.mul(K2)));
    bld.assertZero('identity up to 2^96', eq[4]!.add(eq[5]!.mul(K)).add(carry1).sub(carry2.mul(K2)));
    bld.assertZero('identity up to 2^128', eq[6]!.add(eq[7]!.mul(K)).add(carry2).add(s128.mul(K2)));

    // 32-bit ops: the bus carries zero high limbs; inside, c and b are extended (zero, or the sign
    // of bit 31 for div_w/rem_w) and mul_w's a is zero-extended.
    const busA1 = dv.mul(hi(c).sub(hi(a))).add(hi(a)).sub(m32.mul(nc).mul(ONES32));
    const busB1 = hi(b).sub(m32.mul(nb).mul(ONES32));
    bld.assertZero('32-bit ops: high limb of operand a is an extension', m32.mul(busA1));
    bld.assertZero('32-bit ops: high limb of operand b is an extension', m32.mul(busB1));
    bld.assertZero('32-bit signed: the divisor sign is bit 31', m32.mul(sB).mul(mb.sub(nb)));
    bld.assertZero('32-bit signed: the dividend sign is bit 31', m32.mul(sB).mul(mc.sub(nc)));

    // The result: c (mm), a (mdv) or d; 32-bit results are sign-extended from bit 31.
    const sec = bld.constant(1).sub(mm).sub(mdv);
    const res0 = mm.mul(lo(c)).add(mdv.mul(lo(a))).add(sec.mul(lo(d)));
    const res1 = mm.mul(hi(c)).add(mdv.mul(hi(a))).add(sec.mul(hi(d)));
    const sx = mm.mul(mc).add(mdv.mul(ma)).add(sec.mul(md));
    bld.assertEq('high limb of the result', resHi, m32.mul(sx).mul(ONES32).add(m32.not().mul(res1)));

    bld.lookupProves('the operation', OPERATION_BUS, [m.op, dv.mul(lo(c).sub(lo(a))).add(lo(a)), busA1, lo(b), busB1, res0, resHi, dbz], sel);

    // |d| < |b|, proved by Binary: the op that compares magnitudes for these signs, result 1.
    const bop = bld.constant(OP_LTU)
      .add(nd.mul(OP_LT_ABS_NP - OP_LTU))
      .add(nb.mul(OP_LT_ABS_PN - OP_LTU))
      .add(nd.mul(nb).mul(OP_GT - OP_LT_ABS_NP - OP_LT_ABS_PN + OP_LTU));
    bld.lookupAssumes('the remainder is below the divisor', OPERATION_BUS, [bop, lo(d), hi(d), lo(b), hi(b), 1, 0, 1], dv.sub(dbz));

    const flags = dv.add(m32.mul(2)).add(sA.mul(4)).add(sB.mul(8)).add(mm.mul(16)).add(mdv.mul(32));
    bld.lookupAssumes('the op and its class', ARITH_TABLE_BUS, [m.op, flags], sel);

    const chunks: [string, readonly Expr[], Expr, Expr, Expr][] = [
      ['a', a, ma, na, sA],
      ['b', b, mb, nb, sB],
      ['c', c, mc, nc, sB],
      ['d', d, md, nd, sA],
    ];
    for (const [name, x, top1, sign, signed] of chunks) {
      assumeRange(bld, `${name}[0]`, 16, x[0]!, sel);
      assumeRange(bld, `${name}[1] below bit 15`, 15, x[1]!.sub(top1.mul(0x8000)), sel);
      assumeRange(bld, `${name}[2]`, 16, x[2]!, sel);
      // Bits 16 − signed: a 15-bit check below the sign bit, or a plain 16-bit chunk.
      bld.lookupAssumes(`${name}[3] below its sign`, RANGE_BUS, [bld.constant(16).sub(signed), x[3]!.sub(sign.mul(0x8000))], sel);
    }
    m.carry.forEach((x, i) => assumeRange(bld, `carry ${i} low bits`, 16, x, sel));
  },
});

/**
 * Test support: forged Arith rows, and an environment that agrees with whatever a trace claims.
 *
 * `writeClaim` writes a row from arbitrary values (chunks, signs, flags), with the carries the
 * identity would need, honest where they can be; `environmentFor` gives the stand-ins for a trace:
 * Main assumes every operation the trace proves, Binary proves honestly (op table results) every
 * check it assumes, and the tables prove every lookup they can. So an imbalance or a failed
 * constraint is the AIR refusing the claim itself, not a missing stand-in.
 */
import { bigintAlgebra, defineAir, evaluateGraph, rowLeaves, type AirInstance } from '../../air/index.js';
import { OPERATION_BUS, RANGE_BUS } from '../../bus/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { OP_BY_CODE } from '../../zisk/index.js';
import { rangeCounts, RANGE_BITS } from '../range/index.js';
import { ARITH_CLASSES, ARITH_TABLE_BUS, ARITH_TABLE_ROWS, arithAir, arithTableAir, CARRY2_OFFSET, F_DV, F_M32, F_MDV, F_MM, F_SA, F_SB, FLAGS_BY_OP } from './index.js';
import { binaryStandIn, tableInstances, type Operation } from './test-helpers.js';

const K = 1n << 16n;
const K2 = 1n << 32n;
const chunks = (x: bigint): bigint[] => [0, 1, 2, 3].map((i) => (x >> BigInt(16 * i)) & 0xffffn);
const top = (x: bigint): bigint => (x >> 63n) & 1n;

/** What a row claims: the four 64-bit operands (as the AIR holds them) and, optionally, its flags. */
export interface Claim {
  readonly op: number;
  readonly a: bigint;
  readonly b: bigint;
  readonly c: bigint;
  readonly d: bigint;
  readonly na?: bigint;
  readonly nb?: bigint;
  readonly nc?: bigint;
  readonly nd?: bigint;
  readonly dbz?: bigint;
  readonly ovf?: bigint;
}

const mod = (x: bigint, m: bigint) => ((x % m) + m) % m;

/** Writes `claim` into `row` of an Arith trace. */
export function writeClaim(trace: Matrix, row: number, claim: Claim): void {
  const f = FLAGS_BY_OP[claim.op]!;
  const bit = (mask: number) => ((f & mask) !== 0 ? 1n : 0n);
  const [dv, m32, sA, sB, mm, mdv] = [bit(F_DV), bit(F_M32), bit(F_SA), bit(F_SB), bit(F_MM), bit(F_MDV)];
  const [a, b, c, d] = [claim.a, claim.b, claim.c, claim.d].map(chunks) as [bigint[], bigint[], bigint[], bigint[]];
  const na = claim.na ?? sA * top(claim.a);
  const nb = claim.nb ?? sB * top(claim.b);
  const nc = claim.nc ?? sB * top(claim.c);
  const nd = claim.nd ?? sA * top(claim.d);
  const dbz = claim.dbz ?? 0n;
  const ovf = claim.ovf ?? 0n;
  const eq: bigint[] = [];
  for (let k = 0; k < 8; k++) {
    let e = 0n;
    for (let i = 0; i < 4; i++) if (k - i >= 0 && k - i < 4) e += a[i]! * b[k - i]!;
    if (k < 4) e += -c[k]! + dv * d[k]!;
    else e += -na * b[k - 4]! - nb * a[k - 4]! - (1n - dv) * d[k - 4]! + (k === 4 ? dv * (nc - nd) - ovf : 0n);
    eq.push(e);
  }
  // Carries as an honest prover would choose them; where the identity fails they cannot all fit.
  const floorDiv = (x: bigint, y: bigint) => (x - mod(x, y)) / y;
  const carry0 = floorDiv(eq[0]! + K * eq[1]!, K2);
  const carry1 = floorDiv(eq[2]! + K * eq[3]! + carry0, K2);
  const carry2 = floorDiv(eq[4]! + K * eq[5]! + carry1, K2) + BigInt(CARRY2_OFFSET);
  const split = (x: bigint): [bigint, bigint] => [mod(x, K), floorDiv(x, K)];
  const [lo0, hi0] = split(carry0);
  const [lo1, hi1] = split(carry1);
  const [lo2, hi2] = split(carry2);
  const col = arithAir.cols;
  const set = (j: number, v: bigint) => trace.set(row, j, mod(v, 0xffffffff00000001n));
  [a, b, c, d].forEach((x, n) => x.forEach((v, i) => set([col.a, col.b, col.c, col.d][n]![i]!, v)));
  set(col.na, na); set(col.nb, nb); set(col.nc, nc); set(col.nd, nd);
  const [ma, mb, mc, md] = [a, b, c, d].map((x) => x[1]! >> 15n) as [bigint, bigint, bigint, bigint];
  set(col.ma, ma); set(col.mb, mb); set(col.mc, mc); set(col.md, md);
  set(col.carry[0]!, lo0); set(col.carry[1]!, lo1); set(col.carry[2]!, lo2);
  set(col.carryHi0, hi0); set(col.carryHi1[0]!, hi1 & 1n); set(col.carryHi1[1]!, hi1 >> 1n); set(col.carryHi2, hi2);
  set(col.op, BigInt(claim.op)); set(col.sel, 1n);
  set(col.dv, dv); set(col.m32, m32); set(col.sA, sA); set(col.sB, sB); set(col.mm, mm); set(col.mdv, mdv);
  set(col.dbz, dbz); set(col.ovf, ovf);
  const r = mm ? claim.c : mdv ? claim.a : claim.d;
  const sx = mm ? mc : mdv ? ma : md;
  set(col.resHi, m32 ? sx * 0xffffffffn : r >> 32n);
}

const mainAir = defineAir({
  name: 'MainAgrees',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupAssumes('Main assumes what the row proves', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

/** Stand-ins agreeing with every claim of `arith` (see the header), and the tables it can use. */
export function environmentFor(arith: AirInstance): AirInstance[] {
  const proved: bigint[][] = [];
  const checks: Operation[] = [];
  const tables = new TableMultiplicities();
  const tableRows = new Map(ARITH_CLASSES.map(([op, flags], r) => [`${op},${flags}`, r]));
  const tableCounts = tables.of(arithTableAir, ARITH_TABLE_ROWS);
  for (let row = 0; row < arith.trace.height; row++) {
    const v = evaluateGraph(arith.air.graph, bigintAlgebra, rowLeaves(arith, row), arith.air.evalNodeCount);
    for (const it of arith.air.interactions) {
      const m = v[it.multiplicity]!;
      if (m === 0n) continue;
      const vals = it.values.map((id) => v[id]!);
      if (it.bus === OPERATION_BUS && m === 1n) proved.push(vals);
      else if (it.bus === OPERATION_BUS) checks.push([Number(vals[0]), vals[1]! + (vals[2]! << 32n), vals[3]! + (vals[4]! << 32n)]);
      else if (it.bus === ARITH_TABLE_BUS) {
        const r = tableRows.get(`${vals[0]},${vals[1]}`);
        if (r !== undefined) tableCounts[r]! += 1;
      } else if (it.bus === RANGE_BUS) {
        const bits = Number(vals[0]);
        if ((RANGE_BITS as readonly number[]).includes(bits) && vals[1]! < 1n << BigInt(bits)) rangeCounts(tables, bits as 8 | 15 | 16)[Number(vals[1])]! += 1;
      }
    }
  }
  const main = new Matrix(mainAir.width, 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(2, proved.length)))));
  proved.forEach((msg, r) => {
    msg.forEach((x, j) => main.set(r, j, x));
    main.set(r, 8, 1n);
  });
  // Binary proves only well-formed operations of its own: the op table must know the op.
  const known = checks.filter(([op]) => op < 256 && OP_BY_CODE[op] !== undefined);
  return [...tableInstances(tables), { air: mainAir, trace: main, label: 'Main (agrees)' }, binaryStandIn(known)];
}

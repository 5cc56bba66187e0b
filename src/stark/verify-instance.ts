/**
 * The verifier of one instance proof against the global challenges: the transcript after them,
 * the constraint identity at ζ, the Merkle openings of every tree at the queries, the DEEP
 * composition at the queried points, and FRI. Never throws on a well-typed proof object (the
 * decoder gives only well-typed ones).
 */
import { NodeKind, evaluateGraph, type Algebra } from '../air/index.js';
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import * as extFast from '../field/extension-fast.js';
import type { Ext3 } from '../field/index.js';
import { SHIFT, distinctSorted, extToString, friCheckQueries, friReplay, pointAt, type FriParams } from '../fri/index.js';
import type { Digest } from '../hash/index.js';
import { verify as merkleVerify } from '../merkle/index.js';
import type { GlobalChallenges } from './challenges.js';
import type { InstanceProof } from './proof.js';
import { fixedRoot } from './setup.js';
import { TREE_NAMES, TreeKind, instanceShape } from './shape.js';
import type { StarkSystem } from './system.js';

/** Extension-field arithmetic for evaluating the constraint graph at ζ. */
export const extAlgebra: Algebra<Ext3> = {
  fromBase: ext.fromBase,
  add: ext.add,
  sub: ext.sub,
  mul: ext.mul,
  neg: ext.neg,
};

export type InstanceCheck =
  | 'zeta'
  | 'constraints'
  | 'merkle'
  | 'deep'
  | 'fri-shape'
  | 'fri-pow'
  | 'fri-merkle'
  | 'fri-fold'
  | 'fri-final';

export type InstanceVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly check: InstanceCheck; readonly expected?: string; readonly got?: string; readonly message: string };

function extAt(words: Uint32Array, k: number): Ext3 {
  const e = (i: number) => (BigInt(words[2 * i + 1]!) << 32n) | BigInt(words[2 * i]!);
  return [e(3 * k), e(3 * k + 1), e(3 * k + 2)];
}

function baseAt(words: Uint32Array, k: number): bigint {
  return (BigInt(words[2 * k + 1]!) << 32n) | BigInt(words[2 * k]!);
}

const invScratch = new Uint32Array(6);
/** a^−1 for a ≠ 0, by the adjugate (one base inversion) rather than ext.inv's exponentiation. */
export function extInv(a: Ext3): Ext3 {
  extFast.inv(invScratch, 0, extFast.of(a), 0);
  return extFast.get(invScratch, 0);
}

/** The extension generator X: a quotient chunk's value is q0(ζ) + X·q1(ζ) + X²·q2(ζ). */
const X: Ext3 = [0n, 1n, 0n];
const X2: Ext3 = [0n, 0n, 1n];

export function verifyInstanceProof(
  system: StarkSystem,
  params: FriParams,
  global: GlobalChallenges,
  index: number,
  proof: InstanceProof,
): InstanceVerification {
  const c = proof.commitment;
  const air = system.airs[c.airIndex]!;
  const logRows = c.logRows;
  const n = 2 ** logRows;
  const shape = instanceShape(air, logRows, params);
  const t = global.transcript.fork(index);
  if (air.stage2Width > 0) {
    t.observeDigest(proof.stage2Root!);
    for (const v of proof.busSum) t.observe(v);
  }
  const alpha = t.sampleExt();
  t.observeDigest(proof.quotientRoot);
  const zeta = t.sampleExt();
  const zetaN = ext.pow(zeta, BigInt(n));
  const zh = ext.sub(zetaN, ext.ONE);
  if (ext.isZero(zh)) return { ok: false, check: 'zeta', message: 'ζ lies in the trace domain' };
  t.observeElements(proof.openings);
  const lambda = t.sampleExt();

  // Where each tree's openings start, and the position of each next-row column.
  const zetaStart = new Map<TreeKind, number>();
  const nextPos = new Map<TreeKind, Map<number, number>>();
  let pos = 0;
  for (const tree of shape.trees) {
    zetaStart.set(tree.kind, pos);
    pos += tree.width;
  }
  for (const tree of shape.trees) nextPos.set(tree.kind, new Map(tree.next.map((col) => [col, pos++])));

  // The constraint identity at ζ.
  const omega = gl.rootOfUnity(logRows);
  const omegaLast = gl.pow(omega, BigInt(n - 1));
  const nInv = gl.inv(BigInt(n));
  const kindTree: Partial<Record<NodeKind, TreeKind>> = {
    [NodeKind.Main]: TreeKind.Stage1,
    [NodeKind.Fixed]: TreeKind.Fixed,
    [NodeKind.Program]: TreeKind.Program,
    [NodeKind.Stage2]: TreeKind.Stage2,
  };
  const leaf = (kind: NodeKind, i: number, offset: number): Ext3 => {
    const tree = kindTree[kind];
    if (tree !== undefined) {
      const at = offset ? nextPos.get(tree)?.get(i) : (zetaStart.get(tree) ?? 0) + i;
      return at === undefined ? ext.ZERO : extAt(proof.openings, at);
    }
    switch (kind) {
      case NodeKind.AirValue: return ext.fromBase(c.airValues[i]!);
      case NodeKind.Challenge: return ext.fromBase(global.challenges[i]!);
      case NodeKind.Stage2Value: return ext.fromBase(proof.busSum[i]!);
      case NodeKind.IsFirstRow: return ext.mul(ext.mulBase(zh, nInv), extInv(ext.sub(zeta, ext.ONE)));
      case NodeKind.IsLastRow: return ext.mul(ext.mulBase(zh, gl.mul(omegaLast, nInv)), extInv(ext.sub(zeta, ext.fromBase(omegaLast))));
      case NodeKind.IsTransition: return ext.sub(zeta, ext.fromBase(omegaLast));
      default: return ext.ZERO;
    }
  };
  const values = evaluateGraph(air.graph, extAlgebra, leaf);
  let combined: Ext3 = ext.ZERO;
  let ap: Ext3 = ext.ONE;
  for (const k of air.constraints) {
    combined = ext.add(combined, ext.mul(ap, values[k.node]!));
    ap = ext.mul(ap, alpha);
  }
  const qStart = zetaStart.get(TreeKind.Quotient)!;
  let quotient: Ext3 = ext.ZERO;
  let zetaPow: Ext3 = ext.ONE;
  for (let j = 0; j < shape.quotientChunks; j++) {
    const b = qStart + 3 * j;
    const qj = ext.add(extAt(proof.openings, b), ext.add(ext.mul(X, extAt(proof.openings, b + 1)), ext.mul(X2, extAt(proof.openings, b + 2))));
    quotient = ext.add(quotient, ext.mul(zetaPow, qj));
    zetaPow = ext.mul(zetaPow, zetaN);
  }
  const rhs = ext.mul(zh, quotient);
  if (!ext.eq(combined, rhs)) {
    return {
      ok: false,
      check: 'constraints',
      expected: extToString(combined),
      got: extToString(rhs),
      message: 'the constraints at ζ do not equal Z_H(ζ)·Q(ζ): the trace breaks a constraint or the openings are wrong',
    };
  }

  // FRI transcript, then the opened rows of every tree at the queries.
  const replay = friReplay(params, logRows, proof.fri, t);
  if (!replay.ok) return { ok: false, check: replay.check, message: replay.message, expected: replay.expected, got: replay.got };
  const indices = distinctSorted(replay.queries);
  const roots: Partial<Record<TreeKind, Digest | undefined>> = {
    [TreeKind.Fixed]: fixedRoot(air, logRows, params),
    [TreeKind.Program]: c.programRoot,
    [TreeKind.Stage1]: c.stage1Root,
    [TreeKind.Stage2]: proof.stage2Root,
    [TreeKind.Quotient]: proof.quotientRoot,
  };
  for (let i = 0; i < shape.trees.length; i++) {
    const tree = shape.trees[i]!;
    const o = proof.queries[i]!;
    const m = merkleVerify(roots[tree.kind]!, 2 ** shape.logLde, tree.width, indices, o.rows, o.proof, { arity: params.merkleArity });
    if (!m.ok) return { ok: false, check: 'merkle', message: `${TREE_NAMES[tree.kind]} tree: ${m.reason} (${m.detail})` };
  }

  // F at every queried point, from the opened rows and the claimed openings.
  const T = shape.zetaOpenings;
  const lambdaPowers: Ext3[] = [];
  let lp: Ext3 = ext.ONE;
  for (let k = 0; k < T + shape.nextOpenings; k++) {
    lambdaPowers.push(lp);
    lp = ext.mul(lp, lambda);
  }
  let aZeta: Ext3 = ext.ZERO;
  for (let k = 0; k < T; k++) aZeta = ext.add(aZeta, ext.mul(lambdaPowers[k]!, extAt(proof.openings, k)));
  let bNext: Ext3 = ext.ZERO;
  for (let k = T; k < T + shape.nextOpenings; k++) bNext = ext.add(bNext, ext.mul(lambdaPowers[k]!, extAt(proof.openings, k)));
  const zetaNext = ext.mulBase(zeta, omega);
  const rowOf = new Map(indices.map((q, k) => [q, k]));
  const initial: Ext3[] = [];
  for (const q of replay.queries) {
    const r = rowOf.get(q)!;
    let a: Ext3 = ext.ZERO;
    let b: Ext3 = ext.ZERO;
    let k = 0;
    let u = T;
    shape.trees.forEach((tree, i) => {
      const row = proof.queries[i]!.rows[r]!;
      for (let col = 0; col < tree.width; col++) a = ext.add(a, ext.mulBase(lambdaPowers[k++]!, baseAt(row, col)));
      for (const col of tree.next) b = ext.add(b, ext.mulBase(lambdaPowers[u++]!, baseAt(row, col)));
    });
    const x = ext.fromBase(pointAt(shape.logLde, SHIFT, q));
    const d1 = ext.sub(x, zeta);
    const d2 = ext.sub(x, zetaNext);
    if (ext.isZero(d1) || ext.isZero(d2)) return { ok: false, check: 'zeta', message: 'ζ or ζ·ω is a point of the extended domain' };
    let f = ext.mul(ext.sub(a, aZeta), extInv(d1));
    if (shape.nextOpenings > 0) f = ext.add(f, ext.mul(ext.sub(b, bNext), extInv(d2)));
    initial.push(f);
  }
  const fri = friCheckQueries(params, replay, proof.fri, initial);
  if (!fri.ok) return { ok: false, check: fri.check, message: fri.message, expected: fri.expected, got: fri.got };
  return { ok: true };
}

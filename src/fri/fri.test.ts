import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import type { Ext3 } from '../field/index.js';
import { Matrix } from '../matrix/index.js';
import { evaluate } from '../ntt/index.js';
import { Transcript } from '../transcript/index.js';
import {
  PROFILES,
  SHIFT,
  describeParams,
  foldLayerBy2,
  foldLeaf,
  friCheckQueries,
  friProve,
  friReplay,
  friShape,
  layerPoints,
  pointAt,
  securityBits,
  checkFriParams,
  type FriParams,
  type FriProof,
} from './index.js';

function rng(seed: number): () => bigint {
  let s = BigInt(seed) + 0x9e3779b97f4a7c15n;
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return s % gl.P;
  };
}

function randomExtPoly(len: number, seed: number): Ext3[] {
  const r = rng(seed);
  return Array.from({ length: len }, () => [r(), r(), r()] as Ext3);
}

/** Evaluations of an extension polynomial on SHIFT·⟨ω_N⟩, bit-reversed, as a planar column. */
function evaluations(coeffs: readonly Ext3[], logN: number): Uint32Array {
  const n = 2 ** logN;
  const m = new Matrix(3, n);
  coeffs.forEach((c, i) => c.forEach((v, k) => m.set(i, k, v)));
  return evaluate(m, 0, SHIFT, 'bit-reversed').data;
}

function planarAt(values: Uint32Array, n: number, i: number): Ext3 {
  const e = (c: number) => (BigInt(values[2 * (c * n + i) + 1]!) << 32n) | BigInt(values[2 * (c * n + i)]!);
  return [e(0), e(1), e(2)];
}

function evalPoly(coeffs: readonly Ext3[], x: bigint): Ext3 {
  let acc: Ext3 = ext.ZERO;
  for (let i = coeffs.length - 1; i >= 0; i--) acc = ext.add(ext.mulBase(acc, x), coeffs[i]!);
  return acc;
}

test('layer points are the bit-reversed coset', () => {
  const pts = layerPoints(4, SHIFT);
  for (let i = 0; i < 16; i++) assert.equal((BigInt(pts[2 * i + 1]!) << 32n) | BigInt(pts[2 * i]!), pointAt(4, SHIFT, i));
  assert.equal(pointAt(4, SHIFT, 1), gl.P - SHIFT, 'row 1 is −shift');
});

test('a fold by 2 equals f_e + β·f_o computed on coefficients', () => {
  const logM = 5;
  const coeffs = randomExtPoly(2 ** logM, 3);
  const beta: Ext3 = [5n, 7n, 11n];
  const folded = coeffs.filter((_, i) => i % 2 === 0).map((e, i) => ext.add(e, ext.mul(beta, coeffs[2 * i + 1]!)));
  const got = foldLayerBy2(evaluations(coeffs, logM), logM, SHIFT, Uint32Array.from([5, 0, 7, 0, 11, 0]));
  const s2 = gl.mul(SHIFT, SHIFT);
  for (let t = 0; t < 2 ** (logM - 1); t++) {
    assert.deepEqual(planarAt(got, 2 ** (logM - 1), t), evalPoly(folded, pointAt(logM - 1, s2, t)), `row ${t}`);
  }
});

test("the verifier's leaf fold matches the prover's layer folds for arities 2, 4, 8", () => {
  const logM = 6;
  const values = evaluations(randomExtPoly(2 ** logM, 9), logM);
  const beta: Ext3 = [123n, 456n, 789n];
  for (const a of [1, 2, 3]) {
    let layer = values;
    let shift = SHIFT;
    let b = beta;
    for (let i = 0; i < a; i++) {
      const bw = new Uint32Array(6);
      b.forEach((v, k) => {
        bw[2 * k] = Number(v & 0xffffffffn);
        bw[2 * k + 1] = Number(v >> 32n);
      });
      layer = foldLayerBy2(layer, logM - i, shift, bw);
      shift = gl.mul(shift, shift);
      b = ext.mul(b, b);
    }
    const arity = 2 ** a;
    for (let j = 0; j < 2 ** logM / arity; j++) {
      const leaf = Array.from({ length: arity }, (_, k) => planarAt(values, 2 ** logM, arity * j + k));
      assert.deepEqual(foldLeaf(leaf, j, logM, SHIFT, beta), planarAt(layer, 2 ** (logM - a), j), `arity ${arity} leaf ${j}`);
    }
  }
});

test('shapes: arities fill up to the final length; small polynomials have no layers', () => {
  const p = PROFILES.standard.params;
  assert.deepEqual(friShape(p, 16).arities, [3, 3, 3, 2]);
  assert.equal(friShape(p, 16).logFinal, 5);
  assert.deepEqual(friShape(p, 5).arities, []);
  assert.deepEqual(friShape(p, 3).arities, []);
  assert.equal(friShape(p, 3).logFinal, 3);
  assert.deepEqual(friShape({ ...p, logFoldingArity: 2, logFinalPolyLen: 0 }, 7).layerLogSizes, [8, 6, 4, 2]);
});

function proveAndVerify(params: FriParams, logDegree: number, values: Uint32Array) {
  return (async () => {
    const pt = new Transcript();
    pt.observe(42n);
    const { proof, queries } = await friProve(params, logDegree, values, pt);
    const check = (p: FriProof, init?: Ext3[]) => {
      const vt = new Transcript();
      vt.observe(42n);
      const replay = friReplay(params, logDegree, p, vt);
      if (!replay.ok) return replay;
      const n = 2 ** (logDegree + params.logBlowup);
      return friCheckQueries(params, replay, p, init ?? replay.queries.map((q) => planarAt(values, n, q)));
    };
    return { proof, queries, check };
  })();
}

test('honest low-degree polynomials pass for several parameter sets and degrees', async () => {
  const sets: FriParams[] = [
    PROFILES.test.params,
    { ...PROFILES.test.params, logFoldingArity: 1, logFinalPolyLen: 0, merkleArity: 2 },
    { ...PROFILES.test.params, logFoldingArity: 3, logFinalPolyLen: 1, logBlowup: 2 },
    { ...PROFILES.test.params, logFoldingArity: 4, logFinalPolyLen: 3, numQueries: 30 },
  ];
  for (const params of sets) {
    for (const logDegree of [0, 1, 3, 6, 9]) {
      const values = evaluations(randomExtPoly(2 ** logDegree, logDegree), logDegree + params.logBlowup);
      const { proof, queries, check } = await proveAndVerify(params, logDegree, values);
      assert.equal(queries.length, params.numQueries);
      assert.deepEqual(check(proof), { ok: true }, `${JSON.stringify(params)} logDegree ${logDegree}`);
    }
  }
});

test('a polynomial of twice the degree is rejected', async () => {
  const params = PROFILES.test.params;
  const logDegree = 8;
  const values = evaluations(randomExtPoly(2 ** (logDegree + 1), 77), logDegree + 1);
  const { proof, check } = await proveAndVerify(params, logDegree, values);
  const r = check(proof);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && (r.check === 'fri-fold' || r.check === 'fri-final'), JSON.stringify(r));
});

test('tampered proofs are rejected with the check that failed', async () => {
  const params = PROFILES.test.params;
  const logDegree = 7;
  const values = evaluations(randomExtPoly(2 ** logDegree, 5), logDegree + 1);
  const { proof, check } = await proveAndVerify(params, logDegree, values);
  const reason = (p: FriProof, init?: Ext3[]) => {
    const r = check(p, init);
    return r.ok ? 'ok' : r.check;
  };
  assert.equal(reason(proof), 'ok');
  const final = proof.finalPoly.slice();
  final[0] ^= 1;
  assert.notEqual(reason({ ...proof, finalPoly: final }), 'ok');
  // The prover's nonce is the least valid one, so every smaller nonce fails; so does one ≥ p.
  if (proof.nonce > 0n) assert.equal(reason({ ...proof, nonce: proof.nonce - 1n }), 'fri-pow');
  assert.equal(reason({ ...proof, nonce: gl.P }), 'fri-pow');
  const leaves = proof.layers[0]!.leaves.map((l) => l.slice());
  leaves[0]![0] ^= 1;
  assert.equal(reason({ ...proof, layers: [{ ...proof.layers[0]!, leaves }, ...proof.layers.slice(1)] }), 'fri-merkle');
  assert.equal(reason({ ...proof, roots: proof.roots.slice(1) }), 'fri-shape');
  assert.equal(reason({ ...proof, layers: proof.layers.slice(1) }), 'fri-shape');
  // Wrong values at the queried points (what a bad DEEP composition gives).
  const wrong = Array.from({ length: params.numQueries }, () => [1n, 2n, 3n] as Ext3);
  assert.equal(reason(proof, wrong), 'fri-fold');
});

test('the security calculator: standard ≥ 100 bits, test marked insecure', () => {
  assert.ok(securityBits(PROFILES.standard.params) >= 100);
  assert.equal(securityBits(PROFILES.standard.params), 84 + 16);
  assert.equal(PROFILES.standard.insecure, false);
  assert.equal(PROFILES.test.insecure, true);
  assert.match(describeParams(PROFILES.test.params), /INSECURE/);
  assert.doesNotMatch(describeParams(PROFILES.standard.params), /INSECURE/);
  // The field caps what queries can give.
  assert.equal(securityBits({ ...PROFILES.standard.params, numQueries: 1000, logBlowup: 3 }), 191 - 32 - 1);
  assert.equal(checkFriParams({ ...PROFILES.standard.params, numQueries: 0 }).ok, false);
  assert.equal(checkFriParams({ ...PROFILES.standard.params, merkleArity: 3 as 2 }).ok, false);
  assert.equal(checkFriParams(PROFILES.standard.params).ok, true);
});

/**
 * TEMPORARY reference versions of the stage-2 builder and the quotient evaluator, with the
 * signatures of src/constraints (buildStage2, evaluateQuotient), written plainly with BigInt for
 * small tests until src/constraints is merged; then this file is deleted.
 */
import { ALPHA, GAMMA, NodeKind, bigintAlgebra, evaluateGraph, rowLeaves, type Air, type AirInstance } from '../air/index.js';
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import type { Ext3 } from '../field/index.js';
import { Matrix } from '../matrix/index.js';
import { bitReverseIndex } from '../ntt/index.js';
import type { WorkerPool } from '../parallel/index.js';
import { pointAt } from '../fri/index.js';

function setExt(m: Matrix, row: number, col: number, v: Ext3): void {
  m.set(row, col, v[0]);
  m.set(row, col + 1, v[1]);
  m.set(row, col + 2, v[2]);
}

export async function buildStage2(
  inst: AirInstance,
  challenges: readonly bigint[],
  _options: { pool?: WorkerPool } = {},
): Promise<{ stage2: Matrix; busSum: Ext3 }> {
  const { air, trace } = inst;
  const n = trace.height;
  const stage2 = new Matrix(air.stage2Width, n);
  if (air.stage2Width === 0) return { stage2, busSum: ext.ZERO };
  const alpha: Ext3 = [challenges[ALPHA]!, challenges[ALPHA + 1]!, challenges[ALPHA + 2]!];
  const gamma: Ext3 = [challenges[GAMMA]!, challenges[GAMMA + 1]!, challenges[GAMMA + 2]!];
  const { groups, helperColumns, accumulatorColumn } = air.logup;
  let acc: Ext3 = ext.ZERO;
  for (let r = 0; r < n; r++) {
    const v = evaluateGraph(air.graph, bigintAlgebra, rowLeaves(inst, r), air.evalNodeCount);
    let rowSum: Ext3 = ext.ZERO;
    groups.forEach((group, g) => {
      let h: Ext3 = ext.ZERO;
      for (const i of group) {
        const it = air.interactions[i]!;
        let d = ext.add(alpha, ext.fromBase(BigInt(it.bus)));
        let gp = gamma;
        for (const id of it.values) {
          d = ext.add(d, ext.mulBase(gp, v[id]!));
          gp = ext.mul(gp, gamma);
        }
        h = ext.add(h, ext.mulBase(ext.inv(d), v[it.multiplicity]!));
      }
      setExt(stage2, r, helperColumns[g]!, h);
      rowSum = ext.add(rowSum, h);
    });
    acc = ext.add(acc, rowSum);
    setExt(stage2, r, accumulatorColumn, acc);
  }
  return { stage2, busSum: acc };
}

export interface QuotientInput {
  air: Air;
  logRows: number;
  logBlowup: number;
  shift: bigint;
  fixed?: Matrix | undefined;
  program?: Matrix | undefined;
  main: Matrix;
  stage2?: Matrix | undefined;
  airValues: readonly bigint[];
  challenges: readonly bigint[];
  busSum: Ext3;
  alpha: Ext3;
}

export async function evaluateQuotient(input: QuotientInput, _options: { pool?: WorkerPool } = {}): Promise<Matrix> {
  const { air, logRows, logBlowup, shift } = input;
  const n = 2 ** logRows;
  const logN = logRows + logBlowup;
  const N = 2 ** logN;
  const out = new Matrix(3, N);
  const omegaLast = gl.pow(gl.rootOfUnity(logRows), BigInt(n - 1));
  const alphaPowers: Ext3[] = [];
  let ap: Ext3 = ext.ONE;
  for (let k = 0; k < air.constraints.length; k++) {
    alphaPowers.push(ap);
    ap = ext.mul(ap, input.alpha);
  }
  for (let i = 0; i < N; i++) {
    const x = pointAt(logN, shift, i);
    const next = bitReverseIndex((bitReverseIndex(i, logN) + 2 ** logBlowup) % N, logN);
    const zh = gl.sub(gl.pow(x, BigInt(n)), 1n);
    const leaf = (kind: NodeKind, index: number, offset: number): bigint => {
      const r = offset ? next : i;
      switch (kind) {
        case NodeKind.Main: return input.main.get(r, index);
        case NodeKind.Fixed: return input.fixed!.get(r, index);
        case NodeKind.Program: return input.program!.get(r, index);
        case NodeKind.Stage2: return input.stage2!.get(r, index);
        case NodeKind.AirValue: return input.airValues[index]!;
        case NodeKind.Challenge: return input.challenges[index]!;
        case NodeKind.Stage2Value: return input.busSum[index]!;
        case NodeKind.IsFirstRow: return gl.mul(zh, gl.inv(gl.mul(BigInt(n), gl.sub(x, 1n))));
        case NodeKind.IsLastRow: return gl.mul(gl.mul(zh, omegaLast), gl.inv(gl.mul(BigInt(n), gl.sub(x, omegaLast))));
        case NodeKind.IsTransition: return gl.sub(x, omegaLast);
        default: throw new Error(`unexpected leaf kind ${kind}`);
      }
    };
    const v = evaluateGraph(air.graph, bigintAlgebra, leaf);
    let c: Ext3 = ext.ZERO;
    air.constraints.forEach((k, j) => {
      c = ext.add(c, ext.mulBase(alphaPowers[j]!, v[k.node]!));
    });
    setExt(out, i, 0, ext.mulBase(c, gl.inv(zh)));
  }
  return out;
}

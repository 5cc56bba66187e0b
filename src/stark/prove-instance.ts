/** Phase 3 of the prover: one instance's proof after the global challenges. */
import type { AirInstance } from '../air/index.js';
import * as gl from '../field/reference.js';
import * as ext from '../field/extension.js';
import type { Ext3 } from '../field/index.js';
import { evaluateAtExt } from '../field/batch.js';
import * as extFast from '../field/extension-fast.js';
import { SHIFT, distinctSorted, friProve, type FriParams } from '../fri/index.js';
import { digestEquals } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import { commitParallel, open } from '../merkle/index.js';
import { evaluate, interpolate } from '../ntt/index.js';
import { openingsAt, openingWeights } from './openings.js';
import type { GlobalChallenges } from './challenges.js';
import { deepComposition, extWords } from './deep.js';
import { addTime, type ProvePhase, type ProverOptions } from './options.js';
import type { InstanceProof, TreeOpening } from './proof.js';
import { instanceShape, TreeKind } from './shape.js';
import { commitMatrix, instanceName, reattachMatrix, type Committed, type Stage1 } from './stage1.js';
import type { StarkSystem } from './system.js';
import { buildStage2, evaluateQuotient } from '../constraints/index.js';

/** Interleaved extension elements (6 words each) as Ext3 values. */
function toExts(words: Uint32Array): Ext3[] {
  return Array.from({ length: words.length / 6 }, (_, i) => extFast.get(words, i));
}

/**
 * Phase 3: stage 2, quotient, openings and FRI of instance `index` (its position in the proof),
 * on the transcript forked from the global one. The result can be checked on its own against the
 * same global challenges (verifyInstanceProof) before it is assembled into a proof.
 */
export async function proveInstance(
  system: StarkSystem,
  params: FriParams,
  index: number,
  stage1: Stage1,
  global: GlobalChallenges,
  options: ProverOptions = {},
): Promise<InstanceProof> {
  const { pool, timings } = options;
  const { air, instance, fixed, program } = stage1.data;
  const { logRows } = stage1.commitment;
  const n = 2 ** logRows;
  const shape = instanceShape(air, logRows, params);
  const name = instanceName(system, instance);
  const t = global.transcript.fork(index);
  // Called on its own, an instance is the only one its events count; prove() recounts them.
  const report = (phase: ProvePhase) => options.progress?.({ phase, instance: index, done: 1, total: 1 });

  let main: Committed | undefined = stage1.data.main;
  if (!main && stage1.data.mainLevels) {
    main = await reattachMatrix(instance.trace, stage1.data.mainLevels, params, pool, timings);
  } else if (!main) {
    main = await commitMatrix(instance.trace, params, pool, timings);
    if (!digestEquals(main.tree.root, stage1.commitment.stage1Root)) throw new Error(`${name}: the recomputed stage-1 root differs from phase 1's: was the trace changed in between?`);
  }

  // Stage 2: LogUp columns under the global challenges.
  let time = performance.now();
  const airInstance: AirInstance = { air, trace: instance.trace, fixed: fixed?.values, program: instance.program, airValues: instance.airValues, label: name };
  let stage2: { values: Matrix; committed: Committed } | undefined;
  let busSum: Ext3 = ext.ZERO;
  if (air.stage2Width > 0) {
    const built = await buildStage2(airInstance, global.challenges, { pool });
    addTime(timings, 'stage2', time);
    busSum = built.busSum;
    stage2 = { values: built.stage2, committed: await commitMatrix(built.stage2, params, pool, timings) };
    t.observeDigest(stage2.committed.tree.root);
    for (const v of busSum) t.observe(v);
  }
  report('stage2');

  // Quotient, split into chunks of degree < n, each committed by its LDE.
  const alpha = t.sampleExt();
  time = performance.now();
  const q = await evaluateQuotient(
    {
      air,
      logRows,
      logBlowup: params.logBlowup,
      shift: SHIFT,
      fixed: fixed?.lde,
      program: program?.lde,
      main: main.lde,
      stage2: stage2?.committed.lde,
      airValues: instance.airValues ?? [],
      challenges: global.challenges,
      busSum,
      alpha,
    },
    { pool },
  );
  addTime(timings, 'quotient', time);
  time = performance.now();
  const coeffs = interpolate(q, SHIFT, 'bit-reversed');
  const chunkCoeffs = new Matrix(3 * shape.quotientChunks, n);
  for (let j = 0; j < shape.quotientChunks; j++) {
    for (let c = 0; c < 3; c++) chunkCoeffs.column(3 * j + c).set(coeffs.column(c).subarray(2 * j * n, 2 * (j + 1) * n));
  }
  // In shared memory when there is a pool: the Merkle and DEEP tasks then read it without a copy.
  const shared = pool !== undefined && pool.workers > 1;
  const quotientLde = evaluate(chunkCoeffs, params.logBlowup, SHIFT, 'bit-reversed', shared ? Matrix.shared(chunkCoeffs.width, n << params.logBlowup) : undefined);
  addTime(timings, 'quotient.split', time);
  time = performance.now();
  const quotientTree = await commitParallel(pool, quotientLde, { arity: params.merkleArity });
  addTime(timings, 'merkle', time);
  const quotient: Committed = { lde: quotientLde, tree: quotientTree };
  t.observeDigest(quotient.tree.root);
  report('quotient');

  // Openings at ζ and ζ·ω.
  const zeta = t.sampleExt();
  const omega = gl.rootOfUnity(logRows);
  if (ext.eq(ext.pow(zeta, BigInt(n)), ext.ONE)) throw new Error(`${name}: ζ fell in the trace domain (probability 2^−160); prove again with another transcript`);
  time = performance.now();
  const zw = extWords(zeta);
  const zwNext = extWords(ext.mulBase(zeta, omega));
  const traceDomain: Record<number, Matrix | undefined> = {
    [TreeKind.Fixed]: fixed?.values,
    [TreeKind.Program]: instance.program,
    [TreeKind.Stage1]: instance.trace,
    [TreeKind.Stage2]: stage2?.values,
  };
  // Each point's barycentric weights once, for every tree; both points of a tree in one pass.
  const atZeta = openingWeights(n, zw, pool);
  const atNext = openingWeights(n, zwNext, pool);
  const zetaValues: Ext3[] = [];
  const nextValues: Ext3[] = [];
  for (const tree of shape.trees) {
    if (tree.kind === TreeKind.Quotient) {
      for (let c = 0; c < tree.width; c++) zetaValues.push(extFast.get(evaluateAtExt(chunkCoeffs.column(c), zw), 0));
    } else {
      const all = Array.from({ length: tree.width }, (_, c) => c);
      const [z, next] = await openingsAt(traceDomain[tree.kind]!, [{ cols: all, weights: atZeta }, { cols: tree.next, weights: atNext }], pool);
      zetaValues.push(...toExts(z!));
      nextValues.push(...toExts(next!));
    }
  }
  const openings = new Uint32Array(6 * (zetaValues.length + nextValues.length));
  [...zetaValues, ...nextValues].forEach((v, i) => openings.set(extWords(v), 6 * i));
  t.observeElements(openings);
  addTime(timings, 'openings', time);
  report('openings');

  // DEEP composition, then FRI on it.
  const lambda = t.sampleExt();
  time = performance.now();
  const committed: Record<number, Committed | undefined> = {
    [TreeKind.Fixed]: fixed ? { lde: fixed.lde, tree: fixed.tree } : undefined,
    [TreeKind.Program]: program,
    [TreeKind.Stage1]: main,
    [TreeKind.Stage2]: stage2?.committed,
    [TreeKind.Quotient]: quotient,
  };
  const trees = shape.trees.map((tr) => committed[tr.kind]!);
  const f = await deepComposition(shape, trees.map((c) => c.lde), zeta, omega, zetaValues, nextValues, lambda, pool);
  addTime(timings, 'deep', time);
  const { proof: fri, queries } = await friProve(params, logRows, f, t, { pool, timings });
  report('fri');

  time = performance.now();
  const indices = distinctSorted(queries);
  const queryOpenings: TreeOpening[] = trees.map((c) => open(c.tree, indices));
  addTime(timings, 'queries', time);
  report('queries');
  return {
    commitment: stage1.commitment,
    stage2Root: stage2?.committed.tree.root,
    busSum,
    quotientRoot: quotient.tree.root,
    openings,
    fri,
    queries: queryOpenings,
  };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { P, compressReference, digestToBigints, hashElementsReference } from '../hash/index.js';
import { Matrix } from '../matrix/index.js';
import { type Arity, commit, hashLeaves, levelSizes, open, verify } from './index.js';

function randomMatrix(width: number, height: number, seed: number): Matrix {
  const m = new Matrix(width, height);
  let s = BigInt(seed) + 1n;
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < height; r++) {
      s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      m.set(r, c, s % P);
    }
  }
  return m;
}

/** The tree's definition, written recursively over BigInts with the reference hash. */
function referenceRoot(ms: Matrix[], arity: Arity): bigint[] {
  const height = ms[0]!.height;
  let level = Array.from({ length: height }, (_, r) =>
    hashElementsReference(ms.flatMap((m) => Array.from({ length: m.width }, (_, c) => m.get(r, c)))),
  );
  while (level.length > 1) {
    const next: bigint[][] = [];
    for (let k = 0; k < level.length; k += arity) {
      next.push(compressReference(Array.from({ length: arity }, (_, s) => level[k + s] ?? [0n, 0n, 0n, 0n])));
    }
    level = next;
  }
  return level[0]!;
}

test('the root equals the recursive definition over the reference hash', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<Arity>(2, 4),
      fc.array(fc.integer({ min: 0, max: 13 }), { minLength: 1, maxLength: 2 }),
      fc.integer({ min: 1, max: 18 }),
      fc.nat(1000),
      (arity, widths, height, seed) => {
        const ms = widths.map((w, i) => randomMatrix(w, height, seed + i));
        assert.deepEqual(digestToBigints(commit(ms, { arity }).root), referenceRoot(ms, arity));
      },
    ),
    { numRuns: 40 },
  );
});

test('leaves hashed in row ranges (as workers would) give the same tree', () => {
  const m = randomMatrix(5, 37, 3);
  const leaves = new Uint32Array(37 * 8);
  hashLeaves(m, 20, 37, leaves);
  hashLeaves(m, 0, 20, leaves);
  assert.deepEqual(commit(m, { leaves }).root, commit(m).root);
});

test('open then verify round-trips for both arities, heights from 1, widths from 0, repeated indices', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<Arity>(2, 4),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 1, max: 70 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      (arity, width, height, raw) => {
        const m = randomMatrix(width, height, width * 100 + height);
        const tree = commit(m, { arity });
        const indices = raw.map((x) => x % height);
        const { rows, proof } = open(tree, indices);
        indices.forEach((r, k) => {
          for (let c = 0; c < width; c++) assert.equal((BigInt(rows[k]![2 * c + 1]!) << 32n) | BigInt(rows[k]![2 * c]!), m.get(r, c));
        });
        assert.deepEqual(verify(tree.root, height, width, indices, rows, proof, { arity }), { ok: true });
      },
    ),
    { numRuns: 80 },
  );
});

test('shared openings: proof size counts only siblings not derivable, none when every row is opened', () => {
  const m = randomMatrix(2, 64, 9);
  const tree = commit(m, { arity: 4 });
  assert.equal(open(tree, [5]).proof.length / 8, 3 * 3); // three levels, three siblings each
  assert.equal(open(tree, [4, 5, 6, 7]).proof.length / 8, 3 * 2); // the first level is complete
  assert.equal(open(tree, Array.from({ length: 64 }, (_, i) => i)).proof.length, 0);
  // Arity 2 over 64 leaves: six levels, one sibling each.
  assert.equal(open(commit(m, { arity: 2 }), [5]).proof.length / 8, 6);
  // A single row: the root is the leaf, nothing to prove.
  const one = commit(randomMatrix(3, 1, 1));
  assert.deepEqual(digestToBigints(one.root), hashElementsReference([0, 1, 2].map((c) => randomMatrix(3, 1, 1).get(0, c))));
  assert.equal(open(one, [0, 0]).proof.length, 0);
});

test('several matrices are opened as one concatenated row', () => {
  const a = randomMatrix(2, 10, 1);
  const b = randomMatrix(3, 10, 2);
  const tree = commit([a, b]);
  const { rows, proof } = open(tree, [7]);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((j) => (BigInt(rows[0]![2 * j + 1]!) << 32n) | BigInt(rows[0]![2 * j]!)),
    [a.get(7, 0), a.get(7, 1), b.get(7, 0), b.get(7, 1), b.get(7, 2)],
  );
  assert.ok(verify(tree.root, 10, 5, [7], rows, proof).ok);
});

test('every single-word change of a row, an index or the proof is rejected', () => {
  for (const arity of [2, 4] as const) {
    const m = randomMatrix(3, 23, 5);
    const tree = commit(m, { arity });
    const indices = [2, 17, 9];
    const { rows, proof } = open(tree, indices);
    assert.ok(verify(tree.root, 23, 3, indices, rows, proof, { arity }).ok);
    for (let k = 0; k < rows.length; k++) {
      for (let w = 0; w < rows[k]!.length; w++) {
        const bad = rows.map((r) => r.slice());
        bad[k]![w]! ^= 1 << (w % 32);
        assert.equal(verify(tree.root, 23, 3, indices, bad, proof, { arity }).ok, false, `row ${k} word ${w}`);
      }
    }
    for (let w = 0; w < proof.length; w++) {
      const bad = proof.slice();
      bad[w]! ^= 1 << (w % 31);
      assert.equal(verify(tree.root, 23, 3, indices, rows, bad, { arity }).ok, false, `proof word ${w}`);
    }
    for (let k = 0; k < indices.length; k++) {
      for (const other of [0, 1, 3, 16, 18, 22]) {
        const bad = indices.slice();
        bad[k] = other;
        assert.equal(verify(tree.root, 23, 3, bad, rows, proof, { arity }).ok, false, `index ${k} → ${other}`);
      }
    }
    for (let w = 0; w < 8; w++) {
      const badRoot = tree.root.slice();
      badRoot[w]! ^= 4;
      assert.equal(verify(badRoot, 23, 3, indices, rows, proof, { arity }).ok, false);
    }
    assert.equal(verify(tree.root, 23, 3, indices, rows, proof, { arity: arity === 2 ? 4 : 2 }).ok, false);
  }
});

test('truncated, extended and reshaped proofs are rejected with a reason', () => {
  const tree = commit(randomMatrix(4, 30, 8));
  const indices = [3, 29];
  const { rows, proof } = open(tree, indices);
  const reason = (r: ReturnType<typeof verify>) => (r.ok ? 'ok' : r.reason);
  assert.equal(reason(verify(tree.root, 30, 4, indices, rows, proof.subarray(0, proof.length - 8))), 'proof-length');
  assert.equal(reason(verify(tree.root, 30, 4, indices, rows, proof.subarray(0, proof.length - 3))), 'proof-length');
  const longer = new Uint32Array(proof.length + 8);
  longer.set(proof);
  assert.equal(reason(verify(tree.root, 30, 4, indices, rows, longer)), 'proof-length');
  assert.equal(reason(verify(tree.root, 30, 4, indices, rows, new Uint32Array(0))), 'proof-length');
});

test('a wrong height is rejected whenever it changes the opened paths', () => {
  // Arity 4, 16 leaves = levels 16, 4, 1. Opening 13 needs sibling 15, which a height of 15 treats
  // as padding (proof too long); 17 adds a level; 13 puts index 13 out of range.
  const tree = commit(randomMatrix(2, 16, 4), { arity: 4 });
  const { rows, proof } = open(tree, [0, 13]);
  for (const h of [13, 14, 15, 17, 64, 4, 1]) {
    assert.equal(verify(tree.root, h, 2, [0, 13], rows, proof).ok, false, `height ${h}`);
  }
  assert.ok(verify(tree.root, 16, 2, [0, 13], rows, proof).ok);
  assert.deepEqual(levelSizes(16, 4), [16, 4, 1]);
});

test('malformed input of any shape is a rejection, never an exception', () => {
  const tree = commit(randomMatrix(2, 8, 2));
  const { rows, proof } = open(tree, [1, 6]);
  const good = { root: tree.root, height: 8, width: 2, indices: [1, 6], rows, proof };
  const cases: Array<[string, Partial<Record<keyof typeof good, unknown>>, string]> = [
    ['root too short', { root: tree.root.subarray(0, 7) }, 'bad-root'],
    ['root not typed', { root: [1, 2, 3, 4, 5, 6, 7, 8] }, 'bad-root'],
    ['root non-canonical', { root: Uint32Array.from([1, 0xffffffff, 0, 0, 0, 0, 0, 0]) }, 'bad-root'],
    ['height 0', { height: 0 }, 'bad-height'],
    ['height NaN', { height: NaN }, 'bad-height'],
    ['height fractional', { height: 7.5 }, 'bad-height'],
    ['width negative', { width: -1 }, 'bad-width'],
    ['no indices', { indices: [], rows: [] }, 'no-indices'],
    ['indices not an array', { indices: 'x' }, 'no-indices'],
    ['index out of range', { indices: [1, 8] }, 'bad-index'],
    ['index negative', { indices: [-1, 6] }, 'bad-index'],
    ['index fractional', { indices: [1.5, 6] }, 'bad-index'],
    ['index a string', { indices: ['1', 6] }, 'bad-index'],
    ['row count', { rows: [rows[0]] }, 'row-count'],
    ['row too long', { rows: [rows[0], new Uint32Array(5)] }, 'row-shape'],
    ['row not typed', { rows: [rows[0], [1, 2, 3, 4]] }, 'row-shape'],
    ['row element ≥ p', { rows: [rows[0], Uint32Array.from([1, 0xffffffff, 0, 0])] }, 'non-canonical'],
    ['proof not typed', { proof: [...proof] }, 'proof-length'],
    ['proof element ≥ p', { proof: Uint32Array.from(proof, (w, i) => (i === 1 ? 0xffffffff : i === 0 ? 5 : w)) }, 'non-canonical'],
  ];
  for (const [name, change, want] of cases) {
    const a = { ...good, ...change } as typeof good;
    let result;
    assert.doesNotThrow(() => {
      result = verify(a.root, a.height, a.width, a.indices, a.rows, a.proof);
    }, name);
    assert.deepEqual((result as unknown as { reason: string }).reason, want, name);
  }
  // A repeated index must carry identical rows.
  const twice = open(tree, [6, 6]);
  assert.ok(verify(tree.root, 8, 2, [6, 6], twice.rows, twice.proof).ok);
  const other = twice.rows[1]!.slice();
  other[0]! ^= 1;
  const r = verify(tree.root, 8, 2, [6, 6], [twice.rows[0]!, other], twice.proof);
  assert.equal(r.ok ? 'ok' : r.reason, 'inconsistent-duplicate');
});

test('commit checks its arguments', () => {
  assert.throws(() => commit([randomMatrix(1, 4, 0), randomMatrix(1, 5, 0)]), /one height/);
  assert.throws(() => commit(new Matrix(3, 0)), /no rows/);
  assert.throws(() => commit(randomMatrix(1, 4, 0), { arity: 3 as Arity }), /arity/);
  assert.throws(() => open(commit(randomMatrix(1, 4, 0)), [4]), /outside/);
});

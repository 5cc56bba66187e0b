import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkConstraintsReference } from '../../air/index.js';
import { TableMultiplicities } from '../../executor/index.js';
import { Matrix } from '../../matrix/index.js';
import { AccessList } from './collector.js';
import { initialState, MEM_AIRS, memLayout, REGION_RAM, REGIONS } from './index.js';
import { memWitness, sortedOrder } from './mem-witness.js';

test('accesses are put in (word, step) order, by the float sort and by the radix sort alike', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40000 }), fc.integer({ min: 1, max: 2 ** 27 }), fc.integer(), (n, span, seed) => {
      const a = new AccessList(n);
      let x = seed >>> 0 || 1;
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        a.push(0x14000000 + (x % span), 4 * i + 1, 0, i, 0);
      }
      const order = sortedOrder(a);
      const expected = Array.from({ length: n }, (_, i) => i).sort((i, j) => a.word[i]! - a.word[j]! || a.step[i]! - a.step[j]!);
      assert.deepEqual([...order], expected);
    }),
    { numRuns: 20 },
  );
});

test('region bounds: the first and last words of a region are provable, a word past its end is not', () => {
  const region = REGIONS[REGION_RAM]!;
  const build = (words: number[]) => {
    const a = new AccessList(words.length);
    words.forEach((w, i) => a.push(w, 4 * i + 3, 1, i + 1, 0));
    return memWitness({
      air: MEM_AIRS[REGION_RAM]!, region, logRows: 2, segment: 0, isLast: true, start: initialState(REGION_RAM),
      accesses: a, tables: new TableMultiplicities(), label: 'Mem',
    });
  };
  const edges = build([region.baseWord, region.baseWord + 1, region.endWord]);
  assert.deepEqual(checkConstraintsReference(edges), { ok: true });
  assert.throws(() => build([region.baseWord, region.endWord + 1]), /outside Mem's region/);
  // Forced anyway: lastAddr one past the end leaves endWord − lastAddr = −1, which no pair of
  // 16-bit halves makes.
  const past = { ...edges, trace: new Matrix(edges.trace.width, edges.trace.height, Uint32Array.from(edges.trace.data)), airValues: [...edges.airValues!] };
  const L = memLayout(past.air);
  for (let r = 2; r < 4; r++) past.trace.setU32(r, L.addr, region.endWord + 1);
  past.airValues[L.av.lastAddr as number] = BigInt(region.endWord + 1);
  const [d0, d1] = L.av.endDist as number[];
  past.airValues[d0!] = 65535n;
  past.airValues[d1!] = 65535n;
  const r = checkConstraintsReference(past);
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.constraint, 'endDist splits endWord − lastAddr');
});

// The address planner with the real collector: every access lands in exactly one instance, instances
// hold consecutive runs of the (word, step) order, and each knows the state its predecessor ended with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MEM, MEMORY_BUS } from '../../bus/index.js';
import { MemCollector } from './collector.js';
import { MemCounter, planByAddress, REGION_RAM, REGIONS, type MemInstancePlan } from './index.js';

const BASE = REGIONS[REGION_RAM]!.baseWord + 100;

/** An aligned access message: word, step, load or store, value. */
function message(word: number, step: number, store: boolean, value: number): Uint32Array {
  const m = new Uint32Array(MEM.size);
  m[MEM.op] = store ? 2 : 1;
  m[MEM.addr] = word * 8;
  m[MEM.memStepLo] = step;
  m[MEM.bytes] = 8;
  m[MEM.v0Lo] = value;
  return m;
}

interface Acc { word: number; step: number; value: number }

/** Chunks of accesses: word offsets from BASE; steps increase through the chunks; values are unique. */
function chunksOf(words: number[][]): Acc[][] {
  let step = 1;
  return words.map((ws) => ws.map((w) => ({ word: BASE + w, step: (step += 4), value: step })));
}

function collect(chunks: Acc[][], plan: MemInstancePlan) {
  const got: Acc[] = [];
  let previous: { step: number; lo: number } | undefined;
  for (const s of plan.slices) {
    const wantPrevious = plan.previous.kind === 'collect' && plan.previous.chunk === s.chunk;
    const c = new MemCollector(plan.fromAddr, plan.toAddr, s, wantPrevious);
    let open = true;
    for (const a of chunks[s.chunk]!) open = c.processData(MEMORY_BUS, message(a.word, a.step, false, a.value)) && open;
    assert.equal(open, false, 'the collector says it is done by the end of its chunk');
    for (let i = 0; i < c.accesses.n; i++) got.push({ word: c.accesses.word[i]!, step: c.accesses.step[i]!, value: c.accesses.lo[i]! });
    if (wantPrevious) previous = c.previous;
  }
  return { got, previous };
}

function checkPlan(words: number[][], capacity: number): void {
  const chunks = chunksOf(words);
  const counts = chunks.map((accs) => {
    const c = new MemCounter();
    for (const a of accs) c.processData(MEMORY_BUS, message(a.word, a.step, false, a.value));
    return c.result().regions[REGION_RAM]!;
  });
  const plans = planByAddress(counts.map((count, chunk) => ({ chunk, count })).filter((c) => c.count.words.length > 0), capacity);
  // The order the memory AIR needs: by word, then by step.
  const all = chunks.flat().sort((a, b) => a.word - b.word || a.step - b.step);
  let pos = 0;
  plans.forEach((p, i) => {
    assert.ok(p.rows >= 1 && p.rows <= capacity);
    const { got, previous } = collect(chunks, p);
    got.sort((a, b) => a.word - b.word || a.step - b.step);
    assert.equal(got.length, p.rows);
    assert.deepEqual(got, all.slice(pos, pos + p.rows), `instance ${i} holds the next run of accesses`);
    // Its start state is the previous instance's last access.
    if (i === 0) assert.equal(p.previous.kind, 'init');
    else {
      const last = all[pos - 1]!;
      if (p.previous.kind === 'known') assert.deepEqual([p.previous.addr, p.previous.step, p.previous.lo], [last.word, last.step, last.value]);
      else {
        assert.equal(p.previous.kind, 'collect');
        assert.equal(last.word, p.fromAddr);
        assert.deepEqual([previous?.step, previous?.lo], [last.step, last.value]);
      }
    }
    pos += p.rows;
  });
  assert.equal(pos, all.length, 'every access is in some instance');
  if (all.length > 0) assert.ok(plans.slice(0, -1).every((p) => p.rows === capacity), 'only the last instance is not full');
}

test('cuts inside a word, between words, and across chunks', () => {
  checkPlan([[0, 0, 1, 0, 2], [0, 3, 1, 1], [2, 0, 0]], 3);
  checkPlan([[5, 5, 5, 5, 5], [5, 5], [5]], 2);
  checkPlan([[1], [], [2, 1]], 1);
});

test('any accesses, any capacity: a partition into consecutive runs with the right start states', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.nat(6), { maxLength: 12 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (words, capacity) => {
      checkPlan(words, capacity);
    }),
    { numRuns: 300 },
  );
});

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkBusBalanceReference, P, type AirInstance, type BalanceResult, type GlobalBusTerm } from '../air/index.js';
import { byteLookupInstances, BYTE_BUS } from '../air/examples/byte-lookup.js';
import { fibonacciInstance } from '../air/examples/fibonacci.js';
import { WorkerPool } from '../parallel/index.js';
import { checkBusBalance } from './index.js';
import { Rng } from './test-support/random.js';
import { busyInstance, sendReceivePair } from './test-support/airs.js';

const pools = [new WorkerPool({ workers: 1 }), new WorkerPool({ workers: 2 }), new WorkerPool({ workers: 3 })];
after(() => Promise.all(pools.map((p) => p.close())));

/** The fast result matches the reference: the same failure in full, or both balanced. */
function sameAs(got: BalanceResult, want: BalanceResult, what: string): void {
  if (want.ok) assert.equal(got.ok, true, `${what}: ${JSON.stringify(got, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  else assert.deepEqual(got, want, what);
}

async function compare(instances: readonly AirInstance[], global: readonly GlobalBusTerm[], what: string): Promise<BalanceResult> {
  const want = checkBusBalanceReference(instances, global);
  let last: BalanceResult | undefined;
  for (const pool of pools) {
    last = await checkBusBalance(instances, global, { pool });
    sameAs(last, want, `${what}, ${pool.workers} workers`);
  }
  return last!;
}

test('byte lookups: honest, a tampered multiplicity and a dropped row, as the reference', async () => {
  const honest = await compare(byteLookupInstances(6, 50), [], 'honest');
  // sends: four bytes for each of the 50 words, and each table row with a non-zero multiplicity
  assert.equal(honest.ok && honest.messages, 4 * 50 + countNonZeroMultiplicities(byteLookupInstances(6, 50)[0]));

  const tampered = byteLookupInstances(6, 50);
  const t = tampered[0].trace;
  const row = [...Array(256).keys()].find((r) => t.get(r, 0) > 0n)!;
  t.set(row, 0, t.get(row, 0) + 1n);
  const bad = await compare(tampered, [], 'tampered multiplicity');
  assert.equal(!bad.ok && bad.bus, BYTE_BUS);
  assert.equal(!bad.ok && bad.net, 1n);

  const dropped = byteLookupInstances(6, 50);
  dropped[1].trace.setU32(3, dropped[1].air.cols.sel, 0);
  const d = await compare(dropped, [], 'dropped row');
  assert.equal(d.ok, false);
});

function countNonZeroMultiplicities(inst: AirInstance): number {
  let k = 0;
  for (let r = 0; r < inst.trace.height; r++) if (inst.trace.get(r, 0) !== 0n) k++;
  return k;
}

test('randomized senders and receivers, tampered cells and global terms, as the reference', async () => {
  const outcomes = { ok: 0, failed: 0 };
  for (let seed = 1; seed <= 40; seed++) {
    const rng = new Rng(seed);
    const pair = sendReceivePair(1 + rng.int(7), seed);
    const instances: AirInstance[] = [...pair];
    const global: GlobalBusTerm[] = [];
    const kind = seed % 5;
    if (kind === 1 || kind === 2) {
      // one or two changed cells
      for (let c = 0; c <= kind - 1; c++) {
        const inst = instances[rng.int(2)]!;
        const r = rng.int(inst.trace.height), col = rng.int(4);
        inst.trace.set(r, col, BigInt(rng.int(4)));
      }
    } else if (kind === 3) {
      // a global term and its opposite (balanced), or one of them alone
      const values = [BigInt(rng.int(4)), P - 1n, 0n];
      global.push({ label: 'boot', bus: 2, values, multiplicity: 3n });
      if (rng.int(2)) global.push({ label: 'end', bus: 2, values: values.slice(0, 2), multiplicity: -3n });
    } else if (kind === 4) {
      instances.push(busyInstance(2, seed), fibonacciInstance(2));
    }
    const r = await compare(instances, global, `seed ${seed}`);
    outcomes[r.ok ? 'ok' : 'failed']++;
  }
  assert.ok(outcomes.ok >= 10 && outcomes.failed >= 10, JSON.stringify(outcomes));
});

test('several buses out of balance: the first imbalanced message in the reference order', async () => {
  const [send, receive] = sendReceivePair(4, 77);
  // bus 2 breaks in the receiver's rows, bus 1 in the sender's: the sender comes first
  receive.trace.set(5, 3, 1n - receive.trace.get(5, 3));
  send.trace.set(9, 2, send.trace.get(9, 2) + 1n);
  const r = await compare([send, receive], [], 'two buses');
  assert.equal(r.ok, false);
  const g = await compare([send, receive], [{ label: 'extra', bus: 7, values: [1n], multiplicity: 1n }], 'global on a new bus');
  assert.equal(g.ok, false);
  const onlyGlobal = await compare([], [{ label: 'lonely', bus: 3, values: [4n, 0n], multiplicity: 2n }], 'global only');
  assert.deepEqual(onlyGlobal, { ok: false, bus: 3, values: [4n], net: 2n, senders: ["global 'lonely'"] });
});

test('global terms are checked at the boundary', async () => {
  await assert.rejects(checkBusBalance([], [{ label: 'big', bus: 1, values: [P], multiplicity: 1n }]), /values must be canonical/);
  await assert.rejects(checkBusBalance([], [{ label: 'neg', bus: -1, values: [1n], multiplicity: 1n }]), /bus must be a non-negative integer/);
});

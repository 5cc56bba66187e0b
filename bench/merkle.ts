// Merkle commitment (arity 4, Poseidon2-16) of a 2^20 × 16 matrix, on the calling thread and with
// the leaves split over 2 worker threads; plus opening/verification of 64 rows. JSON lines (medians).
import { DIGEST_WORDS } from '../src/hash/index.js';
import { Matrix } from '../src/matrix/index.js';
import { commit, open, verify } from '../src/merkle/index.js';
import { BenchPool, emit, median } from './_pool.js';

const LOG_ROWS = Number(process.env.MERKLE_LOG_ROWS ?? 20);
const ROWS = 1 << LOG_ROWS;
const COLS = 16;
const RUNS = 3;

const m = Matrix.shared(COLS, ROWS);
for (let i = 0; i < m.data.length; i++) m.data[i] = ((i * 2654435761) >>> 0) & (i % 2 ? 0x7fffffff : 0xffffffff);

const single: number[] = [];
let root: Uint32Array | undefined;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  root = commit(m).root;
  single.push(performance.now() - t0);
}
emit('merkle.commit', median(single), 'ms', ROWS, { cols: COLS, arity: 4, workers: 1 });

const pool = new BenchPool(2);
const leaves = new Uint32Array(new SharedArrayBuffer(4 * ROWS * DIGEST_WORDS));
const split = (lo: number, hi: number) =>
  ({ kind: 'leaves', width: COLS, height: ROWS, data: m.data.buffer as SharedArrayBuffer, leaves: leaves.buffer as SharedArrayBuffer, start: lo, end: hi }) as const;
await pool.run([split(0, 4096), split(4096, 8192)]); // warm up both workers
const parallel: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  await pool.run([split(0, ROWS / 2), split(ROWS / 2, ROWS)]);
  const tree = commit(m, { leaves });
  parallel.push(performance.now() - t0);
  if (!tree.root.every((w, i) => w === root![i])) throw new Error('parallel leaves gave a different root');
}
await pool.close();
emit('merkle.commit', median(parallel), 'ms', ROWS, { cols: COLS, arity: 4, workers: 2 });

const tree = commit(m, { leaves });
const indices = Array.from({ length: 64 }, (_, i) => (i * 2654435761) % ROWS);
const t0 = performance.now();
const opening = open(tree, indices);
const tOpen = performance.now() - t0;
const t1 = performance.now();
const ok = verify(tree.root, ROWS, COLS, indices, opening.rows, opening.proof).ok;
const tVerify = performance.now() - t1;
if (!ok) throw new Error('verification failed');
emit('merkle.open', tOpen, 'ms', indices.length, { proofDigests: opening.proof.length / DIGEST_WORDS });
emit('merkle.verify', tVerify, 'ms', indices.length);

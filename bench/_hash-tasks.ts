// Worker side of the hashing benchmarks: permutation batches and Merkle leaf ranges, each worker
// with its own kernel instance, the matrix and the leaves shared with the main thread.
import { parentPort } from 'node:worker_threads';
import { Poseidon2Wasm } from '../src/hash/index.js';
import { Matrix } from '../src/matrix/index.js';
import { hashLeaves } from '../src/merkle/index.js';

export type Task =
  | { kind: 'permute'; batches: number; batch: number }
  | { kind: 'leaves'; width: number; height: number; data: SharedArrayBuffer; leaves: SharedArrayBuffer; start: number; end: number };

const hasher = new Poseidon2Wasm();
const states = new Uint32Array(32 * 4096);
states.forEach((_, i) => (states[i] = (i * 2654435761) >>> 1));

parentPort!.on('message', (task: Task) => {
  if (task.kind === 'permute') {
    for (let b = 0; b < task.batches; b++) hasher.permuteMany(states, task.batch);
  } else {
    const m = new Matrix(task.width, task.height, new Uint32Array(task.data));
    hashLeaves(m, task.start, task.end, new Uint32Array(task.leaves), hasher);
  }
  parentPort!.postMessage('done');
});

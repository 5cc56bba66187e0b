// Arith witness throughput: ns per operation to build an Arith trace (rows, carries, range and table
// lookups) from 2^16 operations, for a multiplication-only mix, a division-only mix and all 14 ops;
// and the remainder-check generator per division message.
//   {"name": "arith/witness/all", "value": <median ns/op>, "unit": "ns/op", "n": 65536}
// Pin it to one core for stable numbers: taskset -c 0 npm run bench -- arith
import { TableMultiplicities } from '../src/executor/index.js';
import { DataBus, OP, OPERATION_BUS, type BusDevice } from '../src/bus/index.js';
import { OP_TYPE_ARITH, OPS, opByCode } from '../src/zisk/index.js';
import { buildArithTrace, OperationBuffer, RemainderCheckGenerator } from '../src/sm/arith/index.js';
import { emit, medianMs, randomWords, round } from './_util.js';

const LOG_ROWS = 16;
const N = 2 ** LOG_ROWS;
const arith = OPS.filter((o) => o.opType === OP_TYPE_ARITH);
const exec = new Int32Array(3);

function operations(codes: readonly number[], seed: number): OperationBuffer {
  const words = randomWords(2 * N, seed);
  const buf = new OperationBuffer(N);
  for (let i = 0; i < N; i++) {
    const op = codes[i % codes.length]!;
    // Random operands with some small and negative ones, as programs have.
    const aLo = words[4 * i]!, aHi = i % 3 === 0 ? 0 : words[4 * i + 1]! | (i & 4 ? 0x80000000 : 0);
    const bLo = i % 5 === 0 ? words[4 * i + 2]! & 0xff : words[4 * i + 2]!, bHi = i % 2 === 0 ? 0 : words[4 * i + 3]!;
    opByCode(op).exec(aLo | 0, aHi | 0, bLo | 0, bHi | 0, exec);
    buf.push(op, aLo, aHi >>> 0, bLo, bHi >>> 0, exec[0]! >>> 0, exec[1]! >>> 0, exec[2]!);
  }
  return buf;
}

const mixes: [string, number[]][] = [
  ['mul', arith.filter((o) => o.name.startsWith('mul')).map((o) => o.code)],
  ['div', arith.filter((o) => /^(div|rem)/.test(o.name)).map((o) => o.code)],
  ['all', arith.map((o) => o.code)],
];
console.error(`arith witness benchmark: 2^${LOG_ROWS} operations per trace; medians of 7 runs`);
for (const [name, codes] of mixes) {
  const ops = operations(codes, 7);
  const ms = medianMs(() => void buildArithTrace([ops], LOG_ROWS, new TableMultiplicities()));
  emit({ name: `arith/witness/${name}`, value: round((ms * 1e6) / N, 1), unit: 'ns/op', n: N });
}

// The generator on the data bus, with one listening device, per division message.
const divs = operations(mixes[1]![1], 11);
const sink: BusDevice = { busIds: [OPERATION_BUS], processData: () => true };
const msg = new Uint32Array(OP.size);
const ms = medianMs(() => {
  const bus = new DataBus([sink], [new RemainderCheckGenerator()]);
  for (let i = 0; i < N; i++) {
    msg[OP.op] = divs.op[i]!;
    msg[OP.opType] = OP_TYPE_ARITH;
    msg[OP.aLo] = divs.aLo[i]!;
    msg[OP.aHi] = divs.aHi[i]!;
    msg[OP.bLo] = divs.bLo[i]!;
    msg[OP.bHi] = divs.bHi[i]!;
    bus.write(OPERATION_BUS, msg);
  }
});
emit({ name: 'arith/remainder-generator', value: round((ms * 1e6) / N, 1), unit: 'ns/op', n: N });

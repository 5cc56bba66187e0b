// Witness generation of the Binary family in M operations/s: Binary (every basic op, random
// operands), BinaryAdd and BinaryExtension (every shift and sign extension), 2^18 operations each,
// from operation lists as the collectors fill them. Table and range counts included.
//   {"name": "binary-witness/Binary", "value": <median M ops/s>, "unit": "M ops/s", "n": 262144, ...}
// Pin it to one core for stable numbers: taskset -c 0 npm run bench -- binary
import { TableMultiplicities } from '../src/executor/index.js';
import { binaryAddTrace, binaryExtensionTrace, binaryTrace, OperationList } from '../src/sm/binary/index.js';
import { OPS, OP_ADD, OP_TYPE_BINARY, OP_TYPE_BINARY_E } from '../src/zisk/index.js';
import { emit, medianMs } from './_util.js';

const LOG_ROWS = 18;
const N = 1 << LOG_ROWS;

function list(codes: readonly number[]): OperationList {
  const l = new OperationList(N);
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < N; i++) l.push(codes[i % codes.length]!, next(), next() & 1 ? next() : 0, next(), next() & 1 ? next() : 0xffffffff);
  return l;
}

const basic = list(OPS.filter((o) => o.opType === OP_TYPE_BINARY).map((o) => o.code));
const adds = list([OP_ADD]);
const ext = list(OPS.filter((o) => o.opType === OP_TYPE_BINARY_E).map((o) => o.code));
const tables = new TableMultiplicities();
// First use builds the table's precomputed relations; measure steady state.
for (const [name, fn] of [
  ['Binary', () => binaryTrace([basic], LOG_ROWS, tables)],
  ['BinaryAdd', () => binaryAddTrace([adds], LOG_ROWS, tables)],
  ['BinaryExtension', () => binaryExtensionTrace([ext], LOG_ROWS, tables)],
] as const) {
  const ms = medianMs(fn, 5);
  emit({ name: `binary-witness/${name}`, value: Math.round((N / ms / 1000) * 100) / 100, unit: 'M ops/s', n: N });
}

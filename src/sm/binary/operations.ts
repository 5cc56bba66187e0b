/**
 * Operations as a Binary-family instance takes them: opcode and raw operands, in bus order. The
 * collectors fill one list per chunk; tests build lists by hand. Typed arrays, no object per op.
 */
export class OperationList {
  readonly op: Uint8Array;
  /** aLo, aHi, bLo, bHi per operation. */
  readonly operands: Uint32Array;
  length = 0;

  constructor(readonly capacity: number) {
    this.op = new Uint8Array(capacity);
    this.operands = new Uint32Array(4 * capacity);
  }

  push(op: number, aLo: number, aHi: number, bLo: number, bHi: number): void {
    const i = this.length;
    if (i >= this.capacity) throw new RangeError(`operation list is full (${this.capacity} operations)`);
    this.op[i] = op;
    const o = 4 * i;
    this.operands[o] = aLo;
    this.operands[o + 1] = aHi;
    this.operands[o + 2] = bLo;
    this.operands[o + 3] = bHi;
    this.length = i + 1;
  }

  /** A list from (op, a, b) triples with 64-bit BigInt operands (tests, API edges). */
  static of(ops: readonly (readonly [op: number, a: bigint, b: bigint])[]): OperationList {
    const list = new OperationList(ops.length);
    for (const [op, a, b] of ops) {
      list.push(op, Number(a & 0xffffffffn), Number((a >> 32n) & 0xffffffffn), Number(b & 0xffffffffn), Number((b >> 32n) & 0xffffffffn));
    }
    return list;
  }
}

/** Total operations in several lists. */
export function totalLength(lists: readonly OperationList[]): number {
  let n = 0;
  for (const l of lists) n += l.length;
  return n;
}

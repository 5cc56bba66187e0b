/**
 * Proving stand-ins for Main's tests: AIR instances that prove, from a direct run, every message
 * Main assumes on the operation bus (each external operation but pubout, which the global terms
 * prove) and on the memory bus (each memory access, as docs/state-machines.md specifies). Main's
 * instances plus these, Rom, Range and the global terms must balance every bus.
 */
import { defineAir, type AirInstance } from '../../../air/index.js';
import { MEMORY_BUS, OPERATION_BUS } from '../../../bus/index.js';
import { OP_TYPE_PUBOUT, type ZiskRom } from '../../../zisk/index.js';
import { mainMessages, messageInstance } from '../../test-support/stand-ins.js';

const operationProverAir = defineAir({
  name: 'OperationProver',
  columns: { msg: 8, sel: 1 },
  eval(b) {
    b.lookupProves('each external operation', OPERATION_BUS, b.main.msg, b.main.sel);
  },
});

const memoryProverAir = defineAir({
  name: 'MemoryProver',
  columns: { msg: 6, sel: 1 },
  eval(b) {
    b.permutationProves('each memory access', MEMORY_BUS, b.main.msg, b.main.sel);
  },
});

export interface Provers {
  readonly operations: AirInstance;
  readonly memory: AirInstance;
  /** The rows of each, to tamper with. */
  readonly operationRows: number;
  readonly memoryRows: number;
}

export function provers(rom: ZiskRom, input: Uint8Array | undefined): Provers {
  const { operations, memory } = mainMessages(rom, input, (opType) => opType !== OP_TYPE_PUBOUT);
  return {
    operations: messageInstance(operationProverAir, operations),
    memory: messageInstance(memoryProverAir, memory),
    operationRows: operations.length,
    memoryRows: memory.length,
  };
}

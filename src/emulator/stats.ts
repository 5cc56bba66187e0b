/**
 * Execution statistics and ZisK's cost estimate (`--stats`): op counts per opcode, op type and state
 * machine, and memory accesses classified the way ZisK's emulator does (region; aligned, unaligned
 * inside one word, or straddling two). The estimate is ZisK's: 68 per Main step, each op's cost from
 * the op table, and per-access memory costs (emulator/src/emu_costs.rs).
 */
import {
  INPUT_ADDR, MAX_INPUT_SIZE, OPS, OP_BY_CODE, OP_TYPE_NAMES, PRECOMPILE_BY_CODE, ROM_ADDR, ROM_ADDR_MAX, SM_NAMES,
  type ZiskRom,
} from '../zisk/index.js';
import { MEM_OP_LOAD, type ExecutionObserver, type MemoryRecord, type RegisterRecord, type StepRecord } from './observer.js';

export const MAIN_COST = 68;
const MEM_READ_COST = 16;
const MEM_WRITE_COST = 18;
const ROM_READ_COST = 14;
const INPUT_READ_COST = 29;
const MEM_ALIGN_COST = 53;
const ALIGN_READ_BYTE = 25;
const ALIGN_WRITE_BYTE = 32;
const ALIGN_READ_1 = 2 * MEM_ALIGN_COST;
const ALIGN_READ_2 = 3 * MEM_ALIGN_COST;
const ALIGN_WRITE_1 = 3 * MEM_ALIGN_COST;
const ALIGN_WRITE_2 = 5 * MEM_ALIGN_COST;

export const ACCESS_ALIGNED = 0;
export const ACCESS_SINGLE = 1;
export const ACCESS_DOUBLE = 2;
const ACCESS_NAMES = ['aligned 8-byte', 'unaligned in one word', 'unaligned across two words'];
const REGION_NAMES = ['RAM', 'ROM', 'input'];

export class StatsCollector implements ExecutionObserver {
  steps = 0;
  /** Steps per opcode. */
  readonly ops = new Float64Array(256);
  /** Memory reads and writes by [region 0..2][kind 0..2]; writes only happen in RAM. */
  readonly reads = [new Float64Array(3), new Float64Array(3), new Float64Array(3)];
  readonly writes = new Float64Array(3);
  memoryCost = 0;
  registerAccesses = 0;

  constructor(private readonly rom: ZiskRom) {}

  onStep(r: StepRecord): boolean {
    this.steps++;
    this.ops[this.rom.insts[r.inst]!.op]!++;
    return false;
  }

  onRegister(_g: RegisterRecord): void {
    this.registerAccesses++;
  }

  onMemory(m: MemoryRecord): void {
    const off = m.addr & 7;
    const kind = m.bytes === 8 && off === 0 ? ACCESS_ALIGNED : off + m.bytes > 8 ? ACCESS_DOUBLE : ACCESS_SINGLE;
    if (m.op === MEM_OP_LOAD) {
      const region = m.addr >= ROM_ADDR && m.addr < ROM_ADDR_MAX ? 1 : m.addr >= INPUT_ADDR && m.addr < INPUT_ADDR + MAX_INPUT_SIZE ? 2 : 0;
      this.reads[region]![kind]!++;
      const read = region === 1 ? ROM_READ_COST : region === 2 ? INPUT_READ_COST : MEM_READ_COST;
      this.memoryCost += kind === ACCESS_ALIGNED ? read
        : kind === ACCESS_DOUBLE ? ALIGN_READ_2 + 2 * read
        : m.bytes === 1 ? ALIGN_READ_BYTE + read : ALIGN_READ_1 + read;
    } else {
      this.writes[kind]!++;
      const rw = MEM_READ_COST + MEM_WRITE_COST;
      const clean = m.bytes === 1 && (m.valueLo & ~0xff) === 0 && m.valueHi === 0;
      this.memoryCost += kind === ACCESS_ALIGNED ? MEM_WRITE_COST
        : kind === ACCESS_DOUBLE ? ALIGN_WRITE_2 + 2 * rw
        : clean ? ALIGN_WRITE_BYTE + rw : ALIGN_WRITE_1 + rw;
    }
  }

  /** Σ count(op) · cost(op). */
  opsCost(): number {
    let total = 0;
    this.ops.forEach((n, code) => {
      total += n * (OP_BY_CODE[code]?.cost ?? PRECOMPILE_BY_CODE[code]?.cost ?? 0);
    });
    return total;
  }

  totalCost(): number {
    return this.steps * MAIN_COST + this.opsCost() + this.memoryCost;
  }

  /** The report printed by `zisk-ts run --stats`. */
  report(): string {
    const lines: string[] = [];
    const pct = (n: number, of: number) => (of ? ((100 * n) / of).toFixed(2) : '0.00').padStart(6) + '%';
    const row = (name: string, n: number, extra = '') => `  ${name.padEnd(22)} ${String(n).padStart(14)} ${pct(n, this.steps)}${extra}`;
    lines.push(`steps: ${this.steps}`);
    const byType = new Float64Array(OP_TYPE_NAMES.length);
    const bySm = new Float64Array(SM_NAMES.length);
    this.ops.forEach((n, code) => {
      const op = OP_BY_CODE[code];
      const pre = PRECOMPILE_BY_CODE[code];
      if (op) {
        byType[op.opType]! += n;
        bySm[op.sm]! += n;
      } else if (pre) byType[pre.opType]! += n;
    });
    lines.push('ops by op type:');
    byType.forEach((n, t) => n && lines.push(row(OP_TYPE_NAMES[t]!, n)));
    lines.push('ops by state machine (every step is also a Main row):');
    bySm.forEach((n, s) => n && lines.push(row(SM_NAMES[s]!, n)));
    lines.push('ops:');
    [...OPS].filter((o) => this.ops[o.code]).sort((x, y) => this.ops[y.code]! - this.ops[x.code]!)
      .forEach((o) => lines.push(row(o.name, this.ops[o.code]!, `  cost ${this.ops[o.code]! * o.cost}`)));
    lines.push('memory accesses:');
    this.reads.forEach((r, region) => r.forEach((n, k) => n && lines.push(`  ${`${REGION_NAMES[region]} reads, ${ACCESS_NAMES[k]}`.padEnd(45)} ${n}`)));
    this.writes.forEach((n, k) => n && lines.push(`  ${`RAM writes, ${ACCESS_NAMES[k]}`.padEnd(45)} ${n}`));
    lines.push(`  ${'register accesses (in Main)'.padEnd(45)} ${this.registerAccesses}`);
    lines.push('cost estimate (ZisK\'s model):');
    lines.push(`  main    ${this.steps * MAIN_COST}  (${MAIN_COST} per step)`);
    lines.push(`  ops     ${this.opsCost()}`);
    lines.push(`  memory  ${this.memoryCost}`);
    lines.push(`  total   ${this.totalCost()}`);
    return lines.join('\n');
  }
}

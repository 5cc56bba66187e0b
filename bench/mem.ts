// The memory family's share of counting and witness generation, apart from the replay that every
// state machine shares: the run's memory messages are recorded once per chunk, then fed to the
// counters, to every instance's collectors, and the instances' witnesses are built. `feedNs` is
// what feeding a message to a device that does nothing costs, included in count and collect.
//   {"name": "mem/count/sha256", "value": <ns per memory message>, ...}
//   {"name": "mem/collect/sha256", "value": <ns per memory message>, ...}
//   {"name": "mem/witness/sha256", "value": <ns per row>, ...}
//   {"name": "mem/total/sha256", "value": <ns per step>, ...}   count + collect + witness
// Times are CPU times (process.cpuUsage). Pin it to one core: taskset -c 0 npm run bench -- mem
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MEM, MEMORY_BUS, type BusDevice } from '../src/bus/index.js';
import { execute, replayWith, TableMultiplicities, type Collector } from '../src/executor/index.js';
import { checkPointChunks } from '../src/planner/index.js';
import { memComponent } from '../src/sm/mem/index.js';
import { rangeComponent } from '../src/sm/range/index.js';
import { transpile } from '../src/transpiler/index.js';
import { emit, round } from './_util.js';

/**
 * Median CPU time of `fn` in ms (user + system of this process): on a machine shared with other
 * work, wall time mostly measures waiting for a core.
 */
function medianCpuMs(fn: () => void, runs: number): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    ts.push((d.user + d.system) / 1000);
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1]!;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PROGRAMS: [string, string][] = (process.env.BENCH_MEM_PROGRAMS ?? 'sha256:sha256/medium.bin,keccak:keccak/large.bin').split(',').map((s) => s.split(':') as [string, string]);

for (const [name, inputPath] of PROGRAMS) {
  const elf = `${root}guest/elf/${name}.elf`;
  if (!existsSync(elf)) {
    console.error(`mem benchmark: ${elf} is missing, skipped`);
    continue;
  }
  const rom = transpile(readFileSync(elf));
  const input = readFileSync(`${root}guest/inputs/${inputPath}`);
  const plan = execute(rom, input, [memComponent as never, rangeComponent], { chunkSize: 1 << 18 });
  // Every chunk's memory messages, recorded once, flat; fed through one reused buffer as the
  // emitter does (so the figures do not include walking a heap of small arrays).
  const size = MEM.size;
  const messages: Uint32Array[] = plan.traces.map((t) => {
    const list: number[] = [];
    const rec: BusDevice = { busIds: [MEMORY_BUS], processData: (_b, d) => (list.push(...d), true) };
    replayWith(rom, t, [rec], [], []);
    return Uint32Array.from(list);
  });
  const total = messages.reduce((s, l) => s + l.length / size, 0);
  const buf = new Uint32Array(size);
  const feed = (d: BusDevice, flat: Uint32Array) => {
    for (let o = 0; o < flat.length; o += size) {
      for (let k = 0; k < size; k++) buf[k] = flat[o + k]!;
      if (!d.processData(MEMORY_BUS, buf, null as never)) break;
    }
  };

  // What feeding costs by itself (copying each message into the buffer, one call): subtracted below.
  let sink = 0;
  const nullDevice: BusDevice = { busIds: [MEMORY_BUS], processData: (_b, d) => ((sink += d[1]!), true) };
  const feedMs = medianCpuMs(() => {
    for (const list of messages) feed(nullDevice, list);
  }, RUNS);
  if (sink === 0.5) console.error(sink);

  const countMs = medianCpuMs(() => {
    for (const list of messages) {
      const c = memComponent.buildCounter!();
      feed(c, list);
      c.result();
    }
  }, RUNS);

  const mine = plan.instances.filter((p) => p.component === 'mem' && p.instance.instanceType === 'instance');
  const collected = new Map<number, (Collector | undefined)[]>();
  const collectMs = medianCpuMs(() => {
    for (const p of mine) {
      collected.set(p.globalId, checkPointChunks(p.instance.checkPoint()).map((c) => {
        const col = p.instance.buildInputsCollector(c);
        feed(col as BusDevice, messages[c]!);
        return col;
      }));
    }
  }, RUNS);

  let rows = 0;
  const witnessMs = medianCpuMs(() => {
    rows = 0;
    const tables = new TableMultiplicities();
    for (const p of mine) {
      const inst = p.instance.computeWitness({ rom, collectors: collected.get(p.globalId)!, traces: [], tables });
      rows += inst.trace.height;
    }
  }, RUNS);

  // Raw figures; feedNs (feeding one device that does nothing) says how much of them is the feeding.
  const feedNs = (feedMs * 1e6) / total;
  const countNs = (countMs * 1e6) / total;
  const collectNs = (collectMs * 1e6) / total;
  const witnessNs = (witnessMs * 1e6) / rows;
  const common = { program: `guest/elf/${name}.elf + guest/inputs/${inputPath}`, runs: RUNS, feedNs: round(feedNs, 1) };
  emit({ name: `mem/count/${name}`, value: round(countNs, 1), unit: 'ns/message', n: total, ...common });
  emit({ name: `mem/collect/${name}`, value: round(collectNs, 1), unit: 'ns/message', n: total, instances: mine.length, ...common });
  emit({ name: `mem/witness/${name}`, value: round(witnessNs, 1), unit: 'ns/row', n: rows, ...common });
  emit({ name: `mem/total/${name}`, value: round(((countNs + collectNs) * total + witnessNs * rows) / plan.steps, 1), unit: 'ns/step', n: plan.steps, ...common });
}

/**
 * The worker-pool tasks of the executor: a count job or a witness job, run in a worker thread.
 *
 * A task gets the job (plain data, jobs.ts) and where to find what the job names: the ELF bytes of
 * the program (the worker transpiles them once and keeps the ROM, by hash) and the module that
 * exports the state-machine registry (the worker imports it once). A witness job's traces and table
 * counts move back to the calling thread (transferred, not copied: on this machine copying into
 * fresh memory costs about 1 ms per MB, most of it first-touch page faults).
 */
import { createHash } from 'node:crypto';
import { task, transfer, type Transferred } from '../parallel/task.js';
import { transpile } from '../transpiler/index.js';
import type { ZiskRom } from '../zisk/index.js';
import type { ComponentBuilder } from './component.js';
import { DescriptorError } from './descriptor.js';
import { runCountJob, runWitnessJob, type CountJob, type CountJobResult, type MatrixData, type WitnessJob, type WitnessJobResult } from './jobs.js';

/** Where a worker imports a state-machine registry from: the module's URL and the export's name. */
export interface RegistryRef {
  readonly module: string;
  readonly name: string;
}

/** What a worker needs besides a job: the program's ELF and the registry's module. */
export interface WorkerSource {
  readonly elf: Uint8Array;
  readonly registry: RegistryRef;
}

/** The identity of a program in jobs: the SHA-256 of its ELF, hex. */
export function programHash(elf: Uint8Array): string {
  return createHash('sha256').update(elf).digest('hex');
}

const ROM_CACHE = 4;
const roms = new Map<string, ZiskRom>();

/** The ROM of `elf`, transpiled once per thread (the few most recent programs are kept). */
export function romOf(elf: Uint8Array, expected?: string): ZiskRom {
  const hash = programHash(elf);
  if (expected !== undefined && hash !== expected) throw new DescriptorError(`the job is for program ${expected.slice(0, 16)}…, the ELF given is ${hash.slice(0, 16)}…`);
  let rom = roms.get(hash);
  if (!rom) {
    rom = transpile(elf);
    if (roms.size >= ROM_CACHE) roms.delete(roms.keys().next().value!);
    roms.set(hash, rom);
  }
  return rom;
}

const registries = new Map<string, Promise<readonly ComponentBuilder[]>>();

/** The registry a RegistryRef names, imported once per thread. */
export function loadRegistry(ref: RegistryRef): Promise<readonly ComponentBuilder[]> {
  const key = `${ref.module}#${ref.name}`;
  let r = registries.get(key);
  if (!r) {
    r = import(ref.module).then((mod: Record<string, unknown>) => {
      const reg = mod[ref.name];
      if (!Array.isArray(reg) || !reg.every((b) => typeof b === 'object' && b !== null && typeof (b as ComponentBuilder).buildInstance === 'function')) {
        throw new TypeError(`${ref.module} does not export a state-machine registry named '${ref.name}'`);
      }
      return reg as readonly ComponentBuilder[];
    });
    registries.set(key, r);
  }
  return r;
}

export interface WitnessTaskArgs {
  readonly source: WorkerSource;
  readonly job: WitnessJob;
}

export interface CountTaskArgs {
  readonly source: WorkerSource;
  readonly job: CountJob;
}

/**
 * Runs a witness job (in a worker thread, or in the calling thread for a pool of one). The result's
 * matrices move to the caller, not copied.
 */
export async function witnessTask(args: WitnessTaskArgs): Promise<Transferred<WitnessJobResult>> {
  const rom = romOf(args.source.elf, args.job.program);
  const result = runWitnessJob(args.job, rom, await loadRegistry(args.source.registry));
  const buffers = new Set<ArrayBufferLike>();
  const add = (m: MatrixData | undefined) => {
    if (m && !(m.data.buffer instanceof SharedArrayBuffer)) buffers.add(m.data.buffer);
  };
  // Traces only: fixed and program columns may come from a per-worker cache, which must stay usable.
  for (const b of result.instances) add(b.trace);
  for (const c of result.tables.values()) buffers.add(c.buffer);
  return transfer(result, [...buffers] as ArrayBuffer[]);
}

/** Runs a count job. */
export async function countTask(args: CountTaskArgs): Promise<CountJobResult> {
  return runCountJob(args.job, romOf(args.source.elf, args.job.program), await loadRegistry(args.source.registry));
}

export const WITNESS_TASK = task<WitnessTaskArgs, WitnessJobResult>(import.meta.url, 'witnessTask');
export const COUNT_TASK = task<CountTaskArgs, CountJobResult>(import.meta.url, 'countTask');

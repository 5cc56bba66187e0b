/**
 * The proof system of the zkVM: every AIR of every registered state machine, the 64 output words
 * as public values, and the global bus terms the state machines derive from them.
 */
import type { Air, GlobalBusTerm } from '../air/index.js';
import type { ComponentBuilder } from '../executor/index.js';
import { stateMachines } from '../sm/registry.js';
import { defineSystem, registerFixedKeys, type StarkSystem } from '../stark/index.js';
import { FIXED_KEYS } from './fixed-keys.js';
import { OUTPUT_WORDS } from '../zisk/index.js';

/** Public values of a zisk-ts proof: the 64 output words, each below 2^32. */
export const PUBLIC_COUNT = OUTPUT_WORDS;

/** The outputs as public values. */
export function outputsToPublics(outputs: Uint32Array): bigint[] {
  if (outputs.length !== OUTPUT_WORDS) throw new RangeError(`outputs must hold ${OUTPUT_WORDS} words, got ${outputs.length}`);
  return Array.from(outputs, (w) => BigInt(w));
}

/** The outputs from public values, or undefined when one is not a 32-bit word. */
export function publicsToOutputs(publics: readonly bigint[]): Uint32Array | undefined {
  if (publics.length !== OUTPUT_WORDS) return undefined;
  const out = new Uint32Array(OUTPUT_WORDS);
  for (let i = 0; i < OUTPUT_WORDS; i++) {
    const v = publics[i]!;
    if (v < 0n || v >= 1n << 32n) return undefined;
    out[i] = Number(v);
  }
  return out;
}

/** The system of the given state machines (by default, all registered ones). */
export function zkvmSystem(registry: readonly ComponentBuilder[] = stateMachines): StarkSystem {
  const airs: Air[] = registry.flatMap((c) => [...c.airs]);
  return defineSystem({
    airs,
    publicCount: PUBLIC_COUNT,
    globalBusTerms(publics, counts) {
      const outputs = publicsToOutputs(publics);
      // Outputs that are not 32-bit words make no statement; zkvm's verify rejects them first. A
      // zero word keeps this function total (it must not throw for canonical values).
      const words = outputs ?? new Uint32Array(OUTPUT_WORDS);
      const instanceCounts: Record<string, number> = {};
      airs.forEach((air, i) => (instanceCounts[air.name] = counts[i] ?? 0));
      const terms: GlobalBusTerm[] = [];
      for (const c of registry) terms.push(...(c.globalTerms?.({ outputs: words, instanceCounts }) ?? []));
      return terms;
    },
  });
}

let cached: StarkSystem | undefined;
/**
 * The system of the registered state machines, built once, with the shipped fixed-column keys of
 * its tables registered (so verifiers do not commit the tables themselves).
 */
export function defaultSystem(): StarkSystem {
  if (!cached) {
    registerFixedKeys(FIXED_KEYS);
    cached = zkvmSystem();
  }
  return cached;
}

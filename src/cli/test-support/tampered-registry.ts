/**
 * The real state machines, except that the witness of Binary instance #1 has one cell changed (row
 * 3 of its column r): what `verify-constraints` must catch and name. Threads import it by URL
 * (`TAMPERED_REF`), so the same registry serves one worker or several.
 */
import type { ComponentBuilder } from '../../executor/index.js';
import { stateMachines } from '../../sm/registry.js';

function tamperBinary(c: ComponentBuilder): ComponentBuilder {
  return {
    ...c,
    buildInstance(ctx) {
      const inst = c.buildInstance(ctx);
      if (ctx.plan.air.name !== 'Binary' || ctx.plan.segment !== 1) return inst;
      return {
        ...inst,
        computeWitness(inputs) {
          const built = inst.computeWitness(inputs);
          // Column 7 of Binary is r, a boolean: 2 breaks 'r is boolean' on row 3.
          built.trace.setU32(3, 7, 2);
          return built;
        },
      };
    },
  };
}

export const tamperedStateMachines: readonly ComponentBuilder[] = stateMachines.map((c) => (c.name === 'binary' ? tamperBinary(c) : c));

export const TAMPERED_REF = { module: import.meta.url, name: 'tamperedStateMachines' } as const;

import type { Command } from '../command.js';
import { MAIN_CONTINUATION_BUS, MEMORY_BUS, MEMORY_CONTINUATION_BUS, OPERATION_BUS, RANGE_BUS, ROM_BUS } from '../../bus/index.js';
import { computeWitnesses, computeWitnessesParallel, type RegistryRef } from '../../executor/index.js';
import { STATE_MACHINES_REF } from '../../sm/registry.js';
import { checkExecution, type ExecutionFailure } from '../../zkvm/index.js';
import { EXECUTION_OPTIONS_HELP, parseExecutionArgs, phaseSeconds, planJson, planTable, runExecution } from '../execution.js';

const help = `usage: zisk-ts verify-constraints -e ELF [-i INPUT] [--chunk-size N] [--rows AIR=LOG ...] [-w N] [--json]

Builds the witness of every AIR instance of the execution (as proving would, without proving),
checks every constraint of every instance on every row, then the balance of every bus over all
instances, their once-per-instance terms and the verifier's global terms (boot and end states,
outputs, initial memory). Names the first failure: the AIR, instance, row and constraint, or the
bus, the message that does not balance and who sent it.

${EXECUTION_OPTIONS_HELP}

Exit code 0 when everything holds, 1 on the first failure (or an error), 2 for bad arguments.
--json prints {ok, steps, instances, seconds, failure?, plan}.`;

const BUS_NAMES: Readonly<Record<number, string>> = {
  [OPERATION_BUS]: 'operation',
  [ROM_BUS]: 'ROM',
  [MEMORY_BUS]: 'memory',
  [MAIN_CONTINUATION_BUS]: 'Main continuation',
  [MEMORY_CONTINUATION_BUS]: 'memory continuation',
  [RANGE_BUS]: 'range',
};

function describe(f: ExecutionFailure): string {
  if (f.kind === 'constraint') {
    return `constraint failure: AIR ${f.air}, instance ${f.instance} (global id ${f.globalId}), row ${f.row}, constraint '${f.constraint}' (value ${f.value})\n  expression: ${f.expression}`;
  }
  const name = BUS_NAMES[f.bus];
  return `bus imbalance: bus ${f.bus}${name ? ` (${name})` : ''}, message [${f.values.join(', ')}], net multiplicity ${f.net}\n  sent by: ${f.senders.join('; ')}`;
}

/** The `verify-constraints` command over the state machines that `registry` names. */
export function verifyConstraintsCommand(registry: RegistryRef = STATE_MACHINES_REF): Command {
  return {
    name: 'verify-constraints',
    summary: 'build every witness and check every constraint and bus (no proof)',
    help,
    async run(argv) {
      const a = parseExecutionArgs(argv);
      const run = await runExecution(a, registry);
      const { plan, pool, progress, report } = run;
      try {
        const witnesses = pool.workers > 1
          ? await computeWitnessesParallel(plan, { pool, source: { elf: run.elf, registry }, onProgress: report })
          : computeWitnesses(plan, { onProgress: report });
        progress.end();
        const check = await checkExecution(plan, witnesses.instances, { pool, onProgress: (phase, done, total) => report({ phase, done, total }) });
        progress.end();

        const seconds = phaseSeconds(progress);
        if (a.json) {
          const out = {
            ok: check.ok,
            steps: plan.steps,
            instances: plan.instances.length,
            seconds,
            ...(check.ok ? { messages: check.messages } : { failure: { ...check, ok: undefined, busName: check.kind === 'bus' ? BUS_NAMES[check.bus] ?? null : undefined } }),
            plan: planJson(plan),
          };
          console.log(JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
          return check.ok ? 0 : 1;
        }
        console.log(planTable(plan));
        console.log('');
        if (!check.ok) {
          console.log(describe(check));
          return 1;
        }
        const time = Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
        console.log(`ok: ${plan.steps.toLocaleString('en-US')} steps, ${check.instances} instances: every constraint holds and every bus balances (${check.messages.toLocaleString('en-US')} messages)`);
        console.log(`time: ${time}`);
        return 0;
      } finally {
        await pool.close();
      }
    },
  };
}

export const verifyConstraints = verifyConstraintsCommand();

import type { Command } from '../command.js';
import type { RegistryRef } from '../../executor/index.js';
import { STATE_MACHINES_REF } from '../../sm/registry.js';
import { EXECUTION_OPTIONS_HELP, parseExecutionArgs, phaseSeconds, planJson, planTable, runExecution } from '../execution.js';

const help = `usage: zisk-ts execute -e ELF [-i INPUT] [--chunk-size N] [--rows AIR=LOG ...] [-w N] [--json]

Runs the program, counts what each state machine will prove and plans their AIR instances (the
first four phases of proving), then prints the plan: per AIR, its instances, the rows that hold
data of the rows the instances have (the rest is padding), and how many chunks of the execution
each instance replays to build its witness. Tables have a fixed set of rows.

${EXECUTION_OPTIONS_HELP}

--json prints {steps, chunkSize, chunks, seconds, airs: [...], instances: [...]}. Exit code 0 on
success, 1 with a one-line error (a guest error names the pc and the step), 2 for bad arguments.`;

/** The `execute` command over the state machines that `registry` names. */
export function executeCommand(registry: RegistryRef = STATE_MACHINES_REF): Command {
  return {
    name: 'execute',
    summary: 'run a program and print the plan of its state machines\' instances',
    help,
    async run(argv) {
      const a = parseExecutionArgs(argv);
      const run = await runExecution(a, registry);
      try {
        const { plan } = run;
        const seconds = phaseSeconds(run.progress);
        if (a.json) {
          console.log(JSON.stringify({ ...planJson(plan), seconds }, null, 2));
          return 0;
        }
        const time = Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
        console.log(`${plan.steps.toLocaleString('en-US')} steps in ${plan.chunks.length} chunks of ${plan.chunkSize.toLocaleString('en-US')}; ${plan.instances.length} instances (${time})\n`);
        console.log(planTable(plan));
        return 0;
      } finally {
        await run.pool.close();
      }
    },
  };
}

export const execute = executeCommand();

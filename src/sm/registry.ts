/**
 * The state machines of zisk-ts, in the order their instances get global ids. Adding a state
 * machine is its own folder and one line here. Tables come last: they are built from the
 * multiplicities the others report.
 */
import type { ComponentBuilder } from '../executor/index.js';
import { arithComponent } from './arith/index.js';
import { binaryComponent } from './binary/index.js';
import { mainComponent } from './main/index.js';
import { memComponent } from './mem/index.js';
import { rangeComponent } from './range/index.js';
import { romComponent } from './rom/index.js';

export const stateMachines: readonly ComponentBuilder[] = [
  mainComponent,
  memComponent,
  binaryComponent,
  arithComponent,
  romComponent,
  rangeComponent,
];

/**
 * Where worker threads import this registry from (executor's witness and count jobs): the module
 * and the export that holds it.
 */
export const STATE_MACHINES_REF = { module: import.meta.url, name: 'stateMachines' } as const;

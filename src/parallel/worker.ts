/**
 * The entry of every pool worker: imports the task's module (once per worker) and calls the named
 * export with the arguments. A module's state (kernel instances, twiddle tables) therefore lives
 * once per worker and is reused by every task that worker runs.
 */
import { Piscina } from 'piscina';
import { isTransferred } from './task.js';

interface Envelope {
  module: string;
  name: string;
  args: unknown;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

export default async function dispatch(envelope: Envelope): Promise<unknown> {
  let mod = modules.get(envelope.module);
  if (!mod) {
    mod = import(envelope.module) as Promise<Record<string, unknown>>;
    modules.set(envelope.module, mod);
  }
  const fn = (await mod)[envelope.name];
  if (typeof fn !== 'function') throw new TypeError(`task ${envelope.name} is not a function exported by ${envelope.module}`);
  const result = await (fn as (a: unknown) => unknown)(envelope.args);
  // A result marked with transfer(): its buffers move to the caller (piscina's transfer list).
  if (isTransferred(result)) return Piscina.move({ [Piscina.transferableSymbol]: result.buffers, [Piscina.valueSymbol]: result.value } as never);
  return result;
}

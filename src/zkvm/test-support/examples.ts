// The guest examples the system tests run, each with a small input, and how to load them.
import { readFileSync } from 'node:fs';

export const EXAMPLES: readonly (readonly [name: string, input: string])[] = [
  ['fibonacci', 'small'],
  ['sha256', 'abc'],
  ['sort', 'small'],
  ['muldiv', 'tiny'],
  ['keccak', 'zero'],
  ['bignum', 'small'],
];

export const guestElf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../guest/elf/${name}.elf`, import.meta.url)));
export const guestInput = (name: string, label: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../guest/inputs/${name}/${label}.bin`, import.meta.url)));

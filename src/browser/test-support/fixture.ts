/**
 * The proof the browser verifier's tests check: fibonacci(10) proved with the INSECURE test
 * profile (fast to make, ~240 KB). make-fixture.ts writes it; a proof format change makes the
 * tests fail with the command that remakes it. The expected outputs and program id come from
 * the emulator and the ELF, not from the proof.
 */
import { readFileSync } from 'node:fs';
import { runFast } from '../../emulator/index.js';
import { PROFILES } from '../../fri/index.js';
import { romAir } from '../../sm/rom/index.js';
import { transpile } from '../../transpiler/index.js';
import { programRoots, rootHex } from '../../zkvm/program.js';

export const REMAKE = 'npx tsx src/browser/test-support/make-fixture.ts';

export const fixtureUrls = {
  proof: new URL('./fibonacci.proof', import.meta.url),
  elf: new URL('../../../guest/elf/fibonacci.elf', import.meta.url),
  /** A different program, to check the proof against the wrong ELF. */
  otherElf: new URL('../../../guest/elf/sort.elf', import.meta.url),
};

/** fibonacci's input: one record, n = 10 (`[u64 length = 8][u64 n]`). */
export function fixtureInput(): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, 8n, true);
  v.setBigUint64(8, 10n, true);
  return b;
}

export function readFixture(): { proof: Uint8Array; elf: Uint8Array; otherElf: Uint8Array } {
  const read = (u: URL) => new Uint8Array(readFileSync(u));
  return { proof: read(fixtureUrls.proof), elf: read(fixtureUrls.elf), otherElf: read(fixtureUrls.otherElf) };
}

/** What an accepted fixture proof must say: the emulator's outputs, the ELF's Rom root. */
export function fixtureExpected(elf: Uint8Array): { outputs: Uint32Array; programId: string } {
  const rom = transpile(elf);
  return {
    outputs: runFast(rom, fixtureInput()).outputs,
    programId: rootHex(programRoots(rom, PROFILES.test.params)[romAir.name]!),
  };
}

/** The proof with one byte of its last instance's openings flipped. */
export function tampered(proof: Uint8Array): Uint8Array {
  const t = proof.slice();
  const at = t.length - 100;
  t[at] = t[at]! ^ 0x01;
  return t;
}

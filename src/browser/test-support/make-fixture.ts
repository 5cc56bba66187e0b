// Remakes src/browser/test-support/fibonacci.proof (see fixture.ts):
//   npx tsx src/browser/test-support/make-fixture.ts
import { proveElf } from '../../zkvm/prove.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { fixtureInput, fixtureUrls } from './fixture.js';

const elf = new Uint8Array(readFileSync(fixtureUrls.elf));
const r = await proveElf(elf, { input: fixtureInput(), security: 'test', workers: 2 });
writeFileSync(fixtureUrls.proof, r.proof);
console.log(`${fixtureUrls.proof.pathname}: ${r.proof.length} bytes, ${r.steps} steps, program id ${r.programId}`);

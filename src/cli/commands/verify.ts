import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseArgs, parseSecurity, readUserFile } from '../args.js';
import { verifyProof } from '../../zkvm/index.js';

const help = `usage: zisk-ts verify -p PROOF [-e ELF] [--security standard|test] [--json]

Checks a proof made by \`zisk-ts prove\`. Prints the 64 output words the proof establishes (one per
line, 8 hex digits), then the verdict. With -e, also checks that the proof is about that program.

  -p, --proof PROOF      the proof file
  -e, --elf ELF          the program the proof must be about
      --security LEVEL   the parameters to require: standard (default) or test (accept INSECURE
                         test proofs)
      --json             print the result as JSON

Exit code 0 only when the proof is accepted; 1 with the reason (which instance, which check,
expected and got) when it is rejected; 2 for a usage error.`;

export const verify: Command = {
  name: 'verify',
  summary: 'check a proof; print the outputs it establishes and the verdict',
  help,
  async run(argv) {
    const a = parseArgs(argv, [
      { names: ['-p', '--proof'], kind: 'string' },
      { names: ['-e', '--elf'], kind: 'string' },
      { names: ['--security'], kind: 'string' },
      { names: ['--json'], kind: 'flag' },
    ]);
    const proofPath = a.strings.get('--proof');
    if (!proofPath) throw new UsageError('missing -p PROOF');
    const security = parseSecurity(a.strings.get('--security'));
    const bytes = readUserFile(proofPath, 'proof file');
    const elfPath = a.strings.get('--elf');
    const elf = elfPath === undefined ? undefined : readUserFile(elfPath, 'ELF file');
    const t0 = performance.now();
    const v = verifyProof(bytes, { elf, security });
    const ms = performance.now() - t0;
    if (a.flags.has('--json')) {
      const result = v.ok
        ? { accepted: true, outputs: Array.from(v.outputs, (w) => w.toString(16).padStart(8, '0')), programId: v.programId, romDataId: v.romDataId, securityBits: v.securityBits, params: v.params, instances: v.instances.length, milliseconds: Math.round(ms) }
        : { accepted: false, check: v.check, instance: v.instance, expected: v.expected, got: v.got, reason: v.message, milliseconds: Math.round(ms) };
      console.log(JSON.stringify(result, null, 2));
      return v.ok ? 0 : 1;
    }
    if (!v.ok) {
      const where = v.instance !== undefined ? ` (instance ${v.instance})` : '';
      const detail = v.expected !== undefined || v.got !== undefined ? `; expected ${v.expected ?? '?'}, got ${v.got ?? '?'}` : '';
      console.error(`REJECTED — ${v.check}${where}: ${v.message}${detail}`);
      return 1;
    }
    console.log(Array.from(v.outputs, (w) => w.toString(16).padStart(8, '0')).join('\n'));
    console.error(
      `ACCEPTED — ${v.instances.length} instances, ${v.securityBits} conjectured bits, ${ms.toFixed(0)} ms\n` +
        `program id: ${v.programId}${elfPath ? ` (= ${elfPath})` : ''}`,
    );
    return 0;
  },
};

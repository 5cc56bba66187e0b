/**
 * Verifying a zisk-ts proof: the STARK (every instance, the bus sums), then what the proof says
 * about the execution — its 64 output words and the program it ran. Never throws on bytes it did
 * not make: every problem is a rejection with a reason.
 */
import { decodeProof, verify as verifyStark, type VerifyCheck } from '../stark/index.js';
import { PROFILES, describeParams, paramsEqual, securityBits, type FriParams } from '../fri/index.js';
import { romAir } from '../sm/rom/index.js';
import { romDataTableAir } from '../sm/mem/index.js';
import { transpile } from '../transpiler/index.js';
import { defaultSystem, publicsToOutputs } from './system.js';
import { programRoots, rootHex } from './program.js';

export type SecurityProfile = keyof typeof PROFILES;

export interface VerifyOptions {
  /** The program the proof must be about (its ELF bytes). */
  readonly elf?: Uint8Array | undefined;
  /** The parameters the proof must use (default 'standard'); 'test' proofs are insecure. */
  readonly security?: SecurityProfile | undefined;
}

export type Verdict =
  | {
      readonly ok: true;
      readonly outputs: Uint32Array;
      /** The Rom table's root: the program's identity (64 hex digits). */
      readonly programId: string;
      /** The RomDataTable's root when the program read its read-only data. */
      readonly romDataId?: string | undefined;
      readonly instances: readonly { readonly air: string; readonly logRows: number }[];
      readonly securityBits: number;
      readonly params: string;
    }
  | {
      readonly ok: false;
      readonly check: VerifyCheck | 'program' | 'outputs';
      readonly message: string;
      readonly instance?: number | undefined;
      readonly expected?: string | undefined;
      readonly got?: string | undefined;
    };

function paramsOf(security: SecurityProfile | undefined): FriParams {
  const name = security ?? 'standard';
  const p = PROFILES[name];
  if (!p) throw new RangeError(`security must be one of ${Object.keys(PROFILES).join(', ')}, got '${String(security)}'`);
  return p.params;
}

/** Verifies a proof's bytes; with `elf`, also that it is a proof of that program. */
export function verifyProof(bytes: Uint8Array, options: VerifyOptions = {}): Verdict {
  const params = paramsOf(options.security);
  const system = defaultSystem();
  if (!(bytes instanceof Uint8Array)) return { ok: false, check: 'format', message: 'the proof must be bytes (a Uint8Array)' };

  // A proof made with other parameters: say which, rather than a bare mismatch.
  const decoded = decodeProof(system, bytes);
  if (decoded.ok && !paramsEqual(decoded.value.params, params)) {
    const insecure = paramsEqual(decoded.value.params, PROFILES.test.params);
    return {
      ok: false,
      check: 'params',
      expected: describeParams(params),
      got: describeParams(decoded.value.params),
      message: insecure
        ? 'the proof was made with the insecure test profile; accept it only for testing (security: test)'
        : 'the proof was made with other parameters',
    };
  }

  let expectedRoots: Record<string, bigint[]> | undefined;
  if (options.elf !== undefined) {
    try {
      expectedRoots = programRoots(transpile(options.elf), params);
    } catch (e) {
      return { ok: false, check: 'program', message: `the ELF given to check the proof against cannot be loaded: ${(e as Error).message}` };
    }
  }
  const r = verifyStark(system, bytes, params, expectedRoots ? { programRoots: expectedRoots } : {});
  if (!r.ok) return r;

  const outputs = publicsToOutputs(r.publics);
  if (!outputs) return { ok: false, check: 'outputs', message: 'a public output is not a 32-bit word' };
  const roms = r.instances.filter((i) => i.air === romAir.name);
  if (roms.length !== 1 || !roms[0]!.programRoot) {
    return { ok: false, check: 'program', message: `a proof holds exactly one ${romAir.name} instance, this one ${roms.length}` };
  }
  const romData = r.instances.filter((i) => i.air === romDataTableAir.name);
  if (romData.length > 1) return { ok: false, check: 'program', message: `more than one ${romDataTableAir.name} instance` };
  // Without a RomDataTable instance the program never read its read-only data: none of it is
  // part of the statement, and there is nothing to compare with the ELF.
  return {
    ok: true,
    outputs,
    programId: rootHex(roms[0]!.programRoot!),
    romDataId: romData[0]?.programRoot ? rootHex(romData[0].programRoot) : undefined,
    instances: r.instances.map((i) => ({ air: i.air, logRows: i.logRows })),
    securityBits: securityBits(params),
    params: r.params,
  };
}

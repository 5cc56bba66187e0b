/**
 * The browser verifier: src/zkvm/verify.ts's verifyProof, with the WebAssembly kernels embedded
 * rather than read from disk. scripts/build-browser.mjs bundles this file (platform 'browser',
 * no Node built-ins) to build/browser/verifier.js; worker.ts runs it off the page's main thread.
 *
 * It imports from the files it needs rather than folder indexes where an index also exports the
 * prover's worker-pool paths (src/zkvm/index.ts re-exports proveElf, which starts Node threads).
 */
import { PROFILES, paramsEqual, MIN_SECURE_BITS, securityBits } from '../fri/index.js';
import { decodeProof } from '../stark/index.js';
import { registerWasmBytes } from '../wasm/load.js';
import { defaultSystem } from '../zkvm/system.js';
import { verifyProof, type SecurityProfile, type Verdict } from '../zkvm/verify.js';
import { KERNELS } from './kernels.js';

export type { Verdict, SecurityProfile };

/** The parameters a proof must use: one profile, or 'any' known profile (reported in the result). */
export type RequiredSecurity = SecurityProfile | 'any';

export interface BrowserVerifyOptions {
  /** The program the proof must be about (its ELF bytes). */
  readonly elf?: Uint8Array | undefined;
  /**
   * Default 'standard', as verifyProof. 'any' accepts a proof made with any profile of PROFILES,
   * the INSECURE 'test' one included: the caller must then show `insecure` to the person reading
   * the verdict, as the page does.
   */
  readonly security?: RequiredSecurity | undefined;
}

export interface BrowserVerdict {
  readonly verdict: Verdict;
  /** The profile whose parameters the proof carries, when it is one of PROFILES. */
  readonly profile: SecurityProfile | undefined;
  /** Conjectured bits of the proof's parameters (undefined when they could not be read). */
  readonly securityBits: number | undefined;
  /** True when those bits are below MIN_SECURE_BITS: the proof establishes nothing. */
  readonly insecure: boolean;
  /** True when an ELF was given, so an accepted programId is that ELF's. */
  readonly elfChecked: boolean;
  readonly milliseconds: number;
}

let registered = false;
function registerKernels(): void {
  if (registered) return;
  for (const [name, bytes] of Object.entries(KERNELS)) registerWasmBytes(name, bytes);
  registered = true;
}

function profileOf(bytes: Uint8Array): { profile: SecurityProfile | undefined; bits: number | undefined } {
  const d = decodeProof(defaultSystem(), bytes);
  if (!d.ok) return { profile: undefined, bits: undefined };
  const names = Object.keys(PROFILES) as SecurityProfile[];
  return { profile: names.find((n) => paramsEqual(PROFILES[n].params, d.value.params)), bits: securityBits(d.value.params) };
}

/** Verifies a proof's bytes (and, with `elf`, that it is about that program). Never throws. */
export function verify(proof: Uint8Array, options: BrowserVerifyOptions = {}): BrowserVerdict {
  const t0 = performance.now();
  const elfChecked = options.elf !== undefined;
  const done = (verdict: Verdict, profile: SecurityProfile | undefined, bits: number | undefined): BrowserVerdict => ({
    verdict,
    profile,
    securityBits: bits,
    insecure: bits !== undefined && bits < MIN_SECURE_BITS,
    elfChecked,
    milliseconds: performance.now() - t0,
  });
  try {
    registerKernels();
    if (!(proof instanceof Uint8Array)) return done({ ok: false, check: 'format', message: 'the proof must be bytes (a Uint8Array)' }, undefined, undefined);
    const { profile, bits } = profileOf(proof);
    const wanted = options.security ?? 'standard';
    // With 'any', a proof whose parameters are no known profile is checked against 'standard',
    // whose rejection names the parameters it found.
    const security: SecurityProfile = wanted === 'any' ? (profile ?? 'standard') : wanted;
    return done(verifyProof(proof, { elf: options.elf, security }), profile, bits);
  } catch (e) {
    // verifyProof does not throw on bytes; this is a fault of the environment (a kernel that
    // would not compile, memory exhausted), reported as a rejection rather than a crash.
    return done({ ok: false, check: 'internal', message: `the verifier failed: ${(e as Error)?.message ?? String(e)}` }, undefined, undefined);
  }
}

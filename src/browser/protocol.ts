/** The messages between the page (page.ts) and the verifier's worker (worker.ts). */
import type { BrowserVerdict, RequiredSecurity } from './verifier.js';

export interface VerifyRequest {
  readonly id: number;
  /** Moved, not copied, to the worker. */
  readonly proof: ArrayBuffer;
  readonly elf?: ArrayBuffer | undefined;
  readonly security: RequiredSecurity;
}

export type VerifyResponse =
  | { readonly id: number; readonly ok: true; readonly result: BrowserVerdict }
  | { readonly id: number; readonly ok: false; readonly message: string };

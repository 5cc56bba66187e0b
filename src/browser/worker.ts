/**
 * The verifier's Web Worker (a module worker): verification takes from a fraction of a second to
 * seconds of CPU, which must not freeze the page. One request at a time; each answer carries the
 * request's id so the page can ignore answers to requests it no longer waits for.
 */
import type { VerifyRequest, VerifyResponse } from './protocol.js';
import { verify } from './verifier.js';

// The DOM lib types `globalThis` as a Window; in a worker it is a DedicatedWorkerGlobalScope.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(message: VerifyResponse): void;
};

scope.onmessage = (e) => {
  const { id, proof, elf, security } = e.data;
  let response: VerifyResponse;
  try {
    const result = verify(new Uint8Array(proof), { elf: elf ? new Uint8Array(elf) : undefined, security });
    response = { id, ok: true, result };
  } catch (err) {
    response = { id, ok: false, message: (err as Error)?.message ?? String(err) };
  }
  scope.postMessage(response);
};

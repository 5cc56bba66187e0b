/**
 * zisk-ts as a zkVM: prove that a program run on an input produced its outputs, and verify such
 * proofs, in Node.js or (verification) a browser.
 */
export { proveElf, type ProveOptions, type ProvePhase, type ProveSummary } from './prove.js';
export { verifyProof, type Verdict, type VerifyOptions, type SecurityProfile } from './verify.js';
export { zkvmSystem, defaultSystem, outputsToPublics, publicsToOutputs, PUBLIC_COUNT } from './system.js';
export { programRoots, rootHex } from './program.js';
export { checkExecution, type CheckOptions, type ExecutionCheck, type ExecutionFailure } from './check.js';

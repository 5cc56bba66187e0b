import type { Command } from '../command.js';
import { execute } from './execute.js';
import { prove } from './prove.js';
import { run } from './run.js';
import { serveVerifier } from './serve-verifier.js';
import { status } from './status.js';
import { verify } from './verify.js';
import { verifyConstraints } from './verify-constraints.js';
import { worker } from './worker.js';

/** Every sub-command, in the order `zisk-ts --help` lists them. Adding one is one line here. */
export const commands: readonly Command[] = [run, execute, verifyConstraints, prove, verify, serveVerifier, worker, status];

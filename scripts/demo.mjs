#!/usr/bin/env node
// The demo: runs a bundled guest program with the `zisk-ts` command, as a user would, proves the
// run, verifies the proof, and shows a tampered proof rejected, explaining each step. The program is
// SHA-256 in software (guest/examples/sha256/main.c), built for ZisK's memory layout; its digest is
// checked against node:crypto.
//
//   npm run demo                   the bundled input "abc" (guest/inputs/sha256/abc.bin)
//   npm run demo -- "some text"    the SHA-256 of your own message
//
// Each stage runs the CLI and checks its result; the demo exits 0 only if every check holds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'zisk-ts.js');
const ELF = join(root, 'guest', 'elf', 'sha256.elf');
const BUNDLED_INPUT = join(root, 'guest', 'inputs', 'sha256', 'abc.bin');

const scratch = mkdtempSync(join(tmpdir(), 'zisk-ts-demo-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const show = (path) => (path.startsWith(scratch) ? basename(path) : relative(process.cwd(), path) || '.');
const say = (label, text) => console.log(`${label.padEnd(9)}${text.replaceAll('\n', `\n${' '.repeat(9)}`)}`);

function fail(message) {
  console.error(`\ndemo failed: ${message}`);
  process.exit(1);
}

/** Runs `zisk-ts ARGS`, echoing the command line; returns stdout and stderr, or stops the demo. */
function zisk(args) {
  console.log(`\n$ npx zisk-ts ${args.map((a) => (a.startsWith('/') ? show(a) : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (r.error) fail(r.error.message);
  if (r.status !== 0) fail(`zisk-ts exited with ${r.status}: ${r.stderr.trim()}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** An input file: records [u64 little-endian length][bytes][zero padding to 8]. */
function encodeInput(message) {
  const file = new Uint8Array(8 + Math.ceil(message.length / 8) * 8);
  new DataView(file.buffer).setBigUint64(0, BigInt(message.length), true);
  file.set(message, 8);
  return file;
}

function decodeFirstRecord(file) {
  const length = Number(new DataView(file.buffer, file.byteOffset, file.byteLength).getBigUint64(0, true));
  return file.subarray(8, 8 + length);
}

function preview(bytes) {
  const text = Buffer.from(bytes).toString('utf8');
  if (/^[\x20-\x7e]*$/.test(text)) return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
  return `${Buffer.from(bytes.subarray(0, 12)).toString('hex')}... (seeded random bytes)`;
}

// The input: the bundled file, or the user's message written to a temporary input file.
const userText = process.argv.slice(2).join(' ');
let inputPath = BUNDLED_INPUT;
if (userText !== '') {
  inputPath = join(scratch, 'message.bin');
  writeFileSync(inputPath, encodeInput(new TextEncoder().encode(userText)));
}
const message = decodeFirstRecord(new Uint8Array(readFileSync(inputPath)));

console.log('zisk-ts demo: run a RISC-V program on an input, prove what it computed, and verify the proof.\n');
say('Program', `${show(ELF)}: SHA-256 written in C (guest/examples/sha256/main.c), compiled for\nRISC-V 64 (RV64IMA) and ZisK's memory layout. zisk-ts transpiles it to a ZisK ROM and runs it.`);
say('Input', `${show(inputPath)}: one record, the message to hash:\n${message.length} bytes, ${preview(message)}`);

// Stage 1: execute. The 64 public outputs come out one 32-bit word per line.
const run = zisk(['run', '-e', ELF, '-i', inputPath, '--metrics']);
const words = run.stdout.trim().split('\n');
if (words.length !== 64 || !words.every((w) => /^[0-9a-f]{8}$/.test(w))) fail(`expected 64 output words, got:\n${run.stdout}`);
const metric = (name) => Number(new RegExp(`^${name}: ([0-9.]+)$`, 'm').exec(run.stderr)?.[1]);
const steps = metric('steps');
const seconds = metric('seconds');
if (!Number.isInteger(steps)) fail(`no step count in:\n${run.stderr}`);

const digest = words.slice(0, 8).join('');
const length = parseInt(words[8], 16);
const rest = words.slice(9);
console.log('');
say('Ran', `${steps.toLocaleString('en-US')} ZisK steps in ${seconds} s: the BIOS's set-up, the program's RISC-V\ninstructions, and the BIOS's publication of the outputs.`);
say('Outputs', `64 public 32-bit words. As guest/examples/sha256/main.c defines them:\n` +
  `  words 0-7   ${digest}\n              the SHA-256 digest of the message\n` +
  `  word 8      ${words[8]} = ${length}, the message length in bytes\n` +
  `  words 9-63  ${rest.every((w) => w === '00000000') ? 'zero' : rest.join(' ')}`);

const expected = createHash('sha256').update(message).digest('hex');
if (digest !== expected) fail(`the digest differs from node:crypto's SHA-256 of the message (${expected})`);
if (length !== message.length) fail(`word 8 says ${length} bytes, the message has ${message.length}`);
if (!rest.every((w) => w === '00000000')) fail('words 9-63 should be zero');
say('Check', `node:crypto's SHA-256 of the same ${message.length} bytes is ${expected}:\nthe same digest.`);

// Stage 2: prove. The proof says: this program, on some input, produced these 64 outputs.
const proofPath = join(scratch, 'sha256.proof');
console.log('');
say('Prove', 'Now zisk-ts proves the run: it splits the execution across its state machines (Main,\n' +
  'Mem, Binary, Arith, the ROM and their tables), builds each one\'s trace, and proves them together\n' +
  'with a STARK (about 100 bits of conjectured security). This takes a little while.');
const proved = zisk(['prove', '-e', ELF, '-i', inputPath, '-o', proofPath, '--json']);
let summary;
try {
  summary = JSON.parse(proved.stdout);
} catch {
  fail(`prove printed no JSON summary:\n${proved.stdout}`);
}
const instances = Object.entries(summary.instances).map(([air, e]) => `${air}${e.count > 1 ? ` ×${e.count}` : ''}`).join(', ');
say('Proved', `${summary.steps.toLocaleString('en-US')} steps in ${summary.seconds.total.toFixed(1)} s. The proof, ${(summary.proofBytes / 1024).toFixed(0)} KiB, holds ${Object.values(summary.instances).reduce((n, e) => n + e.count, 0)} AIR\n` +
  `instances (${instances}).\nThe program's identity (the commitment to its ROM): ${summary.programId.slice(0, 16)}…`);
if (summary.outputs.join('') !== words.join('')) fail('the proof states other outputs than the run printed');

// Stage 3: verify, as anyone could, with the program's ELF to check the proof is about it.
const verified = zisk(['verify', '-p', proofPath, '-e', ELF]);
const proven = verified.stdout.trim().split('\n');
if (proven.join('') !== words.join('')) fail('the verifier reports other outputs than the run printed');
if (!/ACCEPTED/.test(verified.stderr)) fail(`the verifier did not accept the proof:\n${verified.stderr}`);
say('Verified', `${verified.stderr.trim().split('\n')[0]}\nThe verifier never ran the program: the proof alone establishes the digest\n${proven.slice(0, 8).join('')}.`);

// Stage 4: a proof changed in one byte is rejected, with the reason.
const tampered = new Uint8Array(readFileSync(proofPath));
tampered[Math.floor(tampered.length / 2)] ^= 1;
const tamperedPath = join(scratch, 'tampered.proof');
writeFileSync(tamperedPath, tampered);
console.log(`\n$ npx zisk-ts verify -p ${show(tamperedPath)} -e ${show(ELF)}    # one bit flipped`);
const bad = spawnSync(process.execPath, [BIN, 'verify', '-p', tamperedPath, '-e', ELF], { encoding: 'utf8' });
if (bad.status === 0) fail('a tampered proof was accepted');
say('Rejected', bad.stderr.trim().split('\n')[0]);

console.log('\nDone. Try your own message with `npm run demo -- "your text"`, or any guest program with\n' +
  '`npx zisk-ts prove -e program.elf -i input.bin -o proof.bin` and `npx zisk-ts verify -p proof.bin` (see README.md).');

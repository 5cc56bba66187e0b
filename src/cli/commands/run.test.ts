import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../main.js';
import { programElf, writeElf, CODE_BASE } from '../../riscv/test-support/elf-writer.js';
import { Asm } from '../../riscv/test-support/asm.js';
import { UART_ADDR } from '../../zisk/index.js';

const dir = mkdtempSync(join(tmpdir(), 'zisk-ts-run-'));
const CONF = fileURLToPath(new URL('../../../guest/conformance/', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  const write = process.stdout.write.bind(process.stdout);
  console.log = (...a: unknown[]) => void out.push(a.join(' ') + '\n');
  console.error = (...a: unknown[]) => void err.push(a.join(' ') + '\n');
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runCli(['run', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    console.log = log;
    console.error = error;
    process.stdout.write = write;
  }
}

// Writes the input's first record (8 bytes) + 1 into output words 0..1, and "ok\n" to the UART.
const elfPath = join(dir, 'prog.elf');
writeFileSync(elfPath, programElf((a) => {
  a.ld(5, 10, 16).addi(5, 5, 1).sd(5, 11, 0);
  a.li(6, UART_ADDR);
  for (const c of 'ok\n') a.li(7, c.charCodeAt(0)).sb(7, 6, 0);
}));
const inputPath = join(dir, 'input.bin');
writeFileSync(inputPath, Uint8Array.from([8, 0, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 0, 0, 0, 0, 1]));

test('prints the 64 outputs as 8 hex digits per line, after the UART bytes', async () => {
  const r = await cli(['-e', elfPath, '-i', inputPath]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n').filter(Boolean);
  assert.equal(lines[0], 'ok');
  assert.equal(lines.length, 65);
  assert.deepEqual(lines.slice(1, 4), ['00000042', '01000000', '00000000']);
  assert.ok(lines.slice(1).every((l) => /^[0-9a-f]{8}$/.test(l)));
});

test('-o writes the 256 output bytes and prints no outputs', async () => {
  const out = join(dir, 'out.bin');
  const r = await cli(['-e', elfPath, '-i', inputPath, '-o', out]);
  assert.equal(r.code, 0);
  assert.equal(r.out, 'ok\n');
  const bytes = readFileSync(out);
  assert.equal(bytes.length, 256);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x42, 0, 0, 0, 0, 0, 0, 1]);
});

test('runs without an input file, and with writable segments in the output area', async () => {
  const code = new Asm(CODE_BASE).exit().bytes();
  const data = Uint8Array.from([0xef, 0xbe, 0xad, 0xde, 1, 2, 3, 4]);
  const p = join(dir, 'out-seg.elf');
  writeFileSync(p, writeElf(CODE_BASE, [{ vaddr: CODE_BASE, data: code, flags: 5 }, { vaddr: 0xa0010000, data, flags: 6 }]));
  const r = await cli(['-e', p]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.split('\n').slice(0, 3), ['deadbeef', '04030201', '00000000']);
});

test('-f prints the riscv-arch-test signature', async () => {
  const r = await cli(['-e', join(CONF, 'rv64c.elf'), '-f']);
  assert.equal(r.code, 0);
  assert.equal(r.out.trim(), readFileSync(join(CONF, 'rv64c.sig'), 'utf8').trim());
});

test('--metrics and --stats report on stderr; --chunk-size runs the minimal-trace mode', async () => {
  const m = await cli(['-e', elfPath, '-i', inputPath, '--metrics', '--chunk-size', '64']);
  assert.equal(m.code, 0);
  assert.match(m.err, /^steps: \d+\nseconds: [\d.]+\nM steps\/s: [\d.]+\nchunks: \d+\n$/);
  const s = await cli(['-e', elfPath, '-i', inputPath, '--stats']);
  assert.equal(s.code, 0);
  assert.match(s.err, /steps: \d+/);
  assert.match(s.err, /ops by op type:\n(.|\n)*Binary/);
  assert.match(s.err, /ops by state machine/);
  assert.match(s.err, /total\s+\d+/);
});

test('errors are one line with a non-zero exit code', async () => {
  const usage = await cli(['-i', inputPath]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /missing -e ELF/);
  const bad = join(dir, 'bad.elf');
  writeFileSync(bad, 'not an elf');
  const e1 = await cli(['-e', bad]);
  assert.equal(e1.code, 1);
  assert.equal(e1.err.trim().split('\n').length, 1);
  assert.match(e1.err, /not an ELF file/);
  const e2 = await cli(['-e', elfPath, '-i', inputPath, '-n', '10']);
  assert.equal(e2.code, 1);
  assert.match(e2.err, /did not end within 10 steps \(the step limit\) \(pc 0x[0-9a-f]+, step 10\)/);
  const e3 = await cli(['-e', join(dir, 'missing.elf')]);
  assert.match(e3.err, /cannot read ELF file .*missing\.elf: no such file/);
  const e4 = await cli(['-e', elfPath, '-n', 'x']);
  assert.equal(e4.code, 2);
  assert.match(e4.err, /-n must be a positive integer/);
});

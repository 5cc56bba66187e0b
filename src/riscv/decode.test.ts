// The decoder against llvm-objdump (an independent decoder): every instruction of the conformance
// programs and of a catalogue of RV64GC encodings (guest/conformance/*.dis, made by build.sh) must
// decode to the same instruction, registers and immediate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KIND_NAMES, K_FLOAT, K_ILLEGAL, decode, floatName, type RvInst } from './index.js';

const DIR = fileURLToPath(new URL('../../guest/conformance/', import.meta.url));
const ABI = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const reg = (s: string) => {
  const i = ABI.indexOf(s.trim());
  if (i < 0) throw new Error(`register ${s}`);
  return i;
};
const num = (s: string) => Number(s.trim());
/** "imm(reg)" */
const mem = (s: string) => {
  const m = /^(-?\d+)\((\w+)\)$/.exec(s.trim())!;
  return { imm: Number(m[1]), rs1: reg(m[2]!) };
};

type Expect = { kind: string; rd?: number; rs1?: number; rs2?: number; imm?: number; csr?: number };

/** What llvm-objdump's line says the instruction is, in the decoder's terms. */
function expected(pc: number, mn: string, ops: string[]): Expect | 'float' {
  const target = (s: string) => parseInt(s.trim(), 16) - pc;
  const R = () => ({ rd: reg(ops[0]!), rs1: reg(ops[1]!), rs2: reg(ops[2]!) });
  if (/^(c\.)?f/.test(mn) && mn !== 'fence' && mn !== 'fence.i') return 'float';
  switch (mn) {
    case 'lui': case 'auipc': return { kind: mn, rd: reg(ops[0]!), imm: num(ops[1]!) };
    case 'c.lui': return { kind: 'lui', rd: reg(ops[0]!), imm: num(ops[1]!) };
    case 'jal': return { kind: 'jal', rd: reg(ops[0]!), imm: target(ops[1]!) };
    case 'jalr': { const m = mem(ops[1]!); return { kind: 'jalr', rd: reg(ops[0]!), rs1: m.rs1, imm: m.imm }; }
    case 'beq': case 'bne': case 'blt': case 'bge': case 'bltu': case 'bgeu':
      return { kind: mn, rs1: reg(ops[0]!), rs2: reg(ops[1]!), imm: target(ops[2]!) };
    case 'lb': case 'lh': case 'lw': case 'ld': case 'lbu': case 'lhu': case 'lwu': { const m = mem(ops[1]!); return { kind: mn, rd: reg(ops[0]!), ...m }; }
    case 'sb': case 'sh': case 'sw': case 'sd': { const m = mem(ops[1]!); return { kind: mn, rs2: reg(ops[0]!), ...m }; }
    case 'fence': case 'fence.i': case 'ecall': case 'ebreak': return { kind: mn };
    case 'csrrw': case 'csrrs': case 'csrrc': return { kind: mn, rd: reg(ops[0]!), csr: csrNum(ops[1]!), rs1: reg(ops[2]!) };
    case 'csrrwi': case 'csrrsi': case 'csrrci': return { kind: mn, rd: reg(ops[0]!), csr: csrNum(ops[1]!), imm: num(ops[2]!) };
    case 'c.addi4spn': return { kind: 'addi', rd: reg(ops[0]!), rs1: 2, imm: num(ops[2]!) };
    case 'c.lw': case 'c.ld': case 'c.lwsp': case 'c.ldsp': { const m = mem(ops[1]!); return { kind: mn.slice(2, 4), rd: reg(ops[0]!), ...m }; }
    case 'c.sw': case 'c.sd': case 'c.swsp': case 'c.sdsp': { const m = mem(ops[1]!); return { kind: mn.slice(2, 4), rs2: reg(ops[0]!), ...m }; }
    case 'c.nop': return { kind: 'addi', rd: 0, rs1: 0, imm: 0 };
    case 'c.addi': case 'c.addiw': case 'c.andi': case 'c.slli': case 'c.srli': case 'c.srai':
      return { kind: mn.slice(2), rd: reg(ops[0]!), rs1: reg(ops[0]!), imm: num(ops[1]!) };
    case 'c.li': return { kind: 'addi', rd: reg(ops[0]!), rs1: 0, imm: num(ops[1]!) };
    case 'c.addi16sp': return { kind: 'addi', rd: 2, rs1: 2, imm: num(ops[1]!) };
    case 'c.sub': case 'c.xor': case 'c.or': case 'c.and': case 'c.subw': case 'c.addw': case 'c.add':
      return { kind: mn.slice(2), rd: reg(ops[0]!), rs1: reg(ops[0]!), rs2: reg(ops[1]!) };
    case 'c.mv': return { kind: 'add', rd: reg(ops[0]!), rs1: 0, rs2: reg(ops[1]!) };
    case 'c.j': return { kind: 'jal', rd: 0, imm: target(ops[0]!) };
    case 'c.beqz': case 'c.bnez': return { kind: mn === 'c.beqz' ? 'beq' : 'bne', rs1: reg(ops[0]!), rs2: 0, imm: target(ops[1]!) };
    case 'c.jr': return { kind: 'jalr', rd: 0, rs1: reg(ops[0]!), imm: 0 };
    case 'c.jalr': return { kind: 'jalr', rd: 1, rs1: reg(ops[0]!), imm: 0 };
    case 'c.ebreak': return { kind: 'ebreak' };
    case 'c.unimp': case '<unknown>': return { kind: 'illegal' };
    default: {
      if (mn.startsWith('lr.')) return { kind: mn.replace(/\.(aq|rl|aqrl)$/, ''), rd: reg(ops[0]!), rs1: reg(ops[1]!.replace(/[()]/g, '')) };
      if (mn.startsWith('sc.') || mn.startsWith('amo')) {
        return { kind: mn.replace(/\.(aq|rl|aqrl)$/, ''), rd: reg(ops[0]!), rs2: reg(ops[1]!), rs1: reg(ops[2]!.replace(/[()]/g, '')) };
      }
      if (ops.length === 3 && /^-?\d+$/.test(ops[2]!.trim())) return { kind: mn, rd: reg(ops[0]!), rs1: reg(ops[1]!), imm: num(ops[2]!) };
      return { kind: mn, ...R() };
    }
  }
}

const CSRS: Record<string, number> = { mscratch: 0x340, marchid: 0xf12, mtvec: 0x305 };
const csrNum = (s: string) => CSRS[s.trim()] ?? num(s);

function check(file: string): number {
  let n = 0;
  for (const line of readFileSync(DIR + file, 'utf8').split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*\t(\S+)\t?(.*)$/.exec(line);
    if (!m) continue;
    const pc = parseInt(m[1]!, 16);
    const bytes = m[2]!.trim().split(' ').map((b) => parseInt(b, 16));
    const mn = m[3]!;
    const ops = m[4]!.replace(/<[^>]*>/g, '').split(',').filter((s) => s.trim() !== '');
    const lo = bytes[0]! | (bytes[1]! << 8);
    const hi = bytes.length === 4 ? bytes[2]! | (bytes[3]! << 8) : 0;
    const got: RvInst = decode(lo, hi);
    const where = `${file} ${m[1]}: ${mn} ${m[4]}`;
    assert.equal(got.size, bytes.length, `${where}: size`);
    const want = expected(pc, mn, ops);
    if (want === 'float') {
      assert.equal(got.kind, K_FLOAT, where);
      assert.equal(floatName(got), mn, `${where}: float name`);
    } else {
      assert.equal(KIND_NAMES[got.kind], want.kind, where);
      if (want.rd !== undefined) assert.equal(got.rd, want.rd, `${where}: rd`);
      if (want.rs1 !== undefined) assert.equal(got.rs1, want.rs1, `${where}: rs1`);
      if (want.rs2 !== undefined) assert.equal(got.rs2, want.rs2, `${where}: rs2`);
      if (want.csr !== undefined) assert.equal(got.csr, want.csr, `${where}: csr`);
      if (want.imm !== undefined) {
        const imm = want.kind === 'lui' || want.kind === 'auipc' ? (got.imm >>> 12) & 0xfffff : got.imm;
        assert.equal(imm, want.imm, `${where}: imm`);
      }
      if (want.kind === 'illegal') assert.equal(got.kind, K_ILLEGAL);
    }
    n++;
  }
  return n;
}

test('decoding agrees with llvm-objdump on every instruction of the conformance programs', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.dis'));
  assert.ok(files.length >= 8);
  let total = 0;
  for (const f of files) total += check(f);
  assert.ok(total > 20000, `${total} instructions`);
});

test('the RV64GC catalogue covers every kind the decoder knows', () => {
  const seen = new Set<string>();
  for (const line of readFileSync(DIR + 'decode-coverage.dis', 'utf8').split('\n')) {
    const m = /^\s*[0-9a-f]+:\s+((?:[0-9a-f]{2} )+)/.exec(line);
    if (!m) continue;
    const b = m[1]!.trim().split(' ').map((x) => parseInt(x, 16));
    seen.add(KIND_NAMES[decode(b[0]! | (b[1]! << 8), b.length === 4 ? b[2]! | (b[3]! << 8) : 0).kind]!);
  }
  for (const name of KIND_NAMES) assert.ok(seen.has(name), `no ${name} in the catalogue`);
});

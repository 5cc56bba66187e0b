// System tools the oracle tests drive. A missing tool is a failure that says how to install it,
// never a silent skip.
import { spawnSync } from 'node:child_process';

const INSTALL: Record<string, string> = {
  'llvm-objdump': 'apt-get install llvm',
  clang: 'apt-get install clang lld',
  'qemu-riscv64': 'apt-get install qemu-user',
  cc: 'apt-get install gcc',
};

export function requireTool(name: keyof typeof INSTALL): void {
  const r = spawnSync(name, ['--version']);
  if (r.error || r.status !== 0) throw new Error(`${name} not found: install it with \`${INSTALL[name]}\``);
}

/** llvm-objdump's disassembly of an ELF file: one { pc, size, text } per instruction line. */
export function disassemble(file: string, extra: string[] = []): { pc: number; size: number; text: string }[] {
  requireTool('llvm-objdump');
  const r = spawnSync('llvm-objdump', ['-d', ...extra, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`llvm-objdump failed: ${r.stderr}`);
  const out: { pc: number; size: number; text: string }[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*\t?(.*)$/.exec(line);
    if (m) {
      const text = m[3]!.replace(/\s*<[^>]*>$/, '').replace(/\s+/g, ' ').trim();
      out.push({ pc: parseInt(m[1]!, 16), size: m[2]!.trim().split(' ').length, text });
    }
  }
  return out;
}

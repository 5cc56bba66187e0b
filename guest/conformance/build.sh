#!/usr/bin/env bash
# Builds the conformance programs (*.S → *.elf) with clang/lld for RV64IMAC, lp64, and their
# disassembly by llvm-objdump (*.dis), which the decoder's tests compare against.
#   ./build.sh              rebuild every ELF (reproducible: the same bytes every time)
#   ./build.sh --reference  also run each ELF under qemu-riscv64 and write *.sig, the reference
#                           signatures (one 32-bit word per line, 8 hex digits, as riscof)
set -euo pipefail
cd "$(dirname "$0")"
CFLAGS=(--target=riscv64-unknown-elf -march=rv64imac -mabi=lp64 -mcmodel=medany -nostdlib -static
        -fuse-ld=lld -g0 -Wl,-T,link.ld -Wl,--no-relax -Wl,--build-id=none)
for src in *.S; do
  name="${src%.S}"
  if [[ "$name" == decode-* ]]; then
    # Decoded, never run: every extension llvm-objdump knows, and its disassembly as the reference.
    clang "${CFLAGS[@]}" -march=rv64gc -o "$name.elf" "$src"
    llvm-objdump -d -M no-aliases --mattr=+m,+a,+f,+d,+c "$name.elf" | tail -n +4 > "$name.dis"
    continue
  fi
  clang "${CFLAGS[@]}" -o "$name.elf" "$src"
  llvm-objdump -d -M no-aliases --mattr=+m,+a,+f,+d,+c "$name.elf" | tail -n +4 > "$name.dis"
  if [ "${1:-}" = "--reference" ]; then
    qemu-riscv64 -cpu rv64,f=false,d=false "$name.elf" | od -An -v -tx4 -w4 | tr -d ' ' > "$name.sig"
  fi
done

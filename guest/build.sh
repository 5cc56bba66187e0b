#!/usr/bin/env bash
# Builds the guest examples.
#
#   guest/build.sh [--out DIR] [NAME...]   RISC-V ELFs, with Debian's clang and lld:
#                                          DIR/NAME.elf       ZisK's layout (sdk/zisk.ld)
#                                          DIR/NAME.qemu.elf  the same program for qemu-riscv64 (sdk/qemu.ld)
#                                          DIR defaults to guest/elf
#   guest/build.sh --native DIR [NAME...]  the same programs for this host (cc), linked with
#                                          host/harness.c: DIR/NAME INPUT_FILE prints the 64 outputs
#
# NAME is a folder of guest/examples (all of them by default); its *.c files are the program.
# Rebuilding gives identical bytes: no build id, no debug info, and only paths relative to guest/.
set -euo pipefail

cd "$(dirname "$0")"
GUEST="$PWD"
SELF="$GUEST/$(basename "$0")"

CLANG="${CLANG:-clang}"
CC="${CC:-cc}"
mode=guest
out="$GUEST/elf"
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --native) mode=native; out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$SELF"; exit 0 ;;
    -*) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for d in examples/*/; do names+=("$(basename "$d")"); done
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

GUEST_FLAGS=(
  --target=riscv64-unknown-elf -march=rv64ima -mabi=lp64 -mcmodel=medany
  -mno-relax -msmall-data-limit=0
  -O2 -std=c11 -Wall -Wextra -Werror
  -nostdlib -ffreestanding -fno-builtin
  -ffile-prefix-map="$GUEST"=.
  -Iinclude
)
LINK_FLAGS=(
  --target=riscv64-unknown-elf -march=rv64ima -mabi=lp64
  -nostdlib -static -fuse-ld=lld
  -Wl,--no-relax -Wl,--build-id=none
)

if [ "$mode" = guest ]; then
  command -v "$CLANG" >/dev/null || { echo "build.sh: $CLANG not found (apt-get install clang lld)" >&2; exit 1; }
  # Each source is compiled once; the two builds link the same objects, so the program code is
  # the same bytes at the same addresses in both.
  "$CLANG" "${GUEST_FLAGS[@]}" -c sdk/runtime.c -o "$tmp/runtime.o"
  "$CLANG" "${GUEST_FLAGS[@]}" -c sdk/start.S -o "$tmp/start.o"
  "$CLANG" "${GUEST_FLAGS[@]}" -DZISK_QEMU -c sdk/start.S -o "$tmp/start-qemu.o"
  for name in "${names[@]}"; do
    [ -d "examples/$name" ] || { echo "build.sh: no example '$name'" >&2; exit 2; }
    objs=()
    for src in examples/"$name"/*.c; do
      obj="$tmp/$name-$(basename "$src" .c).o"
      "$CLANG" "${GUEST_FLAGS[@]}" -c "$src" -o "$obj"
      objs+=("$obj")
    done
    "$CLANG" "${LINK_FLAGS[@]}" -Wl,-T,sdk/zisk.ld "$tmp/start.o" "${objs[@]}" "$tmp/runtime.o" \
      -o "$out/$name.elf"
    "$CLANG" "${LINK_FLAGS[@]}" -Wl,-T,sdk/qemu.ld "$tmp/start-qemu.o" "${objs[@]}" "$tmp/runtime.o" \
      -o "$out/$name.qemu.elf"
  done
else
  command -v "$CC" >/dev/null || { echo "build.sh: $CC not found (apt-get install gcc)" >&2; exit 1; }
  NATIVE_FLAGS=(-O2 -std=c11 -Wall -Wextra -DZISK_HOST -Iinclude)
  "$CC" "${NATIVE_FLAGS[@]}" -c host/harness.c -o "$tmp/harness.o"
  for name in "${names[@]}"; do
    [ -d "examples/$name" ] || { echo "build.sh: no example '$name'" >&2; exit 2; }
    objs=()
    for src in examples/"$name"/*.c; do
      obj="$tmp/$name-$(basename "$src" .c).o"
      # The harness owns the host's main and calls the program's as zisk_main.
      "$CC" "${NATIVE_FLAGS[@]}" -Dmain=zisk_main -c "$src" -o "$obj"
      objs+=("$obj")
    done
    "$CC" "$tmp/harness.o" "${objs[@]}" -o "$out/$name"
  done
fi

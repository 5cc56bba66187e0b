/**
 * ZisK's memory map. Guest programs built for ZisK hard-code these addresses (linker scripts, the
 * input reader, the output writer, the UART), so they are part of the machine's contract and must not
 * move. Every address fits 32 bits; memory is little-endian and its native unit is an aligned 64-bit
 * word.
 *
 * ```
 *  0x0000_1000  ROM_ENTRY   BIOS: first instruction executed
 *  0x0000_1004  ROM_EXIT    BIOS: the `end` instruction, last one executed
 *  0x4000_0000  INPUT_ADDR  input, read-only: free-input slot (8 bytes), then the input file
 *  0x8000_0000  ROM_ADDR    program code and read-only data (128 MB)
 *  0xA000_0000  RAM_ADDR    RAM (512 MB), starting with the system area:
 *                 +0x0000     x0..x31 (only virtually: registers live in the Main state machine;
 *                             scratch "registers" 32 and 33 of multi-step expansions do live here)
 *                 +0x0200     UART: a 1-byte store here is written to the host's stdout
 *                 +0x0F00     precompile extra parameters
 *                 +0x8000     CSRs, 8 bytes each (mtvec, marchid, ...)
 *  0xA001_0000  OUTPUT_ADDR output area: the first 256 bytes become the 64 public outputs
 *  0xA003_0000  AVAILABLE_MEM_ADDR  general RAM (heap, stack)
 *  0xC000_0000  end of RAM
 * ```
 */

/** First BIOS instruction: where every execution starts. */
export const ROM_ENTRY = 0x1000;
/** The BIOS `end` instruction: every execution that completes finishes here. */
export const ROM_EXIT = 0x1004;
/** End (exclusive) of the BIOS address range. */
export const BIOS_END = 0x1000_0000;

/** Input area: the free-input slot, then the input file. Read-only for the guest. */
export const INPUT_ADDR = 0x4000_0000;
/** The free-input slot (fcall results are read from here), the first word of the input area. */
export const FREE_INPUT_ADDR = INPUT_ADDR;
/** Size of the input area, free-input slot included. */
export const MAX_INPUT_SIZE = 0x4000_0000;
/** Largest accepted input file: the area minus the free-input slot. */
export const MAX_INPUT_FILE_SIZE = MAX_INPUT_SIZE - 8;

/** First program address: code and read-only data. */
export const ROM_ADDR = 0x8000_0000;
/** End (exclusive) of the program ROM. */
export const ROM_ADDR_MAX = 0x8800_0000;

/** First RAM address (read-write). */
export const RAM_ADDR = 0xa000_0000;
/** RAM size in bytes (512 MB). */
export const RAM_SIZE = 0x2000_0000;
/** End (exclusive) of RAM. */
export const RAM_END = RAM_ADDR + RAM_SIZE;

/** System area at the start of RAM. */
export const SYS_ADDR = RAM_ADDR;
export const SYS_SIZE = 0x1_0000;
/** Address of "register" i is REG_FIRST + 8·i; only indices outside 1..31 are real memory. */
export const REG_FIRST = SYS_ADDR;
/** A 1-byte store to this address is written to the host's standard output. */
export const UART_ADDR = SYS_ADDR + 0x200;
/** Precompile extra parameters. */
export const EXTRA_PARAMS_ADDR = SYS_ADDR + 0xf00;
/** Float registers (only used by ZisK's software-float library, which zisk-ts does not ship). */
export const FREG_FIRST = SYS_ADDR + 0x1000;
/** CSR i lives at CSR_ADDR + 8·i. */
export const CSR_ADDR = SYS_ADDR + 0x8000;
/** Machine trap-vector CSR (0x305): the BIOS stores its trap handler's address here. */
export const MTVEC = CSR_ADDR + 0x305 * 8;
/** The `marchid` CSR number and its address. */
export const ARCH_ID_CSR = 0xf12;
export const ARCH_ID_CSR_ADDR = CSR_ADDR + ARCH_ID_CSR * 8;
/** The value the BIOS stores in `marchid`; guests check it to know they run on ZisK. */
export const ARCH_ID_ZISK = 0xfffeeee;

/** Output area: the guest writes its public outputs here. */
export const OUTPUT_ADDR = SYS_ADDR + SYS_SIZE;
export const OUTPUT_MAX_SIZE = 0x1_0000;
/** Number of 32-bit public outputs (the first 256 bytes of the output area). */
export const OUTPUT_WORDS = 64;
/** First address of general-purpose RAM. */
export const AVAILABLE_MEM_ADDR = SYS_ADDR + 0x3_0000;

/** The exit system call number: `li a7, 93; ecall` ends the program. */
export const CAUSE_EXIT = 93;

/** Steps per minimal-trace chunk unless configured otherwise. */
export const DEFAULT_CHUNK_SIZE = 1 << 18;
/** Default step limit, as ZisK's emulator: 2^36 − 1. */
export const DEFAULT_MAX_STEPS = 2 ** 36 - 1;

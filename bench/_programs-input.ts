// Inputs that make the guest examples (guest/elf) run about a given number of steps.

/** An input making the program run about `target` steps. */
export function inputFor(name: string, steps: number): Uint8Array {
  const record = (payload: Uint8Array) => {
    const out = new Uint8Array(8 + Math.ceil(payload.length / 8) * 8);
    new DataView(out.buffer).setBigUint64(0, BigInt(payload.length), true);
    out.set(payload, 8);
    return out;
  };
  if (name === 'fibonacci') {
    // 7 steps per iteration; about 300 for the BIOS and the program around the loop.
    const n = new Uint8Array(8);
    new DataView(n.buffer).setBigUint64(0, BigInt(Math.max(1, Math.round((steps - 300) / 7))), true);
    return record(n);
  }
  if (name === 'sha256') {
    // About 80 steps per message byte (guest/expected/steps.json: 1000 bytes, 80,758 steps).
    const bytes = new Uint8Array(Math.max(1, Math.round((steps - 5000) / 80)));
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 0xff;
    return record(bytes);
  }
  throw new Error(`no input generator for ${name}`);
}

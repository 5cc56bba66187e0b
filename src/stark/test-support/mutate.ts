// Random mutations of proof bytes for the tamper tests: each returns different bytes.

export type Mutation = { kind: string; bytes: Uint8Array };

/** A small deterministic generator (xorshift32). */
export function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

export function mutate(bytes: Uint8Array, rand: (n: number) => number): Mutation {
  const len = bytes.length;
  const kind = rand(8);
  const out = bytes.slice();
  switch (kind) {
    case 0:
    case 1:
    case 2: {
      // the common case: one flipped bit anywhere
      const i = rand(len);
      out[i] ^= 1 << rand(8);
      return { kind: 'flip bit', bytes: out };
    }
    case 3: {
      const i = rand(len);
      out[i] = (out[i]! + 1 + rand(255)) & 0xff;
      return { kind: 'replace byte', bytes: out };
    }
    case 4:
      return { kind: 'truncate', bytes: bytes.slice(0, rand(len)) };
    case 5: {
      const extra = Uint8Array.from({ length: 1 + rand(16) }, () => rand(256));
      const r = new Uint8Array(len + extra.length);
      r.set(bytes);
      r.set(extra, len);
      return { kind: 'append', bytes: r };
    }
    case 6: {
      const i = rand(len);
      const n = 1 + rand(Math.min(64, len - i));
      const r = new Uint8Array(len - n);
      r.set(bytes.subarray(0, i));
      r.set(bytes.subarray(i + n), i);
      return { kind: 'delete range', bytes: r };
    }
    default: {
      // swap two different 8-byte words (an element, a digest part, an opened value)
      const words = Math.floor(len / 8);
      const a = rand(words);
      let b = rand(words);
      for (let tries = 0; tries < 8 && bytes.subarray(8 * a, 8 * a + 8).every((v, k) => v === bytes[8 * b + k]); tries++) b = rand(words);
      const wa = bytes.slice(8 * a, 8 * a + 8);
      out.set(bytes.subarray(8 * b, 8 * b + 8), 8 * a);
      out.set(wa, 8 * b);
      if (out.every((v, k) => v === bytes[k])) out[8 * a] ^= 1;
      return { kind: 'swap words', bytes: out };
    }
  }
}

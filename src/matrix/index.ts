/**
 * The one storage layout for columns of Goldilocks elements used across the prover.
 *
 * Column-major: column j occupies `data[2*j*height .. 2*(j+1)*height)`; element (row, col) is the
 * little-endian u64 `data[2*(col*height+row)] + 2^32 * data[2*(col*height+row)+1]`, always canonical
 * (< p = 2^64 - 2^32 + 1). Column-major because every heavy pass works on whole columns or on blocks
 * of rows taken column by column: NTTs transform one column at a time, Merkle leaves gather a block of
 * rows with one contiguous copy per column, and constraint evaluation runs each expression node over a
 * block of rows. The byte layout equals a BigUint64Array's, so a kernel can copy it straight into
 * WebAssembly memory.
 *
 * An extension-field column (cubic extension) is stored as three consecutive base columns
 * (coefficients of 1, X, X^2).
 */
export class Matrix {
  /** The two u32 halves of every element, column after column. */
  readonly data: Uint32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    data?: Uint32Array,
  ) {
    if (!Number.isInteger(width) || width < 0) throw new RangeError(`Matrix width must be a non-negative integer, got ${width}`);
    if (!Number.isInteger(height) || height < 0) throw new RangeError(`Matrix height must be a non-negative integer, got ${height}`);
    const length = 2 * width * height;
    if (data && data.length !== length) {
      throw new RangeError(`Matrix data has ${data.length} u32 words, ${width}×${height} needs ${length}`);
    }
    this.data = data ?? new Uint32Array(length);
  }

  /** A zeroed matrix whose storage is a SharedArrayBuffer, so worker threads can fill it in place. */
  static shared(width: number, height: number): Matrix {
    return new Matrix(width, height, new Uint32Array(new SharedArrayBuffer(8 * width * height)));
  }

  /** Column j as a view (2·height u32 words); writes go to the matrix. */
  column(j: number): Uint32Array {
    return this.data.subarray(2 * j * this.height, 2 * (j + 1) * this.height);
  }

  /** Writes a value below 2^32 (the common case for witness cells): no BigInt. */
  setU32(row: number, col: number, value: number): void {
    const i = 2 * (col * this.height + row);
    this.data[i] = value;
    this.data[i + 1] = 0;
  }

  /** Writes a canonical element given as its two halves. */
  setHalves(row: number, col: number, lo: number, hi: number): void {
    const i = 2 * (col * this.height + row);
    this.data[i] = lo;
    this.data[i + 1] = hi;
  }

  /** Reads one element as a BigInt: for tests, debugging and API edges, not for hot loops. */
  get(row: number, col: number): bigint {
    const i = 2 * (col * this.height + row);
    return (BigInt(this.data[i + 1]!) << 32n) | BigInt(this.data[i]!);
  }

  /** Writes one canonical element given as a BigInt (0 ≤ value < p): not for hot loops. */
  set(row: number, col: number, value: bigint): void {
    const i = 2 * (col * this.height + row);
    this.data[i] = Number(value & 0xffffffffn);
    this.data[i + 1] = Number(value >> 32n);
  }
}

/**
 * Every WebAssembly kernel of build/wasm/, embedded in the bundle (esbuild `binary` loader), by
 * the name src/wasm/load.ts asks for. The verifier needs only some of them (Poseidon2, the field
 * and NTT kernels); all are listed so that a kernel a later verifier path starts to use is already
 * there — src/browser/bundle.test.ts checks that this list matches build/wasm/.
 * This module only works through the bundler (Node cannot import .wasm files this way).
 */
import constraints from '../../build/wasm/constraints.wasm';
import deep from '../../build/wasm/deep.wasm';
import field from '../../build/wasm/field.wasm';
import ntt from '../../build/wasm/ntt.wasm';
import poseidon2 from '../../build/wasm/poseidon2.wasm';

export const KERNELS: Readonly<Record<string, Uint8Array<ArrayBuffer>>> = { constraints, deep, field, ntt, poseidon2 };

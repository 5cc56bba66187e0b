/**
 * Loads the WebAssembly kernels compiled from `src/wasm/assembly/<name>.ts` by `npm run build`
 * (scripts/build-wasm.mjs writes them to `build/wasm/<name>.wasm`).
 *
 * In Node.js the bytes are read from disk next to the package; a browser bundle registers them
 * beforehand with `registerWasmBytes` (no Node API is touched then). Every caller gets its own
 * instance and linear memory: kernels are pure functions over the memory they are given, so one
 * instance per module per thread is the intended use.
 */
const registered = new Map<string, Uint8Array<ArrayBuffer>>();
const compiled = new Map<string, WebAssembly.Module>();

/** Makes `name` loadable without a file system (browser bundles call this at start-up). */
export function registerWasmBytes(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  registered.set(name, bytes);
  compiled.delete(name);
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function readBytes(name: string): Uint8Array<ArrayBuffer> {
  const fromRegistry = registered.get(name);
  if (fromRegistry) return fromRegistry;
  if (!isNode()) {
    throw new Error(`WebAssembly kernel '${name}' was not registered (call registerWasmBytes first)`);
  }
  // Resolved relative to this module so that it works from src/ (tests, through tsx) and dist/.
  const url = new URL(`../../build/wasm/${name}.wasm`, import.meta.url);
  // Loaded lazily so that a browser bundle never references node:fs.
  const fs = nodeFs();
  if (!fs.existsSync(url)) {
    throw new Error(`WebAssembly kernel '${name}' is not built (${url.pathname}); run \`npm run build\``);
  }
  const bytes = fs.readFileSync(url);
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

let fsModule: typeof import('node:fs') | undefined;
function nodeFs(): typeof import('node:fs') {
  if (!fsModule) {
    // process.getBuiltinModule arrived in Node 20.16; createRequire works on every Node 20.
    const req = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      ?.getBuiltinModule;
    fsModule = (req ? req('node:fs') : undefined) as typeof import('node:fs') | undefined;
    if (!fsModule) throw new Error('node:fs is not available in this Node.js version (need ≥ 20.16)');
  }
  return fsModule;
}

/** The compiled module, cached per thread. */
export function wasmModule(name: string): WebAssembly.Module {
  let m = compiled.get(name);
  if (!m) {
    m = new WebAssembly.Module(readBytes(name));
    compiled.set(name, m);
  }
  return m;
}

/** A fresh instance of kernel module `name` with its own memory. */
export function instantiateKernel<T extends WebAssembly.Exports>(name: string): T & { memory: WebAssembly.Memory } {
  const instance = new WebAssembly.Instance(wasmModule(name), {
    env: {
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`WebAssembly kernel '${name}' aborted at ${line}:${column}`);
      },
    },
  });
  return instance.exports as T & { memory: WebAssembly.Memory };
}

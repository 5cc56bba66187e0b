// The WebAssembly kernels are embedded in the browser bundle by esbuild's `binary` loader
// (scripts/build-browser.mjs): importing a .wasm file gives its bytes.
declare module '*.wasm' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}

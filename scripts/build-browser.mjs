// Bundles the browser verifier (src/browser/) into build/browser/:
//   verifier.js  the verifier as an ES module (`verify(proof, { elf, security })`), WebAssembly
//                kernels embedded — usable from any page or worker
//   worker.js    the Web Worker the page verifies in (imports ./verifier.js)
//   page.js, index.html, style.css   the page that `zisk-ts serve-verifier` serves
// Platform 'browser': a Node built-in anywhere in the import graph fails the build, naming the
// module that imports it. Needs build/wasm/ (scripts/build-wasm.mjs) first.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src', 'browser');
export const browserOutDir = join(root, 'build', 'browser');

const builtins = new Set(builtinModules);

/** Refuses Node built-ins (`node:fs`, `fs`, …) with the importer's name. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!args.path.startsWith('node:') && !builtins.has(args.path)) return undefined;
      return { errors: [{ text: `the browser bundle must not import the Node built-in '${args.path}' (imported by ${args.importer.slice(root.length)})` }] };
    });
  },
};

/** worker.js loads the verifier from ./verifier.js at run time rather than holding a second copy. */
const verifierExternal = {
  name: 'verifier-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/verifier\.js$/ }, (args) =>
      args.importer.endsWith(join('browser', 'worker.ts')) ? { path: './verifier.js', external: true } : undefined,
    );
  },
};

export async function buildBrowser() {
  rmSync(browserOutDir, { recursive: true, force: true });
  mkdirSync(browserOutDir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      verifier: join(srcDir, 'verifier.ts'),
      worker: join(srcDir, 'worker.ts'),
      page: join(srcDir, 'page.ts'),
    },
    outdir: browserOutDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    loader: { '.wasm': 'binary' },
    plugins: [noNodeBuiltins, verifierExternal],
    logLevel: 'silent',
  }).catch((e) => {
    // esbuild's failure carries the messages; print them as esbuild would, then fail.
    for (const m of e.errors ?? []) console.error(`browser bundle: ${m.text}${m.location ? ` (${m.location.file}:${m.location.line})` : ''}`);
    throw new Error('the browser bundle failed to build');
  });
  for (const w of result.warnings) console.error(`browser bundle warning: ${w.text}`);
  copyFileSync(join(srcDir, 'index.html'), join(browserOutDir, 'index.html'));
  copyFileSync(join(srcDir, 'style.css'), join(browserOutDir, 'style.css'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await buildBrowser();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

/**
 * `zisk-ts serve-verifier`: serves the browser verifier (build/browser/, made by `npm run build`)
 * over HTTP, on loopback unless told otherwise. A static file server with a fixed set of files:
 * GET and HEAD only, no directory listing, nothing outside build/browser/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseArgs } from '../args.js';

/** build/browser/ of this package, from src/cli/commands (tsx) and dist/cli/commands alike. */
export const VERIFIER_ROOT = fileURLToPath(new URL('../../../build/browser/', import.meta.url));

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// The page loads and connects only to its own files. 'wasm-unsafe-eval' lets it compile the
// embedded kernels; 'unsafe-eval' is for the opcode table (src/zisk/ops.ts), which builds each op's
// function with `new Function` when the transpiler loads.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export interface VerifierServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** The file under `root` that `pathname` names, or undefined (outside root, missing, a directory). */
function fileFor(root: string, rawPath: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const candidate = resolve(root, '.' + pathname);
  if (!candidate.startsWith(root + sep)) return undefined;
  try {
    // A symbolic link must not lead out of root either.
    const real = realpathSync(candidate);
    if (!real.startsWith(realpathSync(root) + sep) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  const path = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
  if (!path.startsWith('/')) return send(400, 'bad request\n');
  const file = fileFor(root, path);
  if (!file) return send(404, 'not found\n');
  const size = statSync(file).size;
  res.writeHead(200, {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Starts serving `root` (default build/browser/); port 0 picks a free port. */
export async function startVerifierServer(options: { port?: number; host?: string; root?: string } = {}): Promise<VerifierServer> {
  const root = resolve(options.root ?? VERIFIER_ROOT);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`the browser verifier is not built (${join(root, 'index.html')} is missing); run \`npm run build\``);
  }
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => handle(root, req, res));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

const help = `usage: zisk-ts serve-verifier [--port N] [--host ADDRESS]

Serves the browser verifier: a page where you drop a proof (and optionally the program's ELF) and
read the verdict, the outputs and the program id. The proof is checked in the browser by the same
verifier code as \`zisk-ts verify\`; no file leaves the browser. Prints the URL; Ctrl-C stops it.

  --port N          the port (default 8080; 0 picks a free one)
  --host ADDRESS    the address to listen on (default 127.0.0.1, this machine only)

The page is built by \`npm run build\` (npm ci runs it) into build/browser/.`;

export const serveVerifier: Command = {
  name: 'serve-verifier',
  summary: 'serve the browser verifier page on http://127.0.0.1',
  help,
  async run(argv) {
    const a = parseArgs(argv, [
      { names: ['--port'], kind: 'string' },
      { names: ['--host'], kind: 'string' },
    ]);
    const portText = a.strings.get('--port') ?? '8080';
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got '${portText}'`);
    const host = a.strings.get('--host') ?? '127.0.0.1';
    const s = await startVerifierServer({ port, host });
    console.log(`zisk-ts verifier: ${s.url}`);
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      console.error(`note: listening on ${host}, reachable from other machines`);
    }
    await new Promise<void>((ok) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        ok();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await s.close();
    console.error('stopped');
    return 0;
  },
};

// Serves the built site (site/dist/, from `npm run site`) on 127.0.0.1 (`npm run site:serve`):
// with the cross-origin isolation headers by default, so that the engine's workers share one
// memory, or without them (`--no-isolation`), as a plain static host serves the same files.
//
//   node tools/site-serve.mjs [--port 8080] [--no-isolation] [--dir site/dist]
//
// serveSite() is also what test/site.test.mjs and bench/site-gmm.mjs serve the site with.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2',
};

/** The headers that make a page cross-origin isolated (SharedArrayBuffer, shared-memory workers). */
export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/**
 * Serves the folder `dir` on `host`:`port` (0: a free port); resolves to { url, requests, close }.
 * `requests` maps each path asked for to { count, status } (the last status).
 */
export function serveSite(dir, { isolated = true, port = 0, host = '127.0.0.1' } = {}) {
  const requests = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const entry = requests.get(path) ?? { count: 0, status: 0 };
    entry.count++;
    requests.set(path, entry);
    const headers = isolated ? { ...ISOLATION_HEADERS } : {};
    let file = join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      if (relative(dir, file).startsWith('..')) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      entry.status = 200;
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      entry.status = 404;
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolvePromise({
        url: `http://${host}:${server.address().port}`,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (at < 0) return fallback;
    return args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  };
  const dir = resolve(value('dir', join(root, 'site', 'dist')));
  const port = Number(value('port', '8080'));
  const isolated = !args.includes('--no-isolation');
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`${dir} has no index.html: build the site first (npm run site)`);
    process.exit(1);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, received ${value('port')}`);
    process.exit(2);
  }
  const { url } = await serveSite(dir, { isolated, port });
  console.log(`Serving ${relative(process.cwd(), dir) || '.'} at ${url}/ ${isolated ? 'with the cross-origin isolation headers (COOP/COEP): workers share one memory' : 'without COOP/COEP (--no-isolation): workers each get a copy of their inputs, as on a plain static host'}`);
  console.log('Ctrl-C to stop.');
}

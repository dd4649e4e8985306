// A static server for the fixture apps on 127.0.0.1, with or without the cross-origin
// isolation headers (COOP same-origin + COEP require-corp). It counts requests and bytes per
// path and answers 404 for what is missing, so a test can see which files a page fetched.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json', '.txt': 'text/plain',
};

/**
 * Serves `root`; resolves to { url, requests, close }. `requests` maps each path asked for to
 * { count, status, bytes } (the last status, bytes summed over the answers).
 */
export function serve(root, { isolated }) {
  const requests = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const entry = requests.get(path) ?? { count: 0, status: 0, bytes: 0 };
    entry.count++;
    requests.set(path, entry);
    const headers = {};
    if (isolated) Object.assign(headers, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
    let file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      headers['content-type'] = TYPES[extname(file)] ?? 'application/octet-stream';
      headers['cache-control'] = 'no-store';
      entry.status = 200;
      entry.bytes += body.length;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      entry.status = 404;
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      requests,
      close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
    });
  }));
}

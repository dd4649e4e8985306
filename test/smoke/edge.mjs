// Runs the smoke checks inside workerd (Cloudflare's edge runtime, from npm): lays out the
// worker's modules in a temporary folder, starts workerd on a free port, fetches the result.
import { spawn } from 'node:child_process';
import { mkdtempSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves to the smoke result object produced inside workerd. */
export async function runEdgeSmoke() {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-edge-'));
  const port = await freePort();
  copyFileSync(join(here, 'edge-worker.mjs'), join(dir, 'worker.js'));
  copyFileSync(join(here, 'checks.mjs'), join(dir, 'checks.mjs'));
  copyFileSync(join(root, 'build/browser/lazykernel.js'), join(dir, 'lazykernel.js'));
  copyFileSync(join(root, 'build/lazykernel.wasm'), join(dir, 'lazykernel.wasm'));
  writeFileSync(join(dir, 'config.capnp'), `
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .smokeWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const smokeWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "lazykernel.js", esModule = embed "lazykernel.js"),
    (name = "checks.mjs", esModule = embed "checks.mjs"),
    (name = "lazykernel.wasm", wasm = embed "lazykernel.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
`);
  const child = spawn(join(root, 'node_modules/.bin/workerd'), ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        return JSON.parse(await res.text());
      } catch {
        if (child.exitCode !== null) throw new Error(`workerd exited: ${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`workerd did not answer: ${log}`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runEdgeSmoke()));

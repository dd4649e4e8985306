// A throwaway cluster for tests: a redis-server on a free port of 127.0.0.1 (nothing saved to
// disk), and lazykernel workers started through the package's bin. Everything started here is
// stopped by stop(), also when a test failed; stray processes die with the test process.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORKER_BIN = join(root, 'build', 'src', 'distributed', 'worker-cli.js');

/** Why a cluster cannot be started here (redis-server missing), or null. */
export function redisUnavailable() {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error ? `redis-server is not installed (${probe.error.code}); apt-get install redis-server to run these tests` : null;
}

/** A free TCP port on 127.0.0.1 (free when asked: the caller binds it right after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `child` prints a line matching `pattern` on stdout; rejects if it exits first or after `ms`. */
function waitForLine(child, pattern, ms, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms} ms: ${seen.slice(-500)}`)), ms);
    const onData = (chunk) => {
      seen += chunk;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c) => { seen += c; });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready: ${seen.slice(-500)}`));
    });
  });
}

const started = new Set();
const killAll = () => { for (const child of started) child.kill('SIGKILL'); };
process.once('exit', killAll);
// A test run stopped by a signal (a timeout) takes its servers with it, then dies of the signal.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

function track(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Starts redis-server on a free port of 127.0.0.1; resolves to { url, port, process }. */
export async function startRedis() {
  const port = await freePort();
  const child = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  await waitForLine(child, /Ready to accept connections/, 10000, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, port, process: child };
}

/** Starts one worker (the package's bin) serving `url`; resolves to its ChildProcess once it is ready. */
export async function startWorker(url, { threads = 1, lockMs = 2000 } = {}) {
  const child = track(spawn(process.execPath, [WORKER_BIN, '--redis', url, '--threads', String(threads), '--lock-ms', String(lockMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LAZYKERNEL_WARM_UP: '0' },
  }));
  // The shards it reports, by job id: { started: [...], done: [...] }.
  child.shards = { started: [], done: [] };
  let pending = '';
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const m = /shard (\S+) rows \[\d+, \d+\) (started|done)/.exec(line);
      if (m) child.shards[m[2]].push(m[1]);
    }
  });
  await waitForLine(child, /lazykernel-worker ready/, 20000, 'lazykernel-worker');
  return child;
}

/** Stops a child process and waits for it to exit (SIGKILL after `ms`). */
export function stopProcess(child, signal = 'SIGTERM', ms = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Stops every process this helper started (workers first, then Redis). */
export async function stopAll() {
  const children = [...started];
  await Promise.all(children.filter((c) => !c.spawnargs.includes('--bind')).map((c) => stopProcess(c)));
  await Promise.all(children.filter((c) => c.spawnargs.includes('--bind')).map((c) => stopProcess(c)));
}

// configure({ assetBase }): where the engine's files come from, and what happens when they are
// not there: a typed error naming the URL and the fix, within seconds and a few tries, never a
// hang or a loop of requests; where the wasm loads but the worker does not, the calling thread
// takes over. (test/apps.test.mjs checks the same in Chromium, with an HTTP server counting requests.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tensor, Vi, Vj, configure, engineInfo, shutdown, BackendError, ValueError } from '../build/src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function gaussianSum(n) {
  const X = tensor(new Float32Array(n * 3).map((_, k) => Math.sin(k)), [n, 3]);
  return Vi(X).sqdist(Vj(X)).neg().exp().sum(1);
}

async function timed(promise) {
  const t0 = performance.now();
  try {
    return { value: await promise, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

// Leave the engine as the test run's environment asked for it (the suite's files share a process).
test.after(async () => {
  configure({ assetBase: null, warmUp: true, threads: Number(process.env.LAZYKERNEL_THREADS) || 2, poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6) });
  await shutdown();
});

test('assetBase must be a URL, a URL string or null', () => {
  for (const bad of [42, '', {}, true]) assert.throws(() => configure({ assetBase: bad }), (e) => e instanceof ValueError && /assetBase/.test(e.message));
  assert.throws(() => configure({ assetBase: 'http://[::1' }), (e) => e instanceof ValueError && /not one/.test(e.message));
});

test('a folder without the wasm file: a BackendError naming the URL and assetBase, at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-assets-empty-'));
  try {
    configure({ assetBase: pathToFileURL(dir).href, threads: 1 });
    const r = await timed(gaussianSum(10));
    assert.ok(r.error instanceof BackendError, String(r.error));
    assert.ok(r.error.message.includes(pathToFileURL(join(dir, 'lazykernel.wasm')).href), r.error.message);
    assert.match(r.error.message, /assetBase/);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder with the wasm but no worker: a BackendError within 5 s after at most 3 tries, then the calling thread takes over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-assets-noworker-'));
  try {
    for (const f of ['lazykernel.wasm', 'lazykernel-threads.wasm']) copyFileSync(join(root, 'build', f), join(dir, f));
    configure({ assetBase: pathToFileURL(dir).href, threads: 2, poolThreshold: 0, warmUp: false });
    const r = await timed(gaussianSum(500));
    assert.ok(r.error instanceof BackendError, String(r.error));
    assert.ok(r.error.message.includes('lazykernel-worker.js'), r.error.message);
    assert.match(r.error.message, /assetBase/);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
    const info = await engineInfo();
    assert.is(info.mode, 'calling-thread');
    assert.is(info.threads, 1);
    const tries = info.reasons.filter((line) => /failed to start/.test(line));
    assert.ok(tries.length >= 1 && tries.length <= 3, info.reasons.join('\n'));
    assert.ok(info.reasons.some((line) => /gave up after 3 tries/.test(line)), info.reasons.join('\n'));
    // The calling thread now runs the reductions, right.
    const again = await gaussianSum(500);
    configure({ assetBase: null, threads: 1, warmUp: true });
    const reference = await gaussianSum(500);
    for (let k = 0; k < 500; k += 37) assert.ok(Math.abs(again.data[k] - reference.data[k]) <= 1e-4 * reference.data[k]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('assetBase null goes back to the package files, workers included', async () => {
  configure({ assetBase: null, threads: 2, poolThreshold: 0 });
  const info = await engineInfo();
  assert.is(info.mode, 'workers');
  assert.is(info.threads, 2);
  const s = await gaussianSum(300);
  assert.is(s.shape[0], 300);
});

test.run();

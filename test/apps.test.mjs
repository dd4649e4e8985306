// Fixture web apps built by real bundlers (issue 16): the app in test/apps/app imports from
// 'lazykernel' as an installed package; esbuild, Vite, webpack and Rollup build it with their
// default production settings, and a CDN-style page imports the shipped browser bundle
// directly (test/apps/build.mjs). Each runs in headless Chromium with and without cross-origin
// isolation: results against plain JS, typed errors whose names survive minification, abort
// from a timer, threads, and how responsive the page stays during a 2 s reduction. With
// ?assetBase=/missing/ the engine's files are missing: a BackendError, soon, and few retries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixturesInProcesses, sizeTable, FIXTURES } from './apps/build.mjs';
import { serve } from './apps/server.mjs';

const CHROMIUM = '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 30000;
/** Fixtures that also run the missing-asset page (every one: each page takes a second or two). */
const MISSING_ASSET_FIXTURES = FIXTURES;

let outDir, fixtures, browser;
const started = Date.now();
const summary = [];

test.before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'lazykernel-apps-out-'));
  const [built, pw] = await Promise.all([buildFixturesInProcesses({ outDir }), import('playwright-core')]);
  fixtures = Object.fromEntries(built.fixtures.map((f) => [f.name, f]));
  console.log(`\nfixture builds (${((Date.now() - started) / 1000).toFixed(1)} s, in parallel):\n${sizeTable(built.fixtures)}`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  browser = await pw.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

test.after(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  console.log(`\nfixture pages:\n${summary.join('\n')}`);
  console.log(`\napps.test.mjs: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

function built(name) {
  const f = fixtures[name];
  assert.ok(f.ok, `${name} build failed:\n${f.error}`);
  return f;
}

/** Opens the fixture's page with `search`; resolves to { result, errors, console, requests, ms }. */
async function openPage(name, { isolated, search = '' }) {
  const f = built(name);
  const server = await serve(f.dir, { isolated });
  const context = await browser.newContext();
  const t0 = Date.now();
  try {
    const page = await context.newPage();
    const errors = [], consoleErrors = [];
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(`${server.url}/index.html${search}`);
    // Wait for appResult; a page error that stops the app (a module that fails to load) ends the wait early.
    let result, firstErrorAt = null;
    while (Date.now() - t0 < PAGE_TIMEOUT_MS) {
      result = await page.evaluate(() => window.appResult);
      if (result !== undefined) break;
      if (errors.length && firstErrorAt === null) firstErrorAt = Date.now();
      if (firstErrorAt !== null && Date.now() - firstErrorAt > 3000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const state = await page.evaluate(() => document.body?.dataset.state);
    const progress = result === undefined ? await page.evaluate(() => window.appProgress) : undefined;
    return { result, progress, state, errors, consoleErrors, requests: Object.fromEntries(server.requests), ms: Date.now() - t0 };
  } finally {
    await context.close();
    await server.close();
  }
}

const show = (x) => JSON.stringify(x, null, 1).slice(0, 6000);

/** One summary line per page: threads, ticks, abort, bytes loaded. */
function pageLine(name, mode, page) {
  const s = page.result?.steps ?? page.progress?.steps ?? {};
  const info = s.engineInfo, r = s.responsiveness;
  return `${name.padEnd(8)} ${mode.padEnd(12)} threads ${info?.threads} ${info?.mode} memory ${info?.memory}` +
    ` | ticks ${r?.ticks}/${r?.expected} (${fmt(r?.ratio)}) over ${r?.durationMs} ms` +
    ` | abort ${s.abort?.name} after ${s.abort?.latencyMs} ms | loaded ${kib(loadedBytes(page.requests))} | ${page.ms} ms` +
    (info?.reasons?.length ? `\n${' '.repeat(22)}reasons: ${info.reasons.join('; ')}` : '');
}

/** The app's checks on a page that should work: results, typed errors, abort, threads, ticks. */
function assertAppWorks(page, { isolated }) {
  const { result } = page;
  const context = show({ ...page, requests: undefined, notFound: notFound(page.requests) });
  assert.ok(result, `no window.appResult within ${PAGE_TIMEOUT_MS} ms: ${context}`);
  assert.equal(page.errors, [], `page errors: ${context}`);
  assert.equal(result.errors, [], `failed steps: ${context}`);
  assert.is(page.state, 'done', context);
  assert.equal(notFound(page.requests), [], `the page asked for missing files: ${context}`);

  const s = result.steps;
  const info = s.engineInfo;
  assert.is(info.crossOriginIsolated, isolated, context);
  assert.ok(s.gaussianSum.maxRelError < 1e-4, `Gaussian sum: ${context}`);
  assert.is(s.argKmin.mismatches, 0, `argKmin: ${context}`);
  assert.ok(s.gradient.relError < 1e-4, `gradient: ${context}`);
  assert.is(s.shapeError.name, 'ShapeError', `ShapeError's name: ${context}`);
  assert.ok(s.shapeError.instanceofShapeError && s.shapeError.instanceofLazyKernelError, `instanceof ShapeError: ${context}`);
  assert.is(s.abort.name, 'AbortError', `abort from a timer (${s.abort.message}; timer ticks during the 2 s reduction: ${s.responsiveness?.ticks}/${s.responsiveness?.expected}, on ${info.threads} thread(s)): ${context}`);
  assert.ok(s.abort.instanceofAbortError, `instanceof AbortError: ${context}`);
  assert.ok(s.abort.latencyMs < 1000, `abort took ${s.abort.latencyMs} ms: ${context}`);

  // Workers with shared memory need isolation; a pool with separate memories (engineInfo().memory,
  // once it exists) works without it.
  if (isolated || info.memory !== null) assert.ok(info.threads > 1, `threads: ${context}`);
  if (info.threads > 1) {
    assert.ok(s.responsiveness.ratio >= 0.9, `the page missed timer ticks during a reduction on ${info.threads} threads: ${context}`);
  }
}

/** A page whose assetBase lacks some engine file: a BackendError within 5 s, each missing file asked for at most 10 times. */
function assertMissingAssets(page, prefix) {
  const context = show(page);
  const result = page.result ?? page.progress;
  assert.ok(page.result, `no window.appResult within ${PAGE_TIMEOUT_MS} ms: ${context}`);
  const m = result.steps.assetBase;
  const missing = Object.entries(page.requests).filter(([p, r]) => p.startsWith(prefix) && r.status === 404);
  assert.equal(page.errors, [], `page errors: ${context}`);
  for (const [p, r] of missing) assert.ok(r.count <= 10, `${p} asked ${r.count} times: ${context}`);
  assert.ok(missing.length > 0, `the page never asked ${prefix} for the engine's missing files: ${context}`);
  assert.is(m.name, 'BackendError', context);
  assert.ok(m.instanceofBackendError && m.instanceofLazyKernelError, context);
  assert.ok(m.ms < 5000, `took ${m.ms} ms: ${context}`);
}

function assetLine(name, mode, page, prefix) {
  const m = (page.result ?? page.progress)?.steps?.assetBase;
  const asked = Object.entries(page.requests).filter(([p]) => p.startsWith(prefix));
  return `${name.padEnd(8)} ${mode.padEnd(12)} assetBase ${prefix}: ${m?.started ? `started (${m.threads} threads)` : `${m?.name} after ${m?.ms} ms`}` +
    `; asked for ${asked.map(([p, r]) => `${p.slice(prefix.length)} x${r.count} (${r.status})`).join(', ') || 'nothing'}` +
    (page.result ? '' : `; no appResult, hung in ${page.progress?.current}`);
}

for (const name of FIXTURES) {
  test(`${name}: the fixture builds`, () => {
    built(name);
  });

  for (const isolated of [true, false]) {
    const mode = isolated ? 'isolated' : 'not isolated';
    test(`${name}, ${mode}: results, typed errors, abort, threads, responsiveness`, async () => {
      const page = await openPage(name, { isolated });
      summary.push(pageLine(name, mode, page));
      assertAppWorks(page, { isolated });
    });
  }
}

for (const name of MISSING_ASSET_FIXTURES) {
  for (const isolated of [false, true]) {
    const mode = isolated ? 'isolated' : 'not isolated';
    test(`${name}, ${mode}: ?assetBase=/missing/ gives a BackendError within 5 s, with few retries`, async () => {
      const page = await openPage(name, { isolated, search: '?assetBase=/missing/' });
      summary.push(assetLine(name, mode, page, '/missing/'));
      assertMissingAssets(page, '/missing/');
    });
  }
}

// configure({ assetBase }) at the package's own folder of engine files, as a CDN serves it.
for (const isolated of [true, false]) {
  const mode = isolated ? 'isolated' : 'not isolated';
  test(`cdn, ${mode}: ?assetBase= the shipped folder of engine files works and is what the page loads`, async () => {
    const folder = built('cdn').assetFolder;
    assert.ok(folder, 'the package ships no lazykernel-worker.js');
    const page = await openPage('cdn', { isolated, search: `?assetBase=./${folder}` });
    summary.push(assetLine('cdn', mode, page, `/${folder}`));
    assertAppWorks(page, { isolated });
    assert.ok(page.result.steps.assetBase.started, show(page.result.steps.assetBase));
    const wasm = isolated ? 'lazykernel-threads.wasm' : 'lazykernel.wasm';
    assert.ok(page.requests[`/${folder}${wasm}`]?.count >= 1, `${wasm} was not read from the assetBase folder: ${show(page.requests)}`);
    if (page.result.steps.engineInfo.threads > 1) assert.ok(page.requests[`/${folder}lazykernel-worker.js`]?.count >= 1, `the worker was not read from the assetBase folder: ${show(page.requests)}`);
  });
}

// A worker that cannot load (its file is missing, the wasm files are there): the engine must
// say so with a BackendError, or work without the workers; never hang or retry without end.
test('cdn, isolated: ?assetBase= a folder without the worker fails soon or works without it, with few retries', async () => {
  const page = await openPage('cdn', { isolated: true, search: '?assetBase=./no-worker/' });
  summary.push(assetLine('cdn', 'isolated', page, '/no-worker/'));
  const worker = page.requests['/no-worker/lazykernel-worker.js'];
  assert.ok(!worker || worker.count <= 10, `the worker was asked for ${worker?.count} times: ${show({ ...page, requests: undefined })}`);
  const m = page.result?.steps?.assetBase;
  if (m && !m.started) {
    assertMissingAssets(page, '/no-worker/');
  } else {
    const context = show({ ...page, requests: { worker } });
    assert.ok(page.result, `no window.appResult within ${PAGE_TIMEOUT_MS} ms (the engine started, then hung in ${page.progress?.current}): ${context}`);
    assert.equal(page.result.errors, [], `failed steps: ${context}`);
    assert.is(page.state, 'done', context);
  }
});

function notFound(requests) {
  return Object.entries(requests).filter(([p, r]) => r.status === 404 && p !== '/favicon.ico').map(([p, r]) => `${p} x${r.count}`);
}

function loadedBytes(requests) {
  return Object.values(requests).reduce((a, r) => a + r.bytes, 0);
}

function kib(b) {
  return `${(b / 1024).toFixed(1)} KiB`;
}

function fmt(x) {
  return typeof x === 'number' ? x.toFixed(2) : String(x);
}

test.run();

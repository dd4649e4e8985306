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

for (const name of FIXTURES) {
  test(`${name}: the fixture builds`, () => {
    built(name);
  });

  for (const isolated of [true, false]) {
    const mode = isolated ? 'isolated' : 'not isolated';
    test(`${name}, ${mode}: results, typed errors, abort, threads, responsiveness`, async () => {
      const page = await openPage(name, { isolated });
      const { result } = page;
      const context = show({ ...page, requests: undefined, notFound: notFound(page.requests) });
      assert.ok(result, `no window.appResult within ${PAGE_TIMEOUT_MS} ms: ${context}`);
      const s = result.steps;
      const info = s.engineInfo;
      const line = `${name.padEnd(8)} ${mode.padEnd(12)} threads ${info?.threads} ${info?.mode} memory ${info?.memory}` +
        ` | ticks ${s.responsiveness?.ticks}/${s.responsiveness?.expected} (${fmt(s.responsiveness?.ratio)}) over ${s.responsiveness?.durationMs} ms` +
        ` | abort ${s.abort?.name} after ${s.abort?.latencyMs} ms | loaded ${kib(loadedBytes(page.requests))} | ${page.ms} ms` +
        (info?.reasons?.length ? `\n${' '.repeat(22)}reasons: ${info.reasons.join('; ')}` : '');
      summary.push(line);
      assert.equal(page.errors, [], `page errors: ${context}`);
      assert.equal(result.errors, [], `failed steps: ${context}`);
      assert.is(page.state, 'done', context);
      assert.equal(notFound(page.requests), [], `the page asked for missing files: ${context}`);

      assert.is(info.crossOriginIsolated, isolated, context);
      assert.ok(s.gaussianSum.maxRelError < 1e-4, `Gaussian sum: ${context}`);
      assert.is(s.argKmin.mismatches, 0, `argKmin: ${context}`);
      assert.ok(s.gradient.relError < 1e-4, `gradient: ${context}`);
      assert.is(s.shapeError.name, 'ShapeError', `ShapeError's name: ${context}`);
      assert.ok(s.shapeError.instanceofShapeError && s.shapeError.instanceofLazyKernelError, `instanceof ShapeError: ${context}`);
      assert.is(s.abort.name, 'AbortError', `abort: ${context}`);
      assert.ok(s.abort.instanceofAbortError, `instanceof AbortError: ${context}`);
      assert.ok(s.abort.latencyMs < 1000, `abort took ${s.abort.latencyMs} ms: ${context}`);

      // Workers with shared memory need isolation; a pool with separate memories (engineInfo().memory)
      // works without it.
      const poolExpected = isolated || info.memory !== null;
      if (poolExpected) assert.ok(info.threads > 1, `threads: ${context}`);
      if (info.threads > 1) {
        assert.ok(s.responsiveness.ratio >= 0.9, `the page missed timer ticks during a reduction on ${info.threads} threads: ${context}`);
      }
    });
  }
}

for (const name of MISSING_ASSET_FIXTURES) {
  for (const isolated of [false, true]) {
    const mode = isolated ? 'isolated' : 'not isolated';
    test(`${name}, ${mode}: ?assetBase=/missing/ gives a BackendError within 5 s, with few retries`, async () => {
      const page = await openPage(name, { isolated, search: '?assetBase=/missing/' });
      const context = show(page);
      assert.ok(page.result, `no window.appResult: ${context}`);
      const m = page.result.steps.missingAssets;
      const missing = Object.entries(page.requests).filter(([p]) => p.startsWith('/missing/'));
      summary.push(`${name.padEnd(8)} ${mode.padEnd(12)} missing assets: ${m?.name} after ${m?.ms} ms; asked for ${missing.map(([p, r]) => `${p.slice(9)} x${r.count}`).join(', ') || 'nothing'}`);
      assert.equal(page.errors, [], `page errors: ${context}`);
      assert.is(m.name, 'BackendError', context);
      assert.ok(m.instanceofBackendError && m.instanceofLazyKernelError, context);
      assert.ok(m.ms < 5000, `took ${m.ms} ms: ${context}`);
      assert.ok(missing.length > 0, `the page never asked /missing/ for the engine's files: ${context}`);
      for (const [p, r] of missing) assert.ok(r.count <= 10, `${p} asked ${r.count} times: ${context}`);
    });
  }
}

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

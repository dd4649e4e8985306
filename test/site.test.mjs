// The site (issue 17) in headless Chromium: tools/site.mjs builds it into a temporary folder,
// tools/site-serve.mjs serves it with the cross-origin isolation headers and without them, and
// every page loads with no console error, uncaught exception or failed request. Each page that
// runs something (site/pages.mjs, `runs: true`) also:
// - runs to document.body.dataset.state 'done' with ?autorun=1&n=small, its charts drawn (every
//   canvas and svg in <main> has pixels of many colours), its engine banner true to the headers;
// - stops: Stop during a run at the default size ends it ('aborted') within 200 ms, measured in
//   the page from the click, and a new run (small) then runs to 'done'.
// Screenshots of every page go to test/output/site/ (ignored by git). Last, the pages'
// TypeScript is type-checked (the build the test makes skips it, as esbuild does not check).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../tools/site.mjs';
import { serveSite } from '../tools/site-serve.mjs';
import { PAGES } from '../site/pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(root, 'test', 'output', 'site');
/** A small run (?n=small) must end within this (engine start included). */
const RUN_TIMEOUT_MS = 60000;
/** Stop must end a run within this, measured in the page from the click. */
const STOP_LIMIT_MS = 200;
const MODES = [{ name: 'isolated', isolated: true }, { name: 'not isolated', isolated: false }];

let out, site, browser;
const servers = {};
const started = Date.now();
const summary = [];

test.before(async () => {
  out = mkdtempSync(join(tmpdir(), 'lazykernel-site-'));
  const [built, pw] = await Promise.all([buildSite({ out, check: false, log: null }), import('playwright-core')]);
  site = built;
  summary.push(`built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${site.pages.join(', ')}`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  browser = await pw.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  for (const mode of MODES) servers[mode.name] = await serveSite(out, { isolated: mode.isolated });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

test.after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
  if (out) rmSync(out, { recursive: true, force: true });
  console.log(`\nsite pages:\n${summary.join('\n')}`);
  console.log(`\nsite.test.mjs: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** Opens `path` in a fresh context; resolves to the page and the problems it reports as they come. */
async function open(mode, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught ${e.name}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(`${servers[mode.name].url}/${path}`, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/**
 * Waits until dataset.state is one of `states` (and, with `runs`, until that many runs have
 * started); stops early a few seconds after a page error. Resolves to the state.
 */
async function waitForState(page, problems, states, timeout, { runs = 0 } = {}) {
  const t0 = Date.now();
  let firstProblem = null;
  for (;;) {
    const [state, started] = await page.evaluate(() => [document.body.dataset.state, window.siteRun?.runs ?? 0]);
    if (states.includes(state) && started >= runs) return state;
    if (problems.length && firstProblem === null) firstProblem = Date.now();
    if (Date.now() - t0 > timeout || (firstProblem !== null && Date.now() - firstProblem > 3000)) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** For each canvas and svg in <main>: its size, the share of pixels unlike its corner's and its distinct colours. */
function measureCharts(page) {
  return page.evaluate(async () => {
    const measure = (canvas) => {
      const { width, height } = canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
      const colours = new Set();
      let varying = 0;
      for (let k = 0; k < data.length; k += 4) {
        colours.add(((data[k] >> 3) << 10) | ((data[k + 1] >> 3) << 5) | (data[k + 2] >> 3));
        if (Math.abs(data[k] - data[0]) + Math.abs(data[k + 1] - data[1]) + Math.abs(data[k + 2] - data[2]) > 24) varying++;
      }
      return { width, height, varying: varying / (width * height), colours: colours.size };
    };
    const charts = [];
    for (const el of document.querySelectorAll('main canvas, main svg')) {
      const id = el.id || el.parentElement?.id || el.tagName;
      if (el instanceof HTMLCanvasElement) {
        charts.push({ id, ...measure(el) });
      } else {
        // An svg chart: drawn onto a canvas to read its pixels.
        const { width, height } = el.getBoundingClientRect();
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(el))}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(width));
        canvas.height = Math.max(1, Math.round(height));
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        charts.push({ id, ...measure(canvas) });
      }
    }
    return charts;
  });
}

const slug = (path) => path.replace(/\.html$/, '').replace(/[^\w-]+/g, '_');
const show = (x) => JSON.stringify(x, null, 1).slice(0, 4000);

// Pages that run nothing: the home page, the documents, the API reference's index.
const STATIC = () => ['index.html', ...site.docs, 'api/index.html', ...site.pages.filter((name) => !PAGES.find((p) => p.name === name)?.runs).map((name) => `pages/${name}.html`)];

test('the site builds every page of site/pages.mjs that has its files, the documents and the API reference', () => {
  for (const name of ['gaussian-mixture', 'spectral-coordinates']) assert.ok(site.pages.includes(name), `${name}: ${show(site.pages)}`);
  for (const doc of ['docs/guide.html', 'docs/architecture.html']) assert.ok(site.docs.includes(doc), show(site.docs));
  assert.ok(existsSync(join(out, 'api', 'index.html')), 'api/index.html');
  assert.ok(Object.keys(site.bytes).some((f) => f.startsWith('pages/chunks/')) || site.pages.length === 1, `no shared chunk: ${show(site.bytes)}`);
});

for (const mode of MODES) {
  test(`${mode.name}: the home page, documents and API reference load cleanly, with the nav bar`, async () => {
    for (const path of STATIC()) {
      const { page, problems, close } = await open(mode, path);
      try {
        await page.waitForTimeout(150); // late console errors, failed lazy requests
        assert.equal(problems, [], `${path}: ${show(problems)}`);
        const nav = await page.evaluate(() => [...document.querySelectorAll('nav.lk-nav a')].map((a) => a.getAttribute('href')));
        assert.ok(nav.length >= 4, `${path}: nav bar links ${show(nav)}`);
        if (mode.isolated) await page.screenshot({ path: join(SCREENSHOTS, `${slug(path)}.png`), fullPage: true });
      } finally {
        await close();
      }
    }
  });
}

for (const name of PAGES.filter((p) => p.runs).map((p) => p.name)) {
  for (const mode of MODES) {
    test(`${name}, ${mode.name}: ?autorun=1&n=small runs to 'done' with its charts drawn and no error`, async () => {
      if (!site.pages.includes(name)) return; // not written yet (site/pages.mjs lists it as coming soon)
      const { page, problems, close } = await open(mode, `pages/${name}.html?autorun=1&n=small`);
      try {
        const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
        const run = await page.evaluate(() => ({ ...window.siteRun, info: window.siteRun?.info && { ...window.siteRun.info, webgpu: window.siteRun.info.webgpu.available }, banner: document.getElementById('engine')?.textContent, isolated: globalThis.crossOriginIsolated }));
        const context = show({ state, problems, run });
        assert.is(state, 'done', context);
        assert.equal(problems, [], context);
        assert.is(run.isolated, mode.isolated, context);
        if (mode.isolated) assert.ok(run.info.memory !== 'separate', `isolated, yet the workers have separate memories: ${context}`);
        else {
          assert.ok(run.info.memory !== 'shared', context);
          assert.match(run.banner, 'Not cross-origin isolated: slower', context);
        }
        const charts = await measureCharts(page);
        assert.ok(charts.length > 0, `no chart: ${context}`);
        for (const c of charts) {
          assert.ok(c.width > 50 && c.height > 50, `chart ${c.id} is ${c.width} x ${c.height}: ${show(charts)}`);
          assert.ok(c.varying > 0.005 && c.colours >= 16, `chart ${c.id} looks empty (${(100 * c.varying).toFixed(2)} % of pixels differ from its corner, ${c.colours} colours): ${show(charts)}`);
        }
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-small-${mode.isolated ? 'isolated' : 'not-isolated'}.png`), fullPage: true });
        summary.push(`${name.padEnd(24)} ${mode.name.padEnd(12)} small run ${(run.elapsedMs / 1000).toFixed(2)} s, ${run.info.threads} threads, ${run.info.memory} memory; charts ${charts.map((c) => `${c.id} ${c.colours} colours`).join(', ')}`);
      } finally {
        await close();
      }
    });

    test(`${name}, ${mode.name}: Stop ends a default-size run within ${STOP_LIMIT_MS} ms, and a new run then works`, async () => {
      if (!site.pages.includes(name)) return;
      const { page, problems, close } = await open(mode, `pages/${name}.html`);
      try {
        assert.is(await waitForState(page, problems, ['ready', 'error'], RUN_TIMEOUT_MS), 'ready', show(problems));
        await page.click('button.start');
        assert.is(await waitForState(page, problems, ['running', 'done', 'error'], 5000), 'running', show(problems));
        await page.waitForTimeout(400); // well into the run
        assert.is(await page.evaluate(() => document.body.dataset.state), 'running', 'the default-size run ended within 400 ms: too short to test Stop');
        await page.click('button.stop');
        const stopped = await waitForState(page, problems, ['aborted', 'done', 'error'], 5000);
        const stopMs = await page.evaluate(() => window.siteRun.stopMs);
        assert.is(stopped, 'aborted', show({ stopped, problems }));
        assert.ok(stopMs < STOP_LIMIT_MS, `Stop took ${stopMs} ms`);
        assert.equal(problems, [], show(problems));

        // A new run, at the small size, after the aborted one.
        await page.$$eval('main input[data-small]', (inputs) => { for (const input of inputs) input.value = input.dataset.small; });
        await page.click('button.start');
        const again = await waitForState(page, problems, ['done', 'error', 'aborted'], RUN_TIMEOUT_MS, { runs: 2 });
        assert.is(again, 'done', show({ again, problems, error: await page.evaluate(() => window.siteRun.error) }));
        assert.equal(problems, [], show(problems));
        summary.push(`${name.padEnd(24)} ${mode.name.padEnd(12)} Stop ended the run in ${stopMs.toFixed(1)} ms; the next run: ${again}`);
      } finally {
        await close();
      }
    });
  }
}

test("the pages' TypeScript type-checks against the library's sources (tsc -p site/tsconfig.json)", async () => {
  const t0 = Date.now();
  try {
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'site', 'tsconfig.json')], { cwd: root });
  } catch (e) {
    assert.unreachable(`tsc -p site/tsconfig.json:\n${e.stdout}${e.stderr}`);
  }
  summary.push(`type-check ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

test.run();

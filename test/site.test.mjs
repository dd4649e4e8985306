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
  page.on('requestfailed', (r) => {
    // A short address at the top (playground.html) forwards to pages/ while it loads: the
    // browser may report its own document's request as aborted by that navigation.
    const forwarded = r.isNavigationRequest() && r.failure()?.errorText === 'net::ERR_ABORTED' && !new URL(r.url()).pathname.includes('/pages/');
    if (!forwarded) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
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
  for (const name of ['gaussian-mixture', 'spectral-coordinates', 'wasserstein-barycenters', 'playground']) assert.ok(site.pages.includes(name), `${name}: ${show(site.pages)}`);
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
      if (!site.pages.includes(name)) { // not written yet (site/pages.mjs lists it as coming soon)
        summary.push(`${name.padEnd(24)} ${mode.name.padEnd(12)} not built (no site/pages/${name}.html yet): skipped`);
        return;
      }
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

// The backend switch's WebGPU side, in a Chromium that has an adapter (SwiftShader, on the CPU):
// each tutorial page and the playground run at their small size with ?backend=webgpu to 'done',
// and their reductions ran on WebGPU (its device's counter), not silently on wasm. The spectral
// page's small run (about 200 kernel matvecs of 10^6-10^7 pairs, eigsh and k-means) takes one
// to two minutes on SwiftShader: it is stopped once this many of its reductions have run on
// WebGPU (eigsh and cg on a WebGPU operator run to the end in test/gpu.test.mjs).
const WEBGPU_STOP_AFTER = { 'spectral-coordinates': 20 };
test('with a WebGPU adapter (Chromium on SwiftShader), every page that runs something runs its small size on WebGPU', async () => {
  const pw = await import('playwright-core');
  const gpuBrowser = await pw.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'],
  });
  try {
    for (const name of PAGES.filter((p) => p.runs && site.pages.includes(p.name)).map((p) => p.name)) {
      const context = await gpuBrowser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`uncaught ${e.name}: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
      try {
        const started = Date.now();
        await page.goto(`${servers.isolated.url}/pages/${name}.html?autorun=1&n=small&backend=webgpu`, { waitUntil: 'load' });
        const stopAfter = WEBGPU_STOP_AFTER[name];
        if (stopAfter) {
          await page.waitForFunction((n) => window.siteRun?.gpuReductions >= n || ['done', 'error'].includes(document.body.dataset.state), stopAfter, { timeout: 3 * RUN_TIMEOUT_MS, polling: 100 });
          if (await page.evaluate(() => document.body.dataset.state === 'running')) await page.click('button.stop');
        }
        const state = await waitForState(page, problems, stopAfter ? ['done', 'error', 'aborted'] : ['done', 'error'], 3 * RUN_TIMEOUT_MS);
        const seconds = (Date.now() - started) / 1000;
        const run = await page.evaluate(() => ({
          state: window.siteRun.state, error: window.siteRun.error, gpuReductions: window.siteRun.gpuReductions,
          webgpu: window.siteRun.info?.webgpu, backend: document.getElementById('field-backend')?.value,
          status: document.querySelector('output.status')?.textContent,
        }));
        const context = show({ state, problems, run });
        assert.ok(run.webgpu?.available, `${name}: no WebGPU adapter in this Chromium: ${context}`);
        assert.is(run.backend, 'webgpu', context);
        assert.is(state, stopAfter && state === 'aborted' ? 'aborted' : 'done', context);
        assert.equal(problems, [], context);
        assert.ok(run.gpuReductions >= (stopAfter ?? 1), `${name}: ${run.gpuReductions} reductions ran on WebGPU: ${context}`);
        assert.match(run.status, /(ran|had run) on WebGPU/, context);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-small-webgpu.png`), fullPage: true });
        summary.push(`${name.padEnd(24)} webgpu       small run${state === 'aborted' ? ' (stopped)' : ''}: ${run.gpuReductions} reductions on WebGPU (${run.webgpu.adapter}) in ${seconds.toFixed(1)} s`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await gpuBrowser.close();
  }
});

test('wasserstein-barycenters: the small run\'s three descents reach the tutorial\'s cost 0.0904, their panels drawn, and the home page links the page', async () => {
  const mode = MODES[0];
  const { page, problems, close } = await open(mode, 'pages/wasserstein-barycenters.html?autorun=1&n=small');
  try {
    const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
    const runs = await page.evaluate(() => window.siteRun.outcome?.details?.runs ?? []);
    assert.is(state, 'done', show({ state, problems }));
    assert.equal(runs.map((r) => r.name), ['Eulerian (blur 0.001, scaling 0.9)', 'Lagrangian (blur 0.01, scaling 0.9)', 'Lagrangian (blur 0.01, scaling 0.5, tol 1e-5)']);
    for (const r of runs) {
      assert.ok(r.costs.length === r.evaluations && r.costs.every(Number.isFinite), show(r));
      assert.ok(r.costs[0] > 0.12 && Math.abs(r.costs.at(-1) - 0.0904) < 0.0002, `${r.name}: ${r.costs[0]} -> ${r.costs.at(-1)}`);
    }
    // Each run's row of the tutorial's panels is drawn (the generic test checks their pixels).
    const drawn = await page.evaluate(() => [0, 1, 2].map((k) => document.querySelector(`#panels-${k} canvas`) !== null));
    assert.equal(drawn, [true, true, true]);
  } finally {
    await close();
  }
  const home = await open(mode, 'index.html');
  try {
    assert.ok(await home.page.$('main a.card[href="pages/wasserstein-barycenters.html"]'), 'the home page has a card linking the page');
  } finally {
    await home.close();
  }
});

test("the pages' TypeScript type-checks against the library's sources (tsc -p site/tsconfig.json)", async () => {
  const t0 = Date.now();
  try {
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'site', 'tsconfig.json')], { cwd: root });
  } catch (e) {
    assert.unreachable(`tsc -p site/tsconfig.json:\n${e.stdout}${e.stderr}`);
  }
  summary.push(`type-check ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

// The playground (site/pages/playground.ts): the default formula's result table and plot;
// ?formula= runs the formula given (the contract's example gives a [N, 1] result); a bad formula
// is a parse error shown at its column, dataset.state 'error' and no uncaught exception; "Run on
// every backend" agrees with the oracle; a CSV file becomes x, and a ragged one is refused.
for (const mode of MODES) {
  test(`playground, ${mode.name}: the default formula, ?formula=, a parse error, every backend, a CSV file`, async () => {
    if (!site.pages.includes('playground')) return;
    const result = (page) => page.evaluate(() => ({
      state: document.body.dataset.state,
      error: window.siteRun.error,
      details: window.siteRun.outcome?.details,
      shape: document.getElementById('result-shape')?.textContent,
      rows: [...document.querySelectorAll('#result-table tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
      print: document.getElementById('lazy-print').textContent,
      plots: document.querySelectorAll('#plot canvas').length,
      timings: [...document.querySelectorAll('#timings tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
      parse: document.getElementById('parse').textContent,
      mark: document.querySelector('#parse mark')?.textContent ?? null,
      invalid: document.getElementById('formula').getAttribute('aria-invalid'),
      data: document.getElementById('data-status').textContent,
    }));
    const small = { autorun: '1', n: 'small' };
    const url = (q) => `pages/playground.html?${new URLSearchParams(q)}`;

    // The default formula: its first rows (indices as integers) and its plot.
    let { page, problems, close } = await open(mode, url(small));
    try {
      const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
      const r = await result(page);
      const context = show({ state, problems, r });
      assert.is(state, 'done', context);
      assert.equal(problems, [], context);
      assert.is(r.rows.length, 11, context); // 10 rows and "... more rows"
      assert.equal(r.rows.slice(0, 10).map((row) => row[0]), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], context);
      assert.ok(r.rows.slice(0, 10).every((row) => Number.isFinite(Number(row[1])) && Number(row[1]) > 0), context);
      assert.is(r.plots, 1, context);
      assert.match(r.print, /^KeOps LazyTensor\n\s+formula: .*SqDist/, context);
      assert.is(r.timings.length, 1, context);
      assert.is(r.timings[0][1], 'wasm', context);
    } finally {
      await close();
    }

    // ?formula=: the contract's example over the generated clouds, a result of shape [N, 1];
    // through the short address at the top (playground.html), which forwards the query.
    const formula = 'Vi(x).sqdist(Vj(y)).neg().exp().sum(1)';
    ({ page, problems, close } = await open(mode, url({ formula, ...small }).replace('pages/', '')));
    try {
      await page.waitForURL(/\/pages\/playground\.html\?formula=/);
      const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
      const r = await result(page);
      const N = Number(await page.getAttribute('#field-N', 'data-small'));
      const context = show({ state, problems, N, r });
      assert.is(state, 'done', context);
      assert.equal(problems, [], context);
      assert.is(await page.inputValue('#formula'), formula, context);
      assert.equal(r.details.shape, [N, 1], context);
      assert.is(r.details.expression, formula, context);
      assert.is(r.shape, `[${N}, 1] float32`, context);
      assert.match(r.print, 'formula: Exp(Minus(SqDist(', context);

      // Every backend: wasm (WebGPU where there is one) and the oracle, which wasm agrees with.
      await page.click('button.every');
      assert.is(await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS, { runs: 2 }), 'done', show(problems));
      const every = await result(page);
      const rows = every.timings.filter((row) => row[0] === '2');
      const oracle = rows.find((row) => row[1] === 'oracle');
      const wasm = rows.find((row) => row[1] === 'wasm');
      assert.ok(oracle && wasm, show(every.timings));
      assert.is(oracle.at(-1), 'the reference', show(every.timings));
      const relative = Number(/relative ([-+.e\d]+)/.exec(wasm.at(-1))?.[1]);
      assert.ok(relative < 1e-5, `wasm against the oracle: ${wasm.at(-1)}`);
      assert.equal(problems, [], show(problems));

      // A CSV file becomes x (and y = x); a ragged one is refused with its line.
      const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await page.setInputFiles('#csv-x', csv('ragged.csv', 'a,b\n1,2\n3\n'));
      await page.waitForFunction(() => document.getElementById('data-status').classList.contains('error'));
      assert.match((await result(page)).data, 'ragged.csv, line 3: 1 cell, but line 1 has 2', show(await result(page)));
      await page.setInputFiles('#csv-x', csv('points.csv', 'a,b\n0,0\n1,0\n0,1\n'));
      await page.waitForFunction(() => document.getElementById('data-status').textContent.startsWith('x from points.csv'));
      await page.click('button.start');
      assert.is(await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS, { runs: 3 }), 'done', show(problems));
      const fromCsv = await result(page);
      assert.equal(fromCsv.details.shape, [3, 1], show(fromCsv));
      // Point 0 is at distance 1 of the others: 1 + 2 e^-1.
      assert.ok(Math.abs(Number(fromCsv.rows[0][1]) - (1 + 2 * Math.exp(-1))) < 1e-5, show(fromCsv.rows));
      assert.equal(problems, [], show(problems));
    } finally {
      await close();
    }

    // A bad formula: the parse error at its column, state 'error', no uncaught exception.
    ({ page, problems, close } = await open(mode, url({ formula: 'Vi(x).nosuch()', ...small })));
    try {
      const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
      const r = await result(page);
      const context = show({ state, problems, r });
      assert.is(state, 'error', context);
      assert.match(r.error, /^ValueError: parseExpression: at column 7 /, context);
      assert.match(r.parse, 'ValueError at column 7: unknown method \'nosuch\'', context);
      assert.is(r.mark, 'nosuch', context);
      assert.is(r.invalid, 'true', context);
      assert.is(r.rows.length, 0, context);
      // The run's error is logged (run-page.ts logs each failed run); nothing else is reported.
      assert.equal(problems.filter((p) => !p.startsWith('console error: ValueError: parseExpression')), [], context);
    } finally {
      await close();
    }

    // A KeOps formula string (no Vi( / Vj( / Pm(): read by Genred's parser over x, y, b, the
    // reduction picked (sum over j); a bad one is shown at its column.
    ({ page, problems, close } = await open(mode, url({ formula: 'Exp(-SqDist(x,y)) * b', ...small })));
    try {
      const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
      const r = await result(page);
      const N = Number(await page.getAttribute('#field-N', 'data-small'));
      const context = show({ state, problems, N, r });
      assert.is(state, 'done', context);
      assert.equal(problems, [], context);
      assert.equal(r.details.shape, [N, 1], context);
      assert.match(r.print, 'formula: (Exp(Minus(SqDist(Var(0,', context);
    } finally {
      await close();
    }
    ({ page, problems, close } = await open(mode, url({ formula: 'Exp(-SqDist(x,z)) * b', ...small })));
    try {
      const state = await waitForState(page, problems, ['done', 'error'], RUN_TIMEOUT_MS);
      const r = await result(page);
      const context = show({ state, problems, r });
      assert.is(state, 'error', context);
      assert.match(r.parse, 'ValueError at column 15: unknown name \'z\'', context);
      assert.is(r.mark, 'z', context);
      assert.equal(problems.filter((p) => !p.startsWith('console error: ValueError: Genred')), [], context);
    } finally {
      await close();
    }
    summary.push(`${'playground'.padEnd(24)} ${mode.name.padEnd(12)} ?formula=, a parse error, every backend, a CSV file and a KeOps formula`);
  });
}

test.run();

// The three tutorial pages at their default (the tutorials') sizes in headless Chromium, served
// with COOP/COEP (issue 17: "three tutorial pages run in Chromium to the end at their default
// sizes"). For each page: the run's time (window.siteRun.elapsedMs), the time the original
// Python tutorial reports, the Node example's time on this machine in the same run (a fresh
// `node build/examples/<name>.js --no-plots`, whole process), the page's longest main-thread
// tasks (PerformanceObserver 'longtask', with the progress note shown when each ended: a Stop
// click waits for the task under way), the figures drawn, and the latency of Stop clicked at a
// few points of a default-size run (fresh page each).
//
//   node bench/site-pages.mjs [--pages gaussian-mixture,spectral-coordinates,wasserstein-barycenters]
//                             [--stops 3] [--no-node] [--no-build] [--wait-idle]
//
// It builds the site into site/dist/ first (node tools/site.mjs) unless --no-build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildSite } from '../tools/site.mjs';
import { serveSite } from '../tools/site-serve.mjs';
import { option, flag, positiveNumber, printHeader, waitIdle } from './common.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'site', 'dist');
/** Each tutorial page, its Node example and the seconds its Python original reports (shared/seeds). */
const TUTORIALS = {
  'gaussian-mixture': { example: 'gaussian-mixture.js', python: 3.564 },
  'spectral-coordinates': { example: 'spectral-coordinates.js', python: 55.515 },
  'wasserstein-barycenters': { example: 'wasserstein-barycenters-1d.js', python: 106.159 },
};
const pages = option('pages', Object.keys(TUTORIALS).join(',')).split(',');
for (const name of pages) if (!TUTORIALS[name]) throw new Error(`--pages: unknown page '${name}' (expected some of ${Object.keys(TUTORIALS).join(', ')})`);
const stops = option('stops', '3') === '0' ? 0 : positiveNumber('stops', option('stops', '3'), { integer: true });
const timeoutMs = 900_000;

printHeader('The tutorial pages at their default sizes (headless Chromium, COOP/COEP)');
if (!flag('no-build') || !existsSync(join(dist, 'index.html'))) await buildSite({ out: dist, check: false });

/** Installed before any page script: records every long task and the progress note shown when it ended. */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    const note = document.querySelector('output.status')?.textContent ?? '';
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration, note: note.slice(0, 90) });
  }).observe({ type: 'longtask', buffered: true });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const server = await serveSite(dist, { isolated: true });

/** Opens `name` with ?autorun=1 at its default size; `stopAfterMs` clicks Stop that long after the run starts. */
async function runPage(name, stopAfterMs = null) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(recordLongTasks);
  try {
    await page.goto(`${server.url}/pages/${name}.html?autorun=1`);
    await page.waitForFunction(() => document.body.dataset.state === 'running', null, { timeout: 120_000 });
    if (stopAfterMs !== null) {
      await page.waitForTimeout(stopAfterMs);
      await page.click('button:has-text("Stop")');
    }
    await page.waitForFunction(() => ['done', 'error', 'aborted'].includes(document.body.dataset.state), null, { timeout: timeoutMs });
    return await page.evaluate(() => {
      const images = [...document.querySelectorAll('canvas, svg.marks, img')].filter((el) => el.getBoundingClientRect().width > 50);
      return {
        state: window.siteRun.state, ms: window.siteRun.elapsedMs, stopMs: window.siteRun.stopMs, error: window.siteRun.error,
        mode: window.siteRun.info?.mode, threads: window.siteRun.info?.threads, isolated: globalThis.crossOriginIsolated,
        figures: images.length, longTasks: window.__longTasks,
      };
    }).then((run) => ({ ...run, errors }));
  } finally {
    await page.close();
  }
}

/** The Node example's whole process, in seconds. */
function runNode(example) {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-site-pages-'));
  try {
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, 'build', 'examples', example), '--no-plots'], { cwd: dir, stdio: 'pipe' });
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
try {
  for (const name of pages) {
    const { example, python } = TUTORIALS[name];
    const busy = await waitIdle();
    const run = await runPage(name);
    if (run.state !== 'done' || run.errors.length) throw new Error(`${name} did not finish: ${JSON.stringify({ ...run, longTasks: undefined })}`);
    const longest = [...run.longTasks].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`\n${name}: ${(run.ms / 1000).toFixed(2)} s (${run.mode}, ${run.threads} threads, isolated ${run.isolated}${busy === null ? '' : `, ${busy.toFixed(2)} cores busy before`}), ${run.figures} figures, ${run.longTasks.length} long tasks`);
    for (const t of longest) console.log(`  long task ${t.ms.toFixed(0)} ms at ${(t.start / 1000).toFixed(1)} s: ${t.note}`);
    let node = null;
    if (!flag('no-node')) {
      await waitIdle();
      node = runNode(example);
      console.log(`  node build/examples/${example} --no-plots: ${node.toFixed(2)} s (whole process)`);
    }
    const stopMs = [];
    for (let s = 1; s <= stops; s++) {
      await waitIdle();
      const at = Math.round((run.ms * s) / (stops + 1));
      const stopped = await runPage(name, at);
      if (stopped.errors.length) throw new Error(`${name}, Stop at ${at} ms: ${stopped.errors.join('; ')}`);
      stopMs.push(stopped.state === 'aborted' ? stopped.stopMs : null);
      console.log(`  Stop clicked ${(at / 1000).toFixed(1)} s into a run: ${stopped.state === 'aborted' ? `ended ${stopped.stopMs.toFixed(0)} ms later` : `the run was already ${stopped.state}`}`);
    }
    rows.push({ name, seconds: run.ms / 1000, python, node, figures: run.figures, longest: longest[0]?.ms ?? 0, stopMs });
  }
} finally {
  await browser.close();
  await server.close();
}

console.log('\n| page | page, default size | Node example (whole process) | Python tutorial reports | figures | longest main-thread task | Stop latency |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const stopText = r.stopMs.length ? r.stopMs.map((ms) => (ms === null ? 'done' : `${ms.toFixed(0)} ms`)).join(', ') : '';
  console.log(`| ${r.name} | ${r.seconds.toFixed(2)} s | ${r.node === null ? '' : `${r.node.toFixed(2)} s`} | ${r.python} s | ${r.figures} | ${r.longest.toFixed(0)} ms | ${stopText} |`);
}

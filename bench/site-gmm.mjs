// The Gaussian-mixture page against the Node example, on the same machine in the same run
// (issue 17: the page's 501 steps take at most 1.5x the Node example's). The page
// (site/dist/pages/gaussian-mixture.html, served with COOP/COEP by tools/site-serve.mjs, in
// headless Chromium) runs with ?autorun=1 at the tutorial's size and reports its training
// loop's time, live redraws included (window.siteRun.elapsedMs); the Node example
// (`node build/examples/gaussian-mixture.js --no-plots`) reports its own (out/gaussian-mixture.json,
// trainMs). Rounds alternate page / node (ABBA), each in a fresh page or process.
//
//   node bench/site-gmm.mjs [--rounds 3] [--iterations 501] [--no-build] [--wait-idle]
//
// It builds the site into site/dist/ first (node tools/site.mjs) unless --no-build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildSite } from '../tools/site.mjs';
import { serveSite } from '../tools/site-serve.mjs';
import { option, flag, positiveNumber, printHeader, median, waitIdle } from './common.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = positiveNumber('rounds', option('rounds', '3'), { integer: true });
const iterations = positiveNumber('iterations', option('iterations', '501'), { integer: true });
const dist = join(root, 'site', 'dist');

printHeader('Gaussian-mixture page (headless Chromium, COOP/COEP) vs node build/examples/gaussian-mixture.js');
if (!flag('no-build') || !existsSync(join(dist, 'pages', 'gaussian-mixture.html'))) await buildSite({ out: dist, check: false });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const server = await serveSite(dist, { isolated: true });
const results = { page: [], node: [] };
/** Per round: the page's and node's ms, and the cores other processes kept busy just before each (--wait-idle). */
const perRound = [];
let pageInfo = null;

/** One run of the page at the tutorial's size; resolves to its training loop's ms. */
async function runPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(`${server.url}/pages/gaussian-mixture.html?autorun=1`);
    // The tutorial's default iterations are 501; another count goes in through the field.
    if (iterations !== 501) throw new Error('--iterations other than 501 is not supported by the page\'s autorun');
    await page.waitForFunction(() => ['done', 'error', 'aborted'].includes(document.body.dataset.state), null, { timeout: 300000 });
    const run = await page.evaluate(() => ({ state: window.siteRun.state, ms: window.siteRun.elapsedMs, outcome: window.siteRun.outcome, error: window.siteRun.error, info: { ...window.siteRun.info, webgpu: undefined }, isolated: globalThis.crossOriginIsolated }));
    if (run.state !== 'done' || errors.length) throw new Error(`the page did not finish: ${JSON.stringify({ run, errors })}`);
    pageInfo = { isolated: run.isolated, mode: run.info.mode, threads: run.info.threads, memory: run.info.memory, details: run.outcome.details };
    return run.ms;
  } finally {
    await page.close();
  }
}

/** One run of the Node example; resolves to its training loop's ms. */
function runNode() {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-gmm-'));
  try {
    execFileSync(process.execPath, [join(root, 'build', 'examples', 'gaussian-mixture.js'), '--no-plots', '--iterations', String(iterations)], { cwd: dir, stdio: 'pipe' });
    return JSON.parse(readFileSync(join(dir, 'out', 'gaussian-mixture.json'), 'utf8')).trainMs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  for (let r = 0; r < rounds; r++) {
    const round = {};
    for (const which of r % 2 === 0 ? ['page', 'node'] : ['node', 'page']) {
      const busy = await waitIdle(); // with --wait-idle: until other processes leave the cores alone
      const ms = which === 'page' ? await runPage() : runNode();
      results[which].push(ms);
      round[which] = ms;
      round[`${which}Busy`] = busy;
      console.log(`round ${r + 1}: ${which.padEnd(4)} ${(ms / 1000).toFixed(3)} s`);
    }
    perRound.push(round);
  }
} finally {
  await browser.close();
  await server.close();
}

const page = median(results.page);
const node = median(results.node);
console.log(`\npage: ${pageInfo.mode}, ${pageInfo.threads} threads, ${pageInfo.memory} memory, cross-origin isolated ${pageInfo.isolated}; cost ${pageInfo.details.firstCost.toFixed(4)} -> ${pageInfo.details.lastCost.toFixed(4)}`);
console.log(`${iterations} Adam steps, N = 10000, M = 30, median of ${rounds}:`);
console.log(`  page (live redraws included): ${(page / 1000).toFixed(3)} s  [${results.page.map((x) => (x / 1000).toFixed(3)).join(', ')}]`);
console.log(`  node --no-plots:              ${(node / 1000).toFixed(3)} s  [${results.node.map((x) => (x / 1000).toFixed(3)).join(', ')}]`);
console.log(`  page / node: ${(page / node).toFixed(3)} (target: at most 1.5)`);
console.log('per round (page / node; cores other processes kept busy before each, with --wait-idle):');
for (const [k, r] of perRound.entries()) {
  const busy = (x) => (x === null || x === undefined ? '' : `, ${x.toFixed(2)} busy`);
  console.log(`  ${k + 1}: ${(r.page / 1000).toFixed(3)} s${busy(r.pageBusy)} / ${(r.node / 1000).toFixed(3)} s${busy(r.nodeBusy)} = ${(r.page / r.node).toFixed(3)}`);
}

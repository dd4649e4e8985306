// Pages with and without cross-origin isolation in headless Chromium: the throughput of a
// Gaussian sum at N = M = n (default 2 x 10^4) and the share of 10 ms timer ticks the page gets
// during it. Both pages load build/browser/lazykernel.js from the same local server, in the same
// browser run, rounds interleaved (the machine is shared and noisy).
//
//   node bench/browser-isolation.mjs [--n 20000] [--rounds 5] [--repeats 2]
//
// Results: median ms per reduction and pairs/s for each page, the ratio not-isolated / isolated
// throughput (target: at least 0.8), and the tick share (target: at least 90% off the main thread).
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../test/smoke/static-server.mjs';
import { option, positiveNumber, printHeader, median } from './common.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = positiveNumber('n', option('n', '20000'), { integer: true });
const rounds = positiveNumber('rounds', option('rounds', '5'), { integer: true });
const repeats = positiveNumber('repeats', option('repeats', '2'), { integer: true });

printHeader('browser: cross-origin isolated or not (headless Chromium)');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const servers = { isolated: await serve(root, { isolated: true }), 'not isolated': await serve(root, { isolated: false }) };
const collected = { isolated: [], 'not isolated': [] };
const info = {};
try {
  for (let r = 0; r < repeats; r++) {
    for (const name of r % 2 === 0 ? ['isolated', 'not isolated'] : ['not isolated', 'isolated']) {
      const page = await browser.newPage();
      await page.goto(`${servers[name].url}/bench/browser/isolation.html?n=${n}&rounds=${rounds}`);
      await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 600000 });
      const result = await page.evaluate(() => window.benchResult);
      await page.close();
      if (result.error) throw new Error(`${name}: ${result.error}`);
      info[name] = { crossOriginIsolated: result.crossOriginIsolated, mode: result.mode, threads: result.threads, memory: result.memory };
      collected[name].push(...result.results);
    }
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
}
const summary = {};
for (const [name, results] of Object.entries(collected)) {
  const ms = median(results.map((x) => x.ms));
  const ticks = results.reduce((a, x) => a + x.ticks, 0) / Math.max(1, results.reduce((a, x) => a + x.expectedTicks, 0));
  summary[name] = { ...info[name], medianMs: +ms.toFixed(1), pairsPerSecond: +(n * n / (ms / 1000)).toExponential(3), tickShare: +ticks.toFixed(3), runs: results.length };
}
console.table(summary);
const ratio = summary['isolated'].medianMs / summary['not isolated'].medianMs;
console.log(`throughput not isolated / isolated: ${ratio.toFixed(3)} (target >= 0.8); ticks not isolated: ${(100 * summary['not isolated'].tickShare).toFixed(1)}% (target >= 90%)`);

// The smoke suite (test/smoke/checks.mjs, checked against the float64 oracle) in every runtime
// users have: Node, Deno, Bun, headless Chromium with and without cross-origin isolation, and
// an edge runtime (workerd) with neither Worker nor SharedArrayBuffer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './smoke/static-server.mjs';
import { runEdgeSmoke } from './smoke/edge.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const CHROMIUM = '/usr/bin/chromium';

function describeFailures(result) {
  return JSON.stringify(result, null, 1).slice(0, 3000);
}

function assertPasses(result, expectedDefault) {
  assert.ok(result.ok, describeFailures(result));
  assert.is(result.defaultMode, expectedDefault, describeFailures(result));
  const modes = result.passes.map((p) => p.mode);
  assert.ok(modes.includes('calling-thread'), describeFailures(result));
  if (expectedDefault === 'workers') assert.ok(modes.includes('workers'), describeFailures(result));
  for (const pass of result.passes) assert.is(pass.checks.length, 7);
}

function runServerRuntime(command, args) {
  const out = execFileSync(command, [...args, join(root, 'test/smoke/server-runtimes.mjs')], {
    encoding: 'utf8', timeout: 120000, env: { ...process.env, LAZYKERNEL_THREADS: '', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
  });
  return JSON.parse(out.trim().split('\n').pop());
}

test('Node runs the smoke checks on the worker pool and on the calling thread', () => {
  assertPasses(runServerRuntime(process.execPath, []), 'workers');
});

test('Deno runs the smoke checks on the worker pool and on the calling thread', () => {
  assertPasses(runServerRuntime(bin('deno'), ['run', '--allow-read', '--allow-env']), 'workers');
});

test('Bun runs the smoke checks on the worker pool and on the calling thread', () => {
  assertPasses(runServerRuntime(bin('bun'), []), 'workers');
});

for (const [runtime, command, args] of [['Node', process.execPath, []], ['Deno', bin('deno'), ['run', '--allow-read', '--allow-env']], ['Bun', bin('bun'), []]]) {
  test(`${runtime} exits by itself after using the worker pool, without shutdown()`, () => {
    // execFileSync throws on its timeout: a pool that held the process would fail here.
    const out = execFileSync(command, [...args, join(root, 'test/smoke/ends-by-itself.mjs')], {
      encoding: 'utf8', timeout: 30000, env: { ...process.env, LAZYKERNEL_THREADS: '2', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
    });
    assert.equal(JSON.parse(out.trim().split('\n').pop()), { ok: true });
  });
}

async function runInChromium(isolated) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const server = await serve(root, { isolated });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/test/smoke/browser.html`);
    await page.waitForFunction(() => window.smokeResult !== undefined, null, { timeout: 90000 });
    const result = await page.evaluate(() => window.smokeResult);
    assert.equal(errors, [], errors.join('\n'));
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

test('headless Chromium on a cross-origin isolated page runs the browser bundle on workers', async () => {
  const result = await runInChromium(true);
  assert.ok(result.crossOriginIsolated);
  assertPasses(result, 'workers');
  assert.is(result.passes.find((p) => p.mode === 'workers').memory, 'shared', describeFailures(result));
});

test('headless Chromium on a page without cross-origin isolation runs on workers with memories of their own and says why', async () => {
  const result = await runInChromium(false);
  assert.not.ok(result.crossOriginIsolated);
  assertPasses(result, 'workers');
  const pooled = result.passes.find((p) => p.mode === 'workers');
  assert.is(pooled.memory, 'separate', describeFailures(result));
  assert.ok(result.defaultReasons.some((r) => /Cross-Origin-Opener-Policy: same-origin/.test(r)), result.defaultReasons.join('; '));
});

test('an edge runtime (workerd) without Worker or SharedArrayBuffer runs a precompiled module on the calling thread', async () => {
  const result = await runEdgeSmoke();
  assert.is(result.hasWorker, false);
  assert.is(result.hasSharedArrayBuffer, false);
  assertPasses(result, 'calling-thread');
  assert.ok(result.defaultReasons.some((r) => /SharedArrayBuffer|Worker/.test(r)), result.defaultReasons.join('; '));
  // workerd compiles no WebAssembly from bytes: compile 'always' runs the interpreter and says why.
  const tier = result.compiledTier;
  assert.is(tier.compile, 'always', JSON.stringify(tier));
  assert.is(tier.available, false, JSON.stringify(tier));
  assert.ok(typeof tier.reason === 'string' && tier.reason.length > 0, JSON.stringify(tier));
  assert.is(tier.lastTier, 'interpreter', JSON.stringify(tier));
  assert.ok(tier.same, 'the same values as compile never');
});

test.run();

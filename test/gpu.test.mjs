// The oracle suite on WebGPU (test/smoke/gpu-checks.mjs) in the two WebGPU implementations CI
// has, both running on the CPU: Deno's navigator.gpu on Mesa's llvmpipe (Vulkan; .ci/run
// installs mesa-vulkan-drivers) and headless Chromium's WebGPU on SwiftShader. In Chromium the
// browser bundle is checked on WebGPU too. The two runtimes run at once and split the longest
// sections: each takes other random formulas (its own seed) and its share of the op table's
// variants (operand categories, dimensions, attributes), each still compiling every op; so the
// two together cover them all in about the time of one. GPU_RANDOM_TARGET sets the random
// formulas of each runtime. The grid densities (imagesLoss, imagesBarycenter: four cases, a
// minute on SwiftShader) run in Deno only; their kernels are log-sum-exps, as others here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './smoke/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
// Deno compiles pipelines several times faster than Chromium on these software adapters: it
// takes the larger share of the random formulas (175 + 75 = 250) and of the op table (2/3).
const RANDOM_TARGET = process.env.GPU_RANDOM_TARGET ?? '175';
const CHROMIUM_RANDOM_TARGET = process.env.GPU_RANDOM_TARGET ?? '75';
/** The browser's random formulas: another seed than gpu-random.mjs's default (Deno's). */
const CHROMIUM_RANDOM_SEED = 0x5eed22;
const verbose = process.env.GPU_VERBOSE === '1';
/** Each runtime's run (normally 1-2 minutes on 2 cores). */
const TIMEOUT_MS = 600000;

function summary(result) {
  const lines = [`  ${result.adapter ?? 'no adapter'}: ${Math.round((result.ms ?? 0) / 1000)} s`];
  for (const s of result.sections ?? []) {
    lines.push(`    ${s.failures.length ? 'FAIL' : 'ok  '} ${String(s.cases).padStart(5)} cases ${String(Math.round(s.ms / 100) / 10).padStart(5)} s  worst rel. error ${Number(s.worst ?? 0).toExponential(1)}  ${s.name.split(':')[0]}`);
    for (const f of s.failures) lines.push(`         ${f.split('\n').join('\n         ')}`);
  }
  if (result.bundle) lines.push(`    ${result.bundle.ok ? 'ok  ' : 'FAIL'} browser bundle: ${result.bundle.checks.map((c) => `${c.name}${c.ok ? '' : ` (${c.problem})`}`).join(', ')}`);
  if (result.fallbacks?.length) lines.push(`    fell back to wasm: ${result.fallbacks.join('; ')}`);
  if (result.error) lines.push(`    error: ${result.error}`);
  return lines.join('\n');
}

/** Runs the checks under Deno; resolves to the result object (or { error }). */
async function runDeno() {
  // Deno's WebGPU wants a runtime directory; an empty one of our own will do.
  const runtimeDir = process.env.XDG_RUNTIME_DIR ?? join(root, 'build', '.xdg-runtime');
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  const deno = join(root, 'node_modules', '.bin', 'deno');
  const child = spawn(deno, ['run', '--allow-read', '--allow-env', join(root, 'test/smoke/gpu-deno.mjs')], {
    // wasm (fallbacks, comparisons) on the calling thread: the worker pool under Deno sometimes
    // never settles a reduction (seen in bench/webgpu.mjs runs), which is not what this tests.
    cwd: root, env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir, GPU_RANDOM_TARGET: RANDOM_TARGET, GPU_OP_SHARE: '0,1/3', LAZYKERNEL_THREADS: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    err += d;
    if (verbose) process.stderr.write(`[deno] ${d}`);
  });
  // A stuck run fails the test instead of hanging the suite.
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  try {
    return JSON.parse(out.trim().split('\n').pop());
  } catch {
    return { ok: false, error: `Deno exited with ${code} without a result:\n${out.slice(-2000)}\n${err.slice(-3000)}` };
  }
}

/** Runs the checks in headless Chromium; resolves to the result object (or { error }). */
async function runChromium() {
  if (!existsSync(CHROMIUM)) return { ok: false, error: `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)` };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'],
  });
  const server = await serve(root, { isolated: false });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (verbose) page.on('console', (m) => process.stderr.write(`[chromium] ${m.text()}\n`));
    await page.goto(`${server.url}/test/smoke/gpu-browser.html?random=${CHROMIUM_RANDOM_TARGET}&seed=${CHROMIUM_RANDOM_SEED}&ops=2/3&skip=imagesOnGrids`);
    await page.waitForFunction(() => window.gpuResult !== undefined, null, { timeout: TIMEOUT_MS, polling: 500 });
    const result = await page.evaluate(() => window.gpuResult);
    if (errors.length) return { ...result, ok: false, error: `page errors: ${errors.join('\n')}` };
    return result;
  } catch (e) {
    return { ok: false, error: String(e?.stack ?? e) };
  } finally {
    await browser.close();
    await server.close();
  }
}

// Both start with the first test (uvu imports every test file before running any, so not at
// import): the Deno run spends much of its time waiting on WebGPU callbacks, which the
// Chromium run fills.
let runs = null;
const start = () => (runs ??= { deno: runDeno(), chromium: runChromium() });

test('Deno (Mesa llvmpipe over Vulkan) runs the oracle suite on WebGPU: op table, every reduction, special values, K-min, block-sparse ranges, chunking, cache, gradients, fallbacks, random formulas', async () => {
  const result = await start().deno;
  console.log(`  Deno\n${summary(result)}`);
  assert.ok(!/no navigator.gpu|no WebGPU adapter|found no/.test(result.error ?? ''), `Deno found no WebGPU adapter (apt-get install -y mesa-vulkan-drivers; see .ci/run): ${result.error}`);
  assert.ok(result.ok, summary(result));
  assert.is(result.software, true, 'the CI adapter is llvmpipe');
});

test('headless Chromium (SwiftShader) runs the oracle suite on WebGPU, and the browser bundle reduces on WebGPU', async () => {
  const result = await start().chromium;
  console.log(`  Chromium\n${summary(result)}`);
  assert.ok(result.ok, summary(result));
  assert.is(result.software, true, 'the CI adapter is SwiftShader');
});

test.run();

// The browser bundle as apps get it: self-contained (no `node:` module named anywhere, no
// `new URL(..., import.meta.url)` for an app's bundler to chase), runnable as is, and the
// sizes README.md quotes are the measured ones (tools/bundle.mjs writes them at each build).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BROWSER_FILES = ['build/browser/lazykernel.js', 'build/lazykernel-worker.js'];

test('the browser bundle and its worker never mention a node: module', () => {
  for (const file of BROWSER_FILES) {
    const code = readFileSync(join(root, file), 'utf8');
    const at = code.search(/["'`]node:/);
    assert.is(at, -1, `${file} mentions a node: module: ...${code.slice(Math.max(0, at - 80), at + 40)}...`);
    // The check can fail: the package's own modules do import node: built-ins.
  }
  assert.ok(/["']node:/.test(readFileSync(join(root, 'build/src/engine/runtime.js'), 'utf8')));
});

test('the browser bundle leaves no asset URL for a bundler to resolve, and inlines both wasm builds and the worker', () => {
  const code = readFileSync(join(root, 'build/browser/lazykernel.js'), 'utf8');
  assert.not.ok(/new URL\([^)]*import\.meta\.url/.test(code), 'new URL(..., import.meta.url) in the browser bundle');
  const wasm = readFileSync(join(root, 'build/lazykernel.wasm')).toString('base64');
  const threads = readFileSync(join(root, 'build/lazykernel-threads.wasm')).toString('base64');
  assert.ok(code.includes(wasm), 'lazykernel.wasm is not inlined');
  assert.ok(code.includes(threads), 'lazykernel-threads.wasm is not inlined');
  // A message only the worker module holds (esbuild re-quotes the inlined source, so compare a phrase).
  assert.ok(readFileSync(join(root, 'build/lazykernel-worker.js'), 'utf8').includes('simulated worker crash'));
  assert.ok(code.includes('simulated worker crash'), 'the worker is not inlined');
});

test('the browser bundle runs where it is imported as is (Node: on the calling thread, its wasm inlined)', async () => {
  const lib = await import(pathToFileURL(join(root, 'build/browser/lazykernel.js')).href);
  const X = lib.tensor(new Float32Array([0, 0, 1, 0, 0, 2]), [3, 2]);
  const s = await lib.Vi(X).sqdist(lib.Vj(X)).neg().exp().sum(1);
  const expect = [1 + Math.exp(-1) + Math.exp(-4), 1 + Math.exp(-1) + Math.exp(-5), 1 + Math.exp(-4) + Math.exp(-5)];
  expect.forEach((v, k) => assert.ok(Math.abs(s.data[k] - v) < 1e-5, `row ${k}: ${s.data[k]} vs ${v}`));
  const info = await lib.engineInfo();
  assert.is(info.mode, 'calling-thread');
  try {
    await lib.Vi(X).sqdist(lib.Vj(lib.tensor(new Float32Array(3), [1, 3]))).sum(1);
    assert.unreachable('a dimension mismatch must throw');
  } catch (e) {
    assert.is(e.name, 'ShapeError');
    assert.ok(e instanceof lib.ShapeError);
  }
  await lib.shutdown();
});

test("README's size table is the measured one (raw and gzip -9)", async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- sizes:begin'), readme.indexOf('<!-- sizes:end'));
  const rows = [...table.matchAll(/^\| `([^`]+)` \| [^|]+ \| ([\d,]+) \| ([\d,]+) \|$/gm)];
  assert.ok(rows.length >= 4, `README's size table has ${rows.length} rows`);
  const num = (text) => Number(text.replaceAll(',', ''));
  for (const [, path, bytes, gzip] of rows) {
    const data = readFileSync(join(root, path));
    assert.is(num(bytes), data.length, `${path}: README says ${bytes} bytes; run node tools/bundle.mjs`);
    assert.is(num(gzip), gzipSync(data, { level: 9 }).length, `${path}: README says ${gzip} bytes gzipped; run node tools/bundle.mjs`);
  }
});

test.run();

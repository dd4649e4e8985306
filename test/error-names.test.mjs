// Error names survive minification: apps minified by a bundler (and the package's own browser
// bundle) rename classes, so `e.name === 'ShapeError'` must not rely on the class name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL, fileURLToPath } from 'node:url';

const NAMES = ['LazyKernelError', 'ShapeError', 'DTypeError', 'ValueError', 'BackendError', 'MemoryLimitError', 'AbortError', 'ConvergenceError'];

test('every error class keeps its name in an esbuild-minified bundle of the package', async () => {
  const entry = fileURLToPath(new URL('../build/src/index.js', import.meta.url));
  const result = await build({
    stdin: { contents: `export { ${NAMES.join(', ')} } from ${JSON.stringify(entry)};`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-names-'));
  try {
    const file = join(dir, 'bundle.mjs');
    writeFileSync(file, code);
    const mod = await import(pathToFileURL(file).href);
    // The minifier did rename the classes: otherwise this test would check nothing.
    assert.ok(NAMES.some((n) => mod[n].name !== n), 'esbuild kept every class name; the test no longer exercises minification');
    for (const n of NAMES) {
      const e = n === 'ConvergenceError' ? new mod[n]('message', null) : new mod[n]('message');
      assert.is(e.name, n, `${n} reports e.name ${JSON.stringify(e.name)} once minified`);
      assert.ok(e instanceof mod.LazyKernelError);
      assert.match(String(e), new RegExp(`^${n}: message`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a user subclass without its own errorName reports its class name', async () => {
  const { ValueError } = await import('../build/src/index.js');
  class MyError extends ValueError {}
  assert.is(new MyError('x').name, 'MyError');
  assert.is(new ValueError('x').name, 'ValueError');
});

test.run();

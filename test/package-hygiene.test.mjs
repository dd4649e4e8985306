// Tree-shaking: with "sideEffects": false, a bundle of an app that uses only Vi, Vj and a sum
// must not carry the optimal-transport (src/ot/) or linear-algebra (src/linalg/) modules.
// esbuild bundles from build/src, as a user's bundler would from the installed package, with
// the browser bundle's settings (tools/bundle.mjs); its metafile says how many bytes of each
// input file ended up in the bundle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const index = join(root, 'build', 'src', 'index.js').replaceAll('\\', '/');
const OPTIONAL_MODULES = { 'optimal transport': '/ot/', 'linear algebra': '/linalg/' };

/** Bundles `source` (an ES module importing from build/src/index.js) and returns its inputs and size. */
async function bundle(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true,
    external: ['node:*'], define: { LAZYKERNEL_BUNDLED: 'true' },
    write: false, metafile: true, logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  // metafile.inputs lists every file esbuild read; the output's inputs with bytes in the output
  // are the ones tree-shaking kept.
  const kept = Object.entries(Object.values(result.metafile.outputs)[0].inputs).filter(([, v]) => v.bytesInOutput > 0).map(([p]) => p.replaceAll('\\', '/'));
  return { inputs: kept, bytes: code.length, gzip: gzipSync(code).length };
}

const minimalEntry = `
  import { tensor, Vi, Vj } from '${index}';
  const X = tensor(new Float32Array(30), [10, 3]);
  console.log((await Vi(X).sqdist(Vj(X)).mul(-1).exp().sum(1)).data);
`;

test('a bundle that uses only Vi, Vj and a sum leaves out the optimal-transport and linear-algebra modules', async () => {
  const minimal = await bundle(minimalEntry);
  assert.ok(minimal.inputs.some((p) => p.endsWith('api/variables.js')), 'the bundle holds Vi and Vj');
  assert.ok(minimal.inputs.some((p) => p.includes('/engine/')), 'the bundle holds the wasm engine');
  for (const [name, marker] of Object.entries(OPTIONAL_MODULES)) {
    const pulled = minimal.inputs.filter((p) => p.includes(marker));
    assert.equal(pulled, [], `the ${name} module (${marker}) was pulled into a Vi/Vj/sum bundle`);
  }
});

test('the whole API does include every exported module, so the check above can fail', async () => {
  const full = await bundle(`export * from '${index}';`);
  const minimal = await bundle(minimalEntry);
  assert.ok(full.bytes > minimal.bytes, `full ${full.bytes} B, minimal ${minimal.bytes} B`);
  const exported = readFileSync(join(root, 'src', 'index.ts'), 'utf8');
  for (const [name, marker] of Object.entries(OPTIONAL_MODULES)) {
    // Only once src/index.ts exports the module can the full bundle be expected to hold it.
    if (!exported.includes(`.${marker}`)) continue;
    assert.ok(full.inputs.some((p) => p.includes(marker)), `the ${name} module is exported but not in the full bundle`);
  }
  assert.ok(existsSync(join(root, 'build', 'browser', 'sizes.json')));
  if (process.env.LAZYKERNEL_PRINT_SIZES) {
    const sizes = JSON.parse(readFileSync(join(root, 'build', 'browser', 'sizes.json'), 'utf8'));
    console.log(JSON.stringify({ minimal, full: { bytes: full.bytes, gzip: full.gzip }, browser: sizes }, (k, v) => (k === 'inputs' ? v.length : v)));
  }
});

test.run();

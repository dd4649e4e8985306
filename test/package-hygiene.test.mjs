// Tree-shaking: with "sideEffects": false, a bundle of an app that uses only Vi, Vj and a sum
// must not carry the optimal-transport module (src/ot/) nor the eigensolvers (src/linalg/eigsh*).
// esbuild bundles from build/src, as a user's bundler would from the installed package, with
// the browser bundle's settings (tools/bundle.mjs); its metafile says how many bytes of each
// input file ended up in the bundle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from 'esbuild';
import { readFileSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const index = join(root, 'build', 'src', 'index.js').replaceAll('\\', '/');
// LazyTensor.solve carries conjugate gradients; the eigensolver stays out.
const OPTIONAL_MODULES = { 'optimal transport': '/ot/', 'eigensolver': '/linalg/eigsh', 'dense eigensolver': '/linalg/dense-eigh' };

/**
 * Bundles `source` (an ES module importing from build/src/index.js) with code splitting, as
 * an app's bundler would, and returns the inputs and size of the entry chunk: what loads up
 * front. (LazyTensor.solve imports the linear-algebra module lazily: a separate chunk.)
 */
async function bundle(source) {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-bundle-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry], outdir: join(dir, 'out'), splitting: true,
      bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true,
      external: ['node:*'], define: { LAZYKERNEL_BUNDLED: 'true' },
      write: false, metafile: true, logLevel: 'silent',
    });
    // The chunks loaded up front: the entry and what it imports statically (not the chunks
    // behind a dynamic import()).
    const outputs = result.metafile.outputs;
    const upFront = new Set();
    const visit = (path) => {
      if (upFront.has(path)) return;
      upFront.add(path);
      for (const imp of outputs[path].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path);
    };
    visit(Object.keys(outputs).find((p) => p.endsWith('entry.js')));
    // metafile.inputs lists every file esbuild read; the chunks' inputs with bytes in them are
    // the ones tree-shaking kept.
    const kept = [...upFront].flatMap((p) => Object.entries(outputs[p].inputs).filter(([, v]) => v.bytesInOutput > 0).map(([i]) => i.replaceAll('\\', '/')));
    const code = Buffer.concat(result.outputFiles.filter((f) => [...upFront].some((p) => f.path.endsWith(p.split('/').pop()))).map((f) => Buffer.from(f.contents)));
    return { inputs: kept, bytes: code.length, gzip: gzipSync(code).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const minimalEntry = `
  import { tensor, Vi, Vj } from '${index}';
  const X = tensor(new Float32Array(30), [10, 3]);
  console.log((await Vi(X).sqdist(Vj(X)).mul(-1).exp().sum(1)).data);
`;

test('a bundle that uses only Vi, Vj and a sum leaves out the optimal-transport module and the eigensolvers', async () => {
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

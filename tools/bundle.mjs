// Builds what browsers, bundlers and CDNs load:
// - build/lazykernel-worker.js: the engine's worker as one ES module (beside the wasm builds, so
//   that the package's build/ folder is what configure({ assetBase }) points at);
// - build/browser/lazykernel.js: the library as one ES module with both wasm builds and that
//   worker inlined, so that an app's bundler (esbuild, Vite, webpack, Rollup: any config) or a
//   static folder has no other file to find. It never mentions a `node:` module: the Node-only
//   branches (never reached in a browser) import an empty stand-in here.
// Then records the sizes (raw and gzip) in build/browser/sizes.json and in README.md's table.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'browser');
mkdirSync(out, { recursive: true });

/** Replaces Node built-ins and the package-layout module with browser stand-ins. */
function browserHost(inlineAssetsSource) {
  return {
    name: 'lazykernel-browser-host',
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path.slice('node:'.length), namespace: 'absent-builtin' }));
      b.onLoad({ filter: /.*/, namespace: 'absent-builtin' }, () => ({ contents: 'export default undefined;', loader: 'js' }));
      b.onResolve({ filter: /\/package-layout\.js$/ }, () => ({ path: 'package-layout', namespace: 'bundled-layout' }));
      b.onLoad({ filter: /.*/, namespace: 'bundled-layout' }, () => ({ contents: 'export const mayImportNodeBuiltins = false; export function packageFileUrl() { return null; }', loader: 'js' }));
      if (inlineAssetsSource) {
        b.onResolve({ filter: /\/inline-assets\.js$/ }, () => ({ path: 'inline-assets', namespace: 'bundled-assets' }));
        b.onLoad({ filter: /.*/, namespace: 'bundled-assets' }, () => ({ contents: inlineAssetsSource, loader: 'js' }));
      }
    },
  };
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  write: false,
  logLevel: 'warning',
};

const worker = await build({ ...common, entryPoints: [join(root, 'src/engine/worker.ts')], plugins: [browserHost(null)] });
const workerCode = worker.outputFiles[0].text;
writeFileSync(join(root, 'build', 'lazykernel-worker.js'), workerCode);

const base64 = (file) => readFileSync(join(root, 'build', file)).toString('base64');
const inlineSource = `export const inlineAssets = ${JSON.stringify({ wasm: base64('lazykernel.wasm'), threadsWasm: base64('lazykernel-threads.wasm'), worker: workerCode })};`;
const main = await build({ ...common, entryPoints: [join(root, 'src/index.ts')], plugins: [browserHost(inlineSource)] });
writeFileSync(join(out, 'lazykernel.js'), main.outputFiles[0].contents);

// Files earlier builds put here (now inlined, or in build/).
for (const f of ['lazykernel-worker.js', 'lazykernel.wasm', 'lazykernel-threads.wasm']) if (existsSync(join(out, f))) rmSync(join(out, f));

const measured = [
  ['lazykernel/browser', 'build/browser/lazykernel.js', 'the library, wasm and worker inlined: what an app bundles'],
  ['lazykernel-worker.js', 'build/lazykernel-worker.js', "the worker, loaded from assetBase only"],
  ['lazykernel.wasm', 'build/lazykernel.wasm', 'the engine (Node, Deno, Bun; assetBase)'],
  ['lazykernel-threads.wasm', 'build/lazykernel-threads.wasm', 'the engine for shared-memory workers'],
].map(([name, path, role]) => {
  const bytes = readFileSync(join(root, path));
  return { name, path, role, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
writeFileSync(join(out, 'sizes.json'), JSON.stringify(Object.fromEntries(measured.map((m) => [m.path, { bytes: m.bytes, gzip: m.gzip }])), null, 2) + '\n');

/** README's size table, between its markers: regenerated here, checked by test/bundle-sizes.test.mjs. */
export function sizeTable(rows) {
  const fmt = (n) => n.toLocaleString('en-US');
  return ['| File | What | Bytes | gzip -9 |', '| --- | --- | ---: | ---: |', ...rows.map((m) => `| \`${m.path}\` | ${m.role} | ${fmt(m.bytes)} | ${fmt(m.gzip)} |`)].join('\n');
}
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- sizes:begin (tools/bundle.mjs writes this table) -->';
const end = '<!-- sizes:end -->';
const at = readme.indexOf(begin);
const stop = readme.indexOf(end);
if (at >= 0 && stop > at) {
  const next = readme.slice(0, at + begin.length) + '\n' + sizeTable(measured) + '\n' + readme.slice(stop);
  if (next !== readme) writeFileSync(readmePath, next);
}

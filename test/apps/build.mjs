// Builds the fixture app (test/apps/app) the way users would: a project folder whose
// node_modules/lazykernel is the package (a symlink to this checkout, so its package.json
// `exports` decide what resolves), built by each bundler with its default production settings
// (no externals, no copy or wasm plugins); plus a CDN-style folder with the package's shipped
// files and a page that imports the browser bundle directly.
//
//   node test/apps/build.mjs [outDir] [--only esbuild,vite,webpack,rollup,cdn]
//
// buildFixtures() resolves to one entry per fixture: { name, dir, ok, error, ms, sizes }.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The checkout this file is in: the package the fixtures install (LAZYKERNEL_PACKAGE_ROOT
 * points them at another checkout, to try its build/ without copying these files there).
 */
export const packageRoot = process.env.LAZYKERNEL_PACKAGE_ROOT ? resolve(process.env.LAZYKERNEL_PACKAGE_ROOT) : join(here, '..', '..');
const appSource = join(here, 'app');

export const BUNDLERS = ['esbuild', 'vite', 'webpack', 'rollup'];
export const FIXTURES = [...BUNDLERS, 'cdn'];

/** A project folder with the app's sources and node_modules/lazykernel -> the checkout. */
function makeProject(base) {
  const dir = join(base, 'project');
  cpSync(appSource, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lazykernel-fixture-app', private: true, type: 'module', dependencies: { lazykernel: '*' } }, null, 2));
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(packageRoot, join(dir, 'node_modules', 'lazykernel'), 'dir');
  return dir;
}

const PAGE = (script) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>lazykernel fixture app</title></head>
<body data-state="loading">
  <h1>lazykernel fixture app</h1>
  <pre id="out">loading...</pre>
  ${script}
</body>
</html>
`;

async function buildEsbuild(project, out) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(project, 'src', 'main.js')], outdir: out, bundle: true, format: 'esm', minify: true, platform: 'browser',
    absWorkingDir: project, logLevel: 'silent',
  });
  writeFileSync(join(out, 'index.html'), PAGE('<script type="module" src="./main.js"></script>'));
}

async function buildVite(project, out) {
  const { build } = await import('vite');
  await build({ root: project, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
}

async function buildWebpack(project, out) {
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((resolve, reject) => {
    webpack({ mode: 'production', context: project, entry: './src/main.js', output: { path: out } }, (err, s) => (err ? reject(err) : resolve(s)));
  });
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, errorDetails: false }).slice(0, 4000));
  // webpack's default output is a classic script, dist/main.js.
  writeFileSync(join(out, 'index.html'), PAGE('<script defer src="./main.js"></script>'));
}

async function buildRollup(project, out) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  const warnings = [];
  const bundle = await rollup({ input: join(project, 'src', 'main.js'), plugins: [nodeResolve({ browser: true }), terser()], onwarn: (w) => warnings.push(w.message) });
  try {
    await bundle.write({ dir: out, format: 'es' });
  } finally {
    await bundle.close();
  }
  writeFileSync(join(out, 'index.html'), PAGE('<script type="module" src="./main.js"></script>'));
  return { warnings };
}

/** Patterns of package.json `files` as npm reads them (here: literal paths, `*` and `**`). */
function globToRegExp(pattern) {
  let re = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '*' && pattern[k + 1] === '*') { re += pattern[k + 2] === '/' ? '(?:.*/)?' : '.*'; k += pattern[k + 2] === '/' ? 2 : 1; }
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

function listFiles(dir, prefix = '') {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rel === 'node_modules' || rel === '.git') continue;
      files.push(...listFiles(join(dir, entry.name), rel));
    } else if (entry.isFile()) files.push(rel);
  }
  return files;
}

/** The files `npm pack` would ship: package.json, `files`, README and LICENSE. */
export function packedFiles(root = packageRoot) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const patterns = (pkg.files ?? ['**']).map(globToRegExp);
  const always = /^(package\.json|README(\.[^/]*)?|LICEN[CS]E(\.[^/]*)?)$/i;
  const candidates = new Set();
  for (const top of ['build', 'gpu', 'src', 'bin', 'dist', ...((pkg.files ?? []).map((p) => p.split('/')[0]))]) {
    if (existsSync(join(root, top)) && statSync(join(root, top)).isDirectory()) for (const f of listFiles(join(root, top), top)) candidates.add(f);
  }
  for (const f of readdirSync(root)) if (statSync(join(root, f)).isFile()) candidates.add(f);
  return [...candidates].filter((f) => always.test(f) || patterns.some((re) => re.test(f))).sort();
}

async function buildCdn(project, out) {
  const lib = join(out, 'lazykernel');
  for (const f of packedFiles()) {
    mkdirSync(dirname(join(lib, f)), { recursive: true });
    cpSync(join(packageRoot, f), join(lib, f));
  }
  const entry = 'lazykernel/build/browser/lazykernel.js';
  if (!existsSync(join(out, entry))) throw new Error(`the package does not ship ${entry}`);
  // The same app, importing the shipped bundle by URL as a page on a CDN would.
  const main = readFileSync(join(project, 'src', 'main.js'), 'utf8');
  const rewritten = main.replace(/from 'lazykernel';/, `from './${entry}';`);
  if (rewritten === main) throw new Error("main.js no longer imports from 'lazykernel'");
  writeFileSync(join(out, 'main.js'), rewritten);
  writeFileSync(join(out, 'index.html'), PAGE('<script type="module" src="./main.js"></script>'));
  // The shipped folder with the engine's files, for configure({ assetBase }); and a copy of it
  // without the worker (no-worker/), for a worker that cannot load.
  const worker = packedFiles().find((f) => f.endsWith('/lazykernel-worker.js'));
  if (!worker) return { assetFolder: null };
  const assetFolder = `lazykernel/${dirname(worker)}/`;
  mkdirSync(join(out, 'no-worker'));
  for (const f of ['lazykernel.wasm', 'lazykernel-threads.wasm']) if (existsSync(join(out, assetFolder, f))) cpSync(join(out, assetFolder, f), join(out, 'no-worker', f));
  return { assetFolder };
}

const BUILDERS = { esbuild: buildEsbuild, vite: buildVite, webpack: buildWebpack, rollup: buildRollup, cdn: buildCdn };

/** Bytes of every file under `dir` (JS, wasm and other assets; HTML apart), raw and gzipped. */
export function folderSizes(dir, skip = /^$/) {
  const sizes = { js: 0, assets: 0, html: 0, total: 0, gzip: 0, files: {} };
  for (const f of listFiles(dir)) {
    if (skip.test(f)) continue;
    const body = readFileSync(join(dir, f));
    const kind = /\.(m?js)$/.test(f) ? 'js' : /\.html$/.test(f) ? 'html' : 'assets';
    sizes[kind] += body.length;
    if (kind !== 'html') {
      sizes.total += body.length;
      sizes.gzip += gzipSync(body, { level: 9 }).length;
    }
    sizes.files[f.split(sep).join('/')] = body.length;
  }
  return sizes;
}

/**
 * Builds every fixture (or `only`) under `outDir`, in parallel; a failed build is reported,
 * not thrown. The project folder lives in a temporary directory that is removed afterwards.
 */
export async function buildFixtures({ outDir = mkdtempSync(join(tmpdir(), 'lazykernel-apps-out-')), only = FIXTURES } = {}) {
  const base = mkdtempSync(join(tmpdir(), 'lazykernel-apps-'));
  try {
    const results = await Promise.all(only.map(async (name) => {
      // One project per bundler: some write caches or temp files beside the sources.
      const project = makeProject(join(base, name));
      const dir = join(outDir, name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const t0 = performance.now();
      try {
        const extra = await BUILDERS[name](project, dir);
        const sizes = folderSizes(dir, /^no-worker\//); // no-worker/: a test folder, not the app
        // The CDN folder holds the whole package; what a browser page can load is build/browser.
        if (name === 'cdn') sizes.browser = folderSizes(join(dir, 'lazykernel', 'build', 'browser'));
        return { name, dir, ok: true, ms: Math.round(performance.now() - t0), sizes, ...extra };
      } catch (e) {
        return { name, dir, ok: false, ms: Math.round(performance.now() - t0), error: String(e?.message ?? e).slice(0, 4000) };
      }
    }));
    return { outDir, fixtures: results };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/**
 * buildFixtures() with one child process per fixture, so that the bundlers (webpack, Rollup's
 * terser: JavaScript on one thread each) use every core.
 */
export async function buildFixturesInProcesses({ outDir = mkdtempSync(join(tmpdir(), 'lazykernel-apps-out-')), only = FIXTURES } = {}) {
  const { spawn } = await import('node:child_process');
  const results = await Promise.all(only.map((name) => new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), outDir, '--only', name, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => {
      try {
        resolvePromise(JSON.parse(stdout.trim().split('\n').pop()).fixtures[0]);
      } catch {
        resolvePromise({ name, dir: join(outDir, name), ok: false, ms: 0, error: `the build process exited with ${code}: ${(stderr || stdout).slice(-4000)}` });
      }
    });
  })));
  return { outDir, fixtures: results };
}

/** One line per fixture: JS, other assets, total and gzip bytes. */
export function sizeTable(fixtures) {
  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
  return fixtures.map((f) => f.ok
    ? `${f.name.padEnd(8)} js ${kb(f.sizes.js).padStart(10)}  assets ${kb(f.sizes.assets).padStart(10)}  total ${kb(f.sizes.total).padStart(10)}  gzip ${kb(f.sizes.gzip).padStart(10)}  (${Object.keys(f.sizes.files).length} files, built in ${f.ms} ms)` +
      (f.sizes.browser ? `\n${' '.repeat(9)}of which build/browser: js ${kb(f.sizes.browser.js)}, assets ${kb(f.sizes.browser.assets)}, total ${kb(f.sizes.browser.total)}, gzip ${kb(f.sizes.browser.gzip)}` : '')
    : `${f.name.padEnd(8)} BUILD FAILED in ${f.ms} ms: ${f.error.split('\n')[0]}`).join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const k = args.indexOf('--only');
  const only = k >= 0 ? args.splice(k, 2)[1].split(',') : FIXTURES;
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const outDir = args[0] ? resolve(args[0]) : undefined;
  if (json) {
    // For buildFixturesInProcesses: bundler chatter to stderr, the result as the last line of stdout.
    console.log = console.info = console.warn;
    const built = await buildFixtures({ outDir, only });
    process.stdout.write(`${JSON.stringify(built)}\n`);
    process.exit(0);
  }
  const { outDir: dir, fixtures } = await buildFixtures({ outDir, only });
  console.log(`fixtures in ${relative(process.cwd(), dir) || dir}`);
  console.log(sizeTable(fixtures));
  for (const f of fixtures) if (!f.ok) console.log(`\n${f.name}:\n${f.error}`);
  for (const f of fixtures) if (f.warnings?.length) console.log(`\n${f.name} warnings:\n${[...new Set(f.warnings)].join('\n')}`);
}

// The demo tooling (examples/lib) and the Gaussian-mixture tutorial, run small: figures are
// real PNGs with their text drawn, the progress bar stays out of logs, and run-demos writes a
// page that shows every figure with its caption. The examples are TypeScript; these run their
// build (build/examples, from `node tools/build.mjs`).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { savePlot, toSVG, rasterise, densityMapSpec } from '../build/examples/lib/plot.js';
import { progress } from '../build/examples/lib/progress.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lineSpec = (title) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title, width: 200, height: 100,
  data: { values: [{ a: 0, b: 1 }, { a: 1, b: 3 }, { a: 2, b: 2 }] },
  mark: 'line',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(Array.from(bytes.subarray(0, 8)), [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

/** Pixels darker than light grey, in an RGBA buffer. */
function darkPixels(pixels) {
  let n = 0;
  for (let k = 0; k < pixels.length; k += 4) if (pixels[k] + pixels[k + 1] + pixels[k + 2] < 3 * 160) n++;
  return n;
}

function withTempDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-demo-'));
  return Promise.resolve(fn(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('savePlot writes a PNG at twice the SVG size and lists it with its title in figures.jsonl', () => withTempDir(async (dir) => {
  const path = join(dir, 'out', 'line.png');
  await savePlot(path, lineSpec('A line'));
  const [w, h] = pngSize(readFileSync(path));
  const svg = await toSVG(lineSpec('A line'));
  const svgWidth = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)[1]);
  assert.is(w, Math.round(2 * svgWidth));
  assert.ok(h > 200, `height ${h}`);
  const listed = readFileSync(join(dir, 'out', 'figures.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(listed.map((f) => [f.file, f.caption]), [['line.png', 'A line']]);
}));

test('text is drawn with the packaged font: a title-only chart has dark pixels, more for a longer title', async () => {
  const titleOnly = (text) => ({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: text, width: 300, height: 1, data: { values: [] }, mark: 'point' });
  const short = darkPixels((await rasterise(await toSVG(titleOnly('Ab')))).pixels);
  const long = darkPixels((await rasterise(await toSVG(titleOnly('Abcdefghijklmnop')))).pixels);
  assert.ok(short > 50, `${short} dark pixels for a two-letter title`);
  assert.ok(long > 3 * short, `${long} dark pixels for 16 letters against ${short} for 2`);
});

test('densityMapSpec draws cells, iso-contours and points (a Vega spec, passed through as is)', async () => {
  const res = 20;
  const values = Float64Array.from({ length: res * res }, (_, k) => Math.exp(-(((k % res) - 10) ** 2 + (Math.floor(k / res) - 5) ** 2) / 20));
  const spec = densityMapSpec({ values, res, title: 'Density', contours: values.map(Math.log), levels: 9, points: [0.5, 0.5, 0.25, 0.75], size: 100 });
  const svg = await toSVG(spec);
  assert.is((svg.match(/<path/g) ?? []).length > 0, true);
  assert.ok(svg.includes('Density'));
  const { width, pixels } = await rasterise(svg);
  assert.ok(width > 200);
  assert.ok(darkPixels(pixels) > 100);
});

test('the progress bar draws nothing but its summary when the stream is not a terminal', () => {
  const written = [];
  const stream = { isTTY: false, write: (s) => written.push(s) };
  const bar = progress('step', 3, { stream });
  bar.tick();
  bar.tick(2, 'note');
  bar.done();
  assert.is(written.length, 1);
  assert.match(written[0], /^step: 3\/3 in [\d.]+ s\n$/);
  const tty = [];
  const live = progress('step', 2, { stream: { isTTY: true, columns: 80, write: (s) => tty.push(s) } });
  live.tick(2, 'loss 1.5');
  live.done('finished');
  assert.ok(tty.some((s) => s.startsWith('\r') && s.includes('100%') && s.includes('loss 1.5')), tty.join('|'));
  assert.is(tty.at(-1), 'step: finished\n');
});

test('run-demos runs the Gaussian mixture (small), its cost falls, and out/index.html shows every figure', () => withTempDir((dir) => {
  execFileSync(process.execPath, [join(root, 'build', 'examples', 'run-demos.js'), 'gaussian-mixture', '--', '--n', '2000', '--iterations', '120', '--res', '40'], { cwd: dir, stdio: 'pipe' });
  const result = JSON.parse(readFileSync(join(dir, 'out', 'gaussian-mixture.json'), 'utf8'));
  assert.is(result.loss.length, 120);
  assert.ok(result.loss.every(Number.isFinite));
  assert.ok(result.loss[119] < result.loss[0] - 1.5, `cost ${result.loss[0]} -> ${result.loss[119]}`);
  const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
  for (const it of ['000', '010', '100']) {
    const file = `gaussian-mixture-density-${it}.png`;
    assert.ok(existsSync(join(dir, 'out', file)), file);
    assert.ok(html.includes(`src="${file}"`), `index.html shows ${file}`);
  }
  assert.ok(html.includes('Density, iteration 100'));
  assert.ok(html.includes('<code>examples/gaussian-mixture.ts</code>'), 'the page names the TypeScript source');
  assert.ok(html.includes('src="gaussian-mixture-loss.png"'));
  assert.ok(!existsSync(join(dir, 'out', 'gaussian-mixture-density-150.png')), 'only the iterations that ran are drawn');
}));

test('run-demos runs the 2-D images barycenter example (16 x 16): 25 barycenters of mass 1 and the board figure', () => withTempDir((dir) => {
  execFileSync(process.execPath, [join(root, 'build', 'examples', 'run-demos.js'), 'images-barycenter', '--', '--size', '16'], { cwd: dir, stdio: 'pipe' });
  const result = JSON.parse(readFileSync(join(dir, 'out', 'images-barycenter-2d.json'), 'utf8'));
  assert.is(result.masses.length, 25);
  for (const m of result.masses) assert.ok(Math.abs(m - 1) < 1e-5, `mass ${m}`);
  const [w, h] = pngSize(readFileSync(join(dir, 'out', 'images-barycenter-2d.png')));
  assert.ok(w > 900 && h > 900, `figure ${w} x ${h}`);
  assert.ok(readFileSync(join(dir, 'out', 'index.html'), 'utf8').includes('src="images-barycenter-2d.png"'));
}));

test.run();

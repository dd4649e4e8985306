// Figures for the examples: a Vega-Lite (or Vega) spec is compiled to Vega, rendered to SVG
// headlessly by Vega's own SVG renderer, then rasterised to PNG by resvg's WebAssembly build.
// Everything is JavaScript or wasm, so `npm install && npm run demo` needs no native addon and
// no system fonts: the text is set in DejaVu Sans (matplotlib's default), loaded from the
// dejavu-fonts-ttf package.
import { readFileSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Config as VegaLiteConfig, TopLevelSpec as VegaLiteSpec } from 'vega-lite';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/** What savePlot draws: a Vega-Lite spec, or a Vega one (recognised by its `$schema` or `marks`). */
export type PlotSpec = VegaLiteSpec | vega.Spec;
/** A Vega-Lite view inside another (an hconcat or vconcat panel): no top-level-only properties. */
export type VegaLiteView = Extract<VegaLiteSpec, { hconcat: unknown }>['hconcat'][number];

const require = createRequire(import.meta.url);
const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'];

/** Shared look: DejaVu Sans everywhere, white background, a little padding. */
const THEME = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 8,
  title: { fontSize: 15, fontWeight: 'normal' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
} satisfies VegaLiteConfig & vega.Config;

let resvgReady: Promise<void> | null = null;
let fontBuffers: Uint8Array[] = [];

/** Loads resvg's wasm and the fonts once per process. */
function ready(): Promise<void> {
  if (!resvgReady) {
    resvgReady = initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    const fontDir = dirname(require.resolve('dejavu-fonts-ttf/package.json'));
    fontBuffers = FONT_FILES.map((f) => readFileSync(`${fontDir}/ttf/${f}`));
  }
  return resvgReady;
}

/** Whether `spec` is a Vega spec (marks, signals...) rather than a Vega-Lite one. */
function isVega(spec: PlotSpec): spec is vega.Spec {
  if (typeof spec.$schema === 'string') return !spec.$schema.includes('vega-lite');
  return 'marks' in spec && Array.isArray(spec.marks);
}

/** The Vega spec for a Vega-Lite or Vega spec, with the shared theme applied. */
export function toVega(spec: PlotSpec): vega.Spec {
  if (isVega(spec)) return { ...spec, config: { ...THEME, ...spec.config } };
  return compile(spec, { config: THEME }).spec;
}

/** Renders a Vega-Lite (or Vega) spec to an SVG string, without a browser or a canvas. */
export async function toSVG(spec: PlotSpec): Promise<string> {
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Raster {
  png: Uint8Array;
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8Array;
}

/**
 * Rasterises an SVG string; `scale` multiplies the SVG's size in pixels.
 * Resolves to the PNG bytes, the size and the RGBA pixels.
 */
export async function rasterise(svg: string, { scale = 2 }: { scale?: number } = {}): Promise<Raster> {
  await ready();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { fontBuffers, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY, serifFamily: FONT_FAMILY, monospaceFamily: FONT_FAMILY },
  });
  try {
    const image = resvg.render();
    const result = { png: image.asPng(), width: image.width, height: image.height, pixels: image.pixels };
    image.free();
    return result;
  } finally {
    resvg.free();
  }
}

/** The title text of a spec, if it has one, for the figure's caption. */
function titleOf(spec: PlotSpec): string {
  const title = spec.title;
  const t = typeof title === 'object' && title !== null && 'text' in title ? title.text : title;
  if (Array.isArray(t)) return t.join(' ');
  return typeof t === 'string' ? t : ''; // a signal-valued title has no text to show
}

/**
 * Draws a Vega-Lite spec (or a Vega spec, recognised by its `$schema` or `marks`) into a PNG
 * file at `path`, creating its folder. `scale` (default 2) sets the pixels per SVG unit.
 * Each figure is also listed, with its `caption` (default: the spec's title) and the script
 * that drew it, in `figures.jsonl` beside it, from which run-demos (examples/run-demos.ts) builds the
 * page that shows them. Resolves to the path written.
 */
export async function savePlot(path: string, spec: PlotSpec, { scale = 2, caption }: { scale?: number; caption?: string } = {}): Promise<string> {
  const { png } = await rasterise(await toSVG(spec), { scale });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  const entry = { file: basename(path), caption: caption ?? titleOf(spec), script: basename(process.argv[1] ?? '') };
  appendFileSync(join(dirname(path), 'figures.jsonl'), `${JSON.stringify(entry)}\n`);
  return path;
}

export interface DensityMapOptions {
  /** res * res cell values */
  values: ArrayLike<number>;
  /** cells per side */
  res: number;
  title?: string;
  /** res * res values to draw iso-lines of */
  contours?: ArrayLike<number>;
  /** number of iso-lines (default 41, spread over [-max|c|, max|c|] as in the tutorial) */
  levels?: number;
  /** x0, y0, x1, y1, ... drawn as small dots */
  points?: ArrayLike<number>;
  /** plot side in SVG units (default 400) */
  size?: number;
  /** Vega colour scheme (default 'viridis') */
  scheme?: string;
}

/**
 * A Vega spec for a density map on the unit square: a `res` x `res` grid of values (row-major,
 * row 0 at y = 0) drawn as coloured cells, optional iso-contours of a second grid (for
 * instance the log-density), and an optional point cloud on top; like matplotlib's
 * imshow + contour + scatter in the pykeops tutorials.
 */
export function densityMapSpec({ values, res, title, contours, levels = 41, points, size = 400, scheme = 'viridis' }: DensityMapOptions): vega.Spec {
  const cells: { c: number; r: number; v: number }[] = [];
  for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) cells.push({ c, r, v: values[r * res + c] });
  const data: vega.Data[] = [{ name: 'cells', values: cells }];
  const marks: vega.Mark[] = [{
    type: 'rect', from: { data: 'cells' },
    encode: { enter: {
      x: { scale: 'x', signal: 'datum.c / res' }, x2: { scale: 'x', signal: '(datum.c + 1) / res' },
      y: { scale: 'y', signal: 'datum.r / res' }, y2: { scale: 'y', signal: '(datum.r + 1) / res' },
      fill: { scale: 'color', field: 'v' },
    } },
  }];
  if (contours) {
    let top = 0;
    for (let k = 0; k < contours.length; k++) if (Number.isFinite(contours[k])) top = Math.max(top, Math.abs(contours[k]));
    const thresholds = Array.from({ length: levels }, (_, k) => -top + (2 * top * k) / (levels - 1));
    // Vega's isocontour reads a grid with row 0 at the top; flip the rows so that y grows upwards.
    const flipped = new Array<number>(res * res);
    for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) flipped[(res - 1 - r) * res + c] = Number.isFinite(contours[r * res + c]) ? contours[r * res + c] : -top;
    data.push({
      name: 'contours',
      values: [{ grid: { width: res, height: res, values: flipped } }],
      transform: [{ type: 'isocontour', field: 'grid', thresholds, scale: { signal: 'size / res' } }],
    });
    marks.push({
      type: 'shape', from: { data: 'contours' },
      encode: { enter: { stroke: { value: 'white' }, strokeWidth: { value: 0.6 }, strokeOpacity: { value: 0.55 }, fill: { value: null } } },
      transform: [{ type: 'geoshape', field: 'datum.contour' }],
    });
  }
  if (points) {
    const pts: { x: number; y: number }[] = [];
    for (let k = 0; k + 1 < points.length; k += 2) pts.push({ x: points[k], y: points[k + 1] });
    data.push({ name: 'points', values: pts });
    marks.push({
      type: 'symbol', from: { data: 'points' },
      encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' }, size: { value: 1.2 }, fill: { value: 'black' }, stroke: { value: null } } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: size, height: size, autosize: 'pad',
    signals: [{ name: 'res', value: res }, { name: 'size', value: size }],
    title: title ? { text: title } : undefined,
    data,
    scales: [
      { name: 'x', type: 'linear', domain: [0, 1], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [0, 1], range: 'height', zero: false, nice: false },
      { name: 'color', type: 'linear', domain: { data: 'cells', field: 'v' }, range: { scheme }, zero: false, nice: false },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', tickCount: 5 },
      { orient: 'left', scale: 'y', tickCount: 5 },
    ],
    legends: [{ fill: 'color', type: 'gradient', gradientLength: { signal: 'size - 20' } }],
    marks,
  };
}

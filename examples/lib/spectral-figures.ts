// The figures of the spectral-coordinates tutorial as Vega-Lite specs: the Node example renders
// them to PNG (examples/lib/plot.ts) and the site's page draws the same specs in the browser.
// Nothing from Node here, so that a browser bundle can take it as it is.
import type { TopLevelSpec } from 'vega-lite';
import type { Tensor, EigshResult } from '../../src/index.js';
import type { Generator } from './random.js';

/** A Vega-Lite view inside another (an hconcat or vconcat panel). */
export type VegaLiteView = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/**
 * Draws a scatter's points as an image (a URL, such as a canvas's data URL) of `width` x
 * `width` pixels over `domain` on both axes, in the order given, as discs of area `size`
 * coloured by v over its range with Vega's 'spectral' scheme (or all '#1f77b4' without
 * `colour`): what the spec's circle marks would draw.
 */
export type PointRaster = (points: readonly Point[], options: { width: number; domain: [number, number]; size: number; colour: boolean }) => string;

/**
 * How the figures draw their points: as Vega-Lite circle marks (the default; the Node example's
 * PNGs), or, given `raster`, as one image per panel under the same title and axes. A browser
 * draws 10^4 marks in ~100 ms of its page's thread, and a row of six panels in ~0.5 s; an
 * image in a few ms, so the page stays responsive (Stop) while it draws.
 */
export interface FigureOptions {
  raster?: PointRaster;
}

/** A point of a scatter plot; `v` sets its colour. */
export interface Point {
  x: number;
  y: number;
  v?: number;
}

export interface ScatterOptions {
  title: string;
  /** Mark area in square pixels (default 4). */
  size?: number;
  /** Both axes' domain (default [0, 1]). */
  domain?: [number, number];
  /** Plot side (default 260). */
  width?: number;
  /** Colour the points by v with the Spectral scheme (default), or all blue. */
  colour?: boolean;
}

/** A Vega-Lite scatter plot of points { x, y, v }, coloured by v (matplotlib's Spectral map); with `raster`, the points are one image. */
export function scatter(points: Point[], { title, size = 4, domain = [0, 1], width = 260, colour = true }: ScatterOptions, { raster }: FigureOptions = {}) {
  if (raster) {
    const axis = { title: null, tickCount: 5, grid: true }; // a datum's axis has no grid by default
    return {
      title,
      width,
      height: width,
      data: { values: [{ url: raster(points, { width, domain, size, colour }) }] },
      mark: { type: 'image', width, height: width, align: 'left', baseline: 'top', aspect: false },
      encoding: {
        x: { datum: domain[0], type: 'quantitative', scale: { domain, nice: false }, axis },
        y: { datum: domain[1], type: 'quantitative', scale: { domain, nice: false }, axis },
        url: { field: 'url', type: 'nominal' },
      },
    } satisfies VegaLiteView;
  }
  return {
    title,
    width,
    height: width,
    data: { values: points },
    mark: { type: 'circle', size, opacity: 1 },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: { domain, nice: false }, axis: { title: null, tickCount: 5 } },
      y: { field: 'y', type: 'quantitative', scale: { domain, nice: false }, axis: { title: null, tickCount: 5 } },
      ...(colour ? { color: { field: 'v', type: 'quantitative', scale: { scheme: 'spectral' }, legend: null } } : { color: { value: '#1f77b4' } }),
    },
  } satisfies VegaLiteView; // a panel of grid() or, with its data, a figure of its own
}

/**
 * Six panels on two rows, like plt.subplots(nrows=2, ncols=3), each panel's colours spread
 * over its own values as plt.scatter does (a row of a vconcat shares its colour scale unless
 * told otherwise).
 */
export function grid(panels: VegaLiteView[], title: string): TopLevelSpec {
  const independent = { scale: { color: 'independent' } } as const;
  return {
    title,
    vconcat: [{ hconcat: panels.slice(0, 3), resolve: independent }, { hconcat: panels.slice(3, 6), resolve: independent }],
    resolve: independent,
  };
}

// ------------------------------------------------------------------------------------------------
// The spiral
// ------------------------------------------------------------------------------------------------

/** The 2-D cloud [N, 2] as scatter points. */
export function cloudPoints(x: Tensor): Point[] {
  return Array.from({ length: x.shape[0] }, (_, i) => ({ x: x.data[2 * i], y: x.data[2 * i + 1] }));
}

/** The spiral, in one colour, as plt.scatter(x[:, 0], x[:, 1], s=5000 / len(x)). */
export function spiralFigure(cloud: Point[], figure: FigureOptions = {}): TopLevelSpec {
  const N = cloud.length;
  return scatter(cloud, { title: `A spiral of ${N.toLocaleString('en-US')} points`, size: Math.max(1, 5000 / N), width: 400, colour: false }, figure);
}

/** The first six spectral coordinates of `result` (eigenvectors [N, k]) on the 2-D cloud, their eigenvalues to `digits` decimals. */
export function spiralCoordinatesFigure(cloud: Point[], result: EigshResult, digits: number, title: string, figure: FigureOptions = {}): TopLevelSpec {
  const vectors = result.vectors!; // eigsh returns them unless returnEigenvectors: false
  const k = vectors.shape[1];
  const N = cloud.length;
  const panels = Array.from({ length: Math.min(6, k) }, (_, c) => scatter(
    cloud.map((p, i) => ({ ...p, v: vectors.data[i * k + c] })),
    { title: `Eigenvalue ${c + 1} = ${result.values[c].toFixed(digits)}`, size: Math.max(1, (9 * 500) / N / 2) },
    figure,
  ));
  return grid(panels, title);
}

// ------------------------------------------------------------------------------------------------
// The Swiss roll, in an oblique projection
// ------------------------------------------------------------------------------------------------

/**
 * Up to `count` of the roll's R points drawn at random for display (a scatter of 10^5 points
 * says no more than one of 10^4), as their indices.
 */
export function displaySample(R: number, rng: Generator, count = 10000): number[] {
  return Array.from({ length: Math.min(R, count) }, () => Math.floor(rng.uniform() * R));
}

/**
 * The displayed points of the roll [R, 3] in an oblique (cabinet) projection, coloured by
 * value(i): the roll's cross-section (x, z) faces us, its width y recedes at 30 degrees, far
 * points drawn first.
 */
export function rollView(points: Tensor, display: number[], value: (i: number) => number): Point[] {
  const data = points.data;
  return display.map((i) => {
    const [px, py, pz] = [data[3 * i], data[3 * i + 1], data[3 * i + 2]];
    return { x: px + 0.3 * (py - 0.5), y: pz + 0.17 * (py - 0.5), v: value(i), depth: py };
  }).sort((a, b) => b.depth - a.depth).map(({ x, y, v }) => ({ x, y, v }));
}

/** The source cloud coloured by its angle along the roll. */
export function rollFigure(points: Tensor, display: number[], t: Float64Array, figure: FigureOptions = {}): TopLevelSpec {
  const R = points.shape[0];
  return scatter(rollView(points, display, (i) => t[i]), { title: `${display.length.toLocaleString('en-US')} out of ${R.toLocaleString('en-US')} points in our source point cloud`, size: 3, width: 400 }, figure);
}

/** The cubic cells of the block-sparse kernel, each label its own (scrambled) colour. */
export function rollClustersFigure(points: Tensor, display: number[], labels: Tensor, figure: FigureOptions = {}): TopLevelSpec {
  return scatter(rollView(points, display, (i) => (labels.data[i] * 7919) % 997), { title: 'Cluster labels', size: 3, width: 400 }, figure);
}

/** Six spectral coordinates on the roll; column(k) is eigenvector k in the points' original order. */
export function rollCoordinatesFigure(points: Tensor, display: number[], values: ArrayLike<number>, column: (k: number) => ArrayLike<number>, figure: FigureOptions = {}): TopLevelSpec {
  const panels = Array.from({ length: Math.min(6, values.length) }, (_, k) => {
    const v = column(k);
    return scatter(rollView(points, display, (i) => v[i]), { title: `Eigenvalue ${k + 1} = ${values[k].toExponential(1)}`, size: 3 }, figure);
  });
  return grid(panels, 'Spectral coordinates on the Swiss roll (block-sparse kernel)');
}

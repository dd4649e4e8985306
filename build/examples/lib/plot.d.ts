import * as vega from 'vega';
import type { TopLevelSpec as VegaLiteSpec } from 'vega-lite';
/** What savePlot draws: a Vega-Lite spec, or a Vega one (recognised by its `$schema` or `marks`). */
export type PlotSpec = VegaLiteSpec | vega.Spec;
/** A Vega-Lite view inside another (an hconcat or vconcat panel): no top-level-only properties. */
export type VegaLiteView = Extract<VegaLiteSpec, {
    hconcat: unknown;
}>['hconcat'][number];
/** The Vega spec for a Vega-Lite or Vega spec, with the shared theme applied. */
export declare function toVega(spec: PlotSpec): vega.Spec;
/** Renders a Vega-Lite (or Vega) spec to an SVG string, without a browser or a canvas. */
export declare function toSVG(spec: PlotSpec): Promise<string>;
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
export declare function rasterise(svg: string, { scale }?: {
    scale?: number;
}): Promise<Raster>;
/**
 * Draws a Vega-Lite spec (or a Vega spec, recognised by its `$schema` or `marks`) into a PNG
 * file at `path`, creating its folder. `scale` (default 2) sets the pixels per SVG unit.
 * Each figure is also listed, with its `caption` (default: the spec's title) and the script
 * that drew it, in `figures.jsonl` beside it, from which run-demos (examples/run-demos.ts) builds the
 * page that shows them. Resolves to the path written.
 */
export declare function savePlot(path: string, spec: PlotSpec, { scale, caption }?: {
    scale?: number;
    caption?: string;
}): Promise<string>;
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
export declare function densityMapSpec({ values, res, title, contours, levels, points, size, scheme }: DensityMapOptions): vega.Spec;

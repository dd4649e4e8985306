// Scatter points as an image, for the charts whose thousands of points would each be a Vega
// mark: drawn on a canvas in a few milliseconds instead of ~100 ms of the page's thread per
// 10^4 marks, and shown by the chart as one image mark under its Vega-Lite title and axes
// (examples/lib/spectral-figures.ts, FigureOptions.raster). The colours are those the marks
// would have: Vega's scheme over the range of the values.
import * as vega from 'vega';
import type { Point, PointRaster } from '../../examples/lib/spectral-figures.js';

/** A Vega colour scheme as 256 CSS colours, from the scheme's own interpolator. */
function schemeColours(name: string): string[] {
  const interpolate = vega.scheme(name) as (t: number) => string;
  return Array.from({ length: 256 }, (_, k) => interpolate(k / 255));
}

let spectral: string[] | null = null;
/** The single colour of an uncoloured scatter (Vega-Lite's default, as the spec sets it). */
const PLAIN = '#1f77b4';

/**
 * Draws `points` over `domain` on a canvas of `width` CSS pixels a side (at up to twice the
 * device's pixel ratio, for sharp discs), in their order, each a disc of area `size` square
 * pixels; returns the image as a PNG data URL.
 */
export const rasterPoints: PointRaster = (points: readonly Point[], { width, domain, size, colour }) => {
  const scale = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
  const side = Math.round(width * scale);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const [d0, d1] = domain;
  const px = side / (d1 - d0);
  const radius = Math.sqrt(size / Math.PI) * scale;
  let lo = Infinity;
  let hi = -Infinity;
  if (colour) {
    for (const p of points) {
      const v = p.v ?? 0;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const span = hi > lo ? hi - lo : 1;
  const colours = colour ? (spectral ??= schemeColours('spectral')) : null;
  ctx.fillStyle = PLAIN;
  for (const p of points) {
    if (colours) ctx.fillStyle = colours[Math.round((255 * ((p.v ?? 0) - lo)) / span)] ?? PLAIN;
    ctx.beginPath();
    ctx.arc((p.x - d0) * px, (d1 - p.y) * px, radius, 0, 2 * Math.PI);
    ctx.fill();
  }
  return canvas.toDataURL('image/png');
};

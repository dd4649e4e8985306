// Scatter points as an image, for the charts whose thousands of points would each be a Vega
// mark: 10^4 marks hold the page's thread for ~100 ms (a row of six panels for half a second,
// and Stop with it); stamped into pixels they take a few milliseconds. The chart shows the
// image as one image mark under its Vega-Lite title and axes (examples/lib/spectral-figures.ts,
// FigureOptions.raster), with the colours the marks would have: Vega's scheme over the range
// of the values.
//
// A figure's images are stamped one per task and handed to the chart as PNG blobs that the
// browser encodes outside the page's task (canvas.toBlob): a synchronous toDataURL per panel
// held the page's thread for ~0.3 s per figure of six panels at the tutorial's size.
import { schemeTable } from './colour-scheme.js';
import type { FigureOptions, Point, PointRaster } from '../../examples/lib/spectral-figures.js';

let spectral: Uint8ClampedArray | null = null;
/** The single colour of an uncoloured scatter ('#1f77b4', as the spec sets it). */
const PLAIN = [0x1f, 0x77, 0xb4];

/** A disc of `radius` pixels centred on a pixel: the offsets it touches and its coverage of each (4 x 4 samples a pixel). */
function discMask(radius: number): { dx: Int32Array; dy: Int32Array; cover: Float32Array } {
  const reach = Math.ceil(radius + 0.5);
  const dx: number[] = [];
  const dy: number[] = [];
  const cover: number[] = [];
  for (let y = -reach; y <= reach; y++) {
    for (let x = -reach; x <= reach; x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if ((x - 0.375 + sx / 4) ** 2 + (y - 0.375 + sy / 4) ** 2 <= radius * radius) inside++;
      if (inside) {
        dx.push(x);
        dy.push(y);
        cover.push(inside / 16);
      }
    }
  }
  return { dx: Int32Array.from(dx), dy: Int32Array.from(dy), cover: Float32Array.from(cover) };
}

type RasterOptions = Parameters<PointRaster>[1];

/**
 * Stamps `points` over `domain` into an image of `width` CSS pixels a side (times the device's
 * pixel ratio, up to 2), in their order, each an anti-aliased disc of area `size` square
 * pixels drawn over the ones before.
 */
export function stampPoints(points: readonly Point[], { width, domain, size, colour }: RasterOptions): HTMLCanvasElement {
  const scale = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
  const side = Math.round(width * scale);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(side, side);
  const data = image.data;
  const [d0, d1] = domain;
  const px = side / (d1 - d0);
  const { dx, dy, cover } = discMask(Math.sqrt(size / Math.PI) * scale);
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
  const table = colour ? (spectral ??= schemeTable('spectral')) : null;
  for (const p of points) {
    const cx = Math.floor((p.x - d0) * px);
    const cy = Math.floor((d1 - p.y) * px);
    let r = PLAIN[0];
    let g = PLAIN[1];
    let b = PLAIN[2];
    if (table) {
      const k = 3 * Math.round((255 * ((p.v ?? 0) - lo)) / span);
      r = table[k];
      g = table[k + 1];
      b = table[k + 2];
    }
    for (let m = 0; m < cover.length; m++) {
      const x = cx + dx[m];
      const y = cy + dy[m];
      if (x < 0 || y < 0 || x >= side || y >= side) continue;
      // Source over destination, non-premultiplied as ImageData holds it.
      const at = 4 * (y * side + x);
      const a = cover[m];
      const da = data[at + 3] / 255;
      const oa = a + da * (1 - a);
      const keep = (da * (1 - a)) / oa;
      data[at] = r * (a / oa) + data[at] * keep;
      data[at + 1] = g * (a / oa) + data[at + 1] * keep;
      data[at + 2] = b * (a / oa) + data[at + 2] * keep;
      data[at + 3] = 255 * oa;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** Resolves after the tasks already queued (a Stop click among them). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The canvas as a PNG blob: URL; the browser encodes it outside the page's current task. */
function blobUrl(canvas: HTMLCanvasElement): Promise<string> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(URL.createObjectURL(blob)) : reject(new Error('the browser could not encode a figure\'s points as PNG'))), 'image/png');
  });
}

/** Replaces, in a spec (plain JSON data), every string that `urls` has as a key. */
function substitute<T>(value: T, urls: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (urls.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v) => substitute(v, urls)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, urls)])) as T;
  }
  return value;
}

/**
 * Builds a figure (`build` with FigureOptions.raster) whose panels' points are images: each is
 * stamped in its own task and encoded by the browser, so that a Stop click waits for one
 * panel's stamping at most. Resolves to the spec and the blob: URLs it holds (revoke them when
 * the chart goes), or to null after `signal` aborts.
 */
export async function figureWithRasters<T>(build: (figure: FigureOptions) => T, signal: AbortSignal): Promise<{ spec: T; urls: string[] } | null> {
  const panels: { points: readonly Point[]; options: RasterOptions; key: string }[] = [];
  const spec = build({
    raster: (points, options) => {
      const key = `lazykernel-raster:${panels.length}`;
      panels.push({ points, options, key });
      return key;
    },
  });
  const urls = new Map<string, string>();
  try {
    for (const panel of panels) {
      await nextTask();
      if (signal.aborted) break;
      urls.set(panel.key, await blobUrl(stampPoints(panel.points, panel.options)));
    }
  } catch (e) {
    for (const url of urls.values()) URL.revokeObjectURL(url);
    throw e;
  }
  if (signal.aborted) {
    for (const url of urls.values()) URL.revokeObjectURL(url);
    return null;
  }
  return { spec: substitute(spec, urls), urls: [...urls.values()] };
}

// A density map on the unit square, drawn as a raster on a canvas (a chart library would draw
// the res x res cells one mark each, too slow to redraw while a model learns): the density's
// cells coloured by viridis, iso-lines of the log-density in white, the data points in black,
// as examples/lib/plot.ts's densityMapSpec draws them in Node.
import { schemeTable } from './colour-scheme.js';


export interface DensityFrame {
  /** res * res values, row-major, row 0 at y = 0 (the bottom). */
  density: ArrayLike<number>;
  /** res * res values to draw iso-lines of (the log-density). */
  logDensity?: ArrayLike<number>;
  res: number;
  /** Iso-lines, spread over [-max |log|, max |log|] as in the tutorial (default 41). */
  levels?: number;
}

export class DensityMap {
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #colours = schemeTable('viridis');
  #points: HTMLCanvasElement | null = null;
  #cellCanvas: HTMLCanvasElement | null = null;

  /** Draws into `canvas`, at its CSS size times the device pixel ratio. */
  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    const side = Math.round(canvas.width * Math.min(2, globalThis.devicePixelRatio || 1));
    canvas.width = side;
    canvas.height = side;
    this.#ctx = canvas.getContext('2d')!;
    this.clear();
  }

  /** Sets the point cloud drawn on top (x0, y0, x1, y1, ... in the unit square). */
  setPoints(points: ArrayLike<number>): void {
    const { width, height } = this.canvas;
    const layer = document.createElement('canvas');
    layer.width = width;
    layer.height = height;
    const ctx = layer.getContext('2d')!;
    ctx.fillStyle = 'black';
    const dot = Math.max(1, width / 400);
    for (let k = 0; k + 1 < points.length; k += 2) ctx.fillRect(points[k] * width - dot / 2, (1 - points[k + 1]) * height - dot / 2, dot, dot);
    this.#points = layer;
  }

  /** A blank map (light grey) with the points, before the first frame of a run. */
  clear(): void {
    const { width, height } = this.canvas;
    this.#ctx.fillStyle = '#eef0f3';
    this.#ctx.fillRect(0, 0, width, height);
    if (this.#points) this.#ctx.drawImage(this.#points, 0, 0);
  }

  /** Draws one frame: the cells, the iso-lines of the log-density, the points. */
  draw({ density, logDensity, res, levels = 41 }: DensityFrame): void {
    const { width, height } = this.canvas;
    const ctx = this.#ctx;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.#cells(density, res), 0, 0, width, height);
    if (logDensity) this.#contours(logDensity, res, levels);
    if (this.#points) ctx.drawImage(this.#points, 0, 0);
  }

  /** The cells as a res x res image, coloured over [min, max] of the values, row 0 at the bottom. */
  #cells(values: ArrayLike<number>, res: number): HTMLCanvasElement {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < res * res; k++) {
      const v = values[k];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi > lo ? hi - lo : 1;
    const image = new ImageData(res, res);
    const colours = this.#colours;
    for (let r = 0; r < res; r++) {
      for (let c = 0; c < res; c++) {
        const v = values[r * res + c];
        const k = Number.isFinite(v) ? Math.round((255 * (v - lo)) / span) : 0;
        const at = 4 * ((res - 1 - r) * res + c);
        image.data[at] = colours[3 * k];
        image.data[at + 1] = colours[3 * k + 1];
        image.data[at + 2] = colours[3 * k + 2];
        image.data[at + 3] = 255;
      }
    }
    if (this.#cellCanvas?.width !== res) {
      this.#cellCanvas = document.createElement('canvas');
      this.#cellCanvas.width = res;
      this.#cellCanvas.height = res;
    }
    this.#cellCanvas.getContext('2d')!.putImageData(image, 0, 0);
    return this.#cellCanvas;
  }

  /** Iso-lines by marching squares over the grid of cell centres, one path per level. */
  #contours(values: ArrayLike<number>, res: number, levels: number): void {
    let top = 0;
    for (let k = 0; k < res * res; k++) if (Number.isFinite(values[k])) top = Math.max(top, Math.abs(values[k]));
    if (!(top > 0)) return;
    const f = new Float64Array(res * res);
    for (let k = 0; k < res * res; k++) f[k] = Number.isFinite(values[k]) ? values[k] : -top;
    const { width, height } = this.canvas;
    const sx = width / res;
    const sy = height / res;
    const X = (c: number) => (c + 0.5) * sx;
    const Y = (r: number) => height - (r + 0.5) * sy;
    const ctx = this.#ctx;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    ctx.lineWidth = Math.max(0.6, width / 800);
    ctx.beginPath();
    const point = (edge: number, c: number, r: number, v00: number, v10: number, v11: number, v01: number, t: number, move: boolean) => {
      let x: number;
      let y: number;
      if (edge === 0) { x = c + (t - v00) / (v10 - v00); y = r; }
      else if (edge === 1) { x = c + 1; y = r + (t - v10) / (v11 - v10); }
      else if (edge === 2) { x = c + (t - v01) / (v11 - v01); y = r + 1; }
      else { x = c; y = r + (t - v00) / (v01 - v00); }
      if (move) ctx.moveTo(X(x), Y(y));
      else ctx.lineTo(X(x), Y(y));
    };
    for (let l = 0; l < levels; l++) {
      const t = -top + (2 * top * l) / (levels - 1);
      for (let r = 0; r + 1 < res; r++) {
        for (let c = 0; c + 1 < res; c++) {
          const v00 = f[r * res + c];
          const v10 = f[r * res + c + 1];
          const v01 = f[(r + 1) * res + c];
          const v11 = f[(r + 1) * res + c + 1];
          const index = (v00 >= t ? 1 : 0) | (v10 >= t ? 2 : 0) | (v11 >= t ? 4 : 0) | (v01 >= t ? 8 : 0);
          if (index === 0 || index === 15) continue;
          const list = index === 5 || index === 10 ? SADDLES[index][(v00 + v10 + v11 + v01) / 4 >= t ? 1 : 0] : SEGMENTS[index];
          for (let s = 0; s < list.length; s += 2) {
            point(list[s], c, r, v00, v10, v11, v01, t, true);
            point(list[s + 1], c, r, v00, v10, v11, v01, t, false);
          }
        }
      }
    }
    ctx.stroke();
  }
}

// Marching squares: corners v00 (bit 1), v10 (2), v11 (4), v01 (8) at or above the level; edges
// 0 bottom, 1 right, 2 top, 3 left; each case lists the pairs of edges its segments join.
const SEGMENTS: number[][] = [
  [], [3, 0], [0, 1], [3, 1], [1, 2], [], [0, 2], [3, 2],
  [2, 3], [0, 2], [], [1, 2], [1, 3], [0, 1], [3, 0], [],
];
/** The two saddles, by whether the cell's centre is below (0) or at / above (1) the level. */
const SADDLES: Record<number, [number[], number[]]> = {
  5: [[3, 0, 1, 2], [0, 1, 3, 2]],
  10: [[0, 1, 2, 3], [3, 0, 1, 2]],
};

// The figures of the "Wasserstein barycenters in 1D" tutorial: density curves (the Gaussian
// KDE the tutorial draws with sklearn) and the Vega-Lite specs of its "waffle" of panels, shared
// by the Node example (examples/wasserstein-barycenters-1d.ts, which renders them to PNG) and
// the site's live page (site/pages/wasserstein-barycenters.ts, which draws them with Vega in the
// browser). Nothing from Node: a browser bundle takes it as it is.
import type { TopLevelSpec } from 'vega-lite';
import { tensor, Vi, Vj, type Tensor, type ReduceOptions } from '../../src/index.js';
import { isPanel, linspace, type Snapshot } from './barycenters-model.js';

/** A Vega-Lite view inside another (an hconcat or vconcat panel): no top-level-only properties. */
export type VegaLiteView = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/** Points of the density curves, on [-0.1, 1.1] (the tutorial's t_plot, with 300 points instead of 1000). */
export const PLOT_POINTS = 300;
/** The abscissae of the density curves, [PLOT_POINTS, 1]. */
export const T_PLOT: Tensor = tensor(linspace(PLOT_POINTS, -0.1, 1.1), [PLOT_POINTS, 1]);
/** The tutorial's blur of the endpoints' curves, and the larger one of the barycenter's. */
export const ENDPOINT_BLUR = 0.002;
export const BARYCENTER_BLUR = 0.005;
/** The tutorial's colours: endpoint a, endpoint b, the barycenter. */
export const COLORS = { a: 'rgb(242,140,140)', b: 'rgb(140,140,242)', barycenter: 'rgb(140,242,140)' } as const;
/** The vertical range of every panel: the tutorial's ax.axis([-0.1, 1.1, -0.1, 20.5]). */
const Y_DOMAIN = [-0.1, 20.5];

/**
 * The density curve of the samples `x` [n, 1] with `weights` (uniform when null) on T_PLOT, as
 * sklearn's KernelDensity(kernel="gaussian", bandwidth=blur) with sample weights: one Gaussian
 * convolution, computed as a lazy kernel sum over the samples. Zero at both ends, as the
 * tutorial sets them, so that the filled area closes.
 */
export async function densityCurve(x: Tensor, weights: Tensor | null, blur: number, options: ReduceOptions = {}): Promise<number[]> {
  const n = x.shape[0];
  const w = weights ?? tensor(new Float32Array(n).fill(1 / n), [n, 1]);
  let total = 0;
  for (const v of w.data) total += v;
  const K = Vi(T_PLOT).sqdist(Vj(x)).mul(-1 / (2 * blur * blur)).exp();
  const dens = await K.mul(Vj(w.reshape([n, 1]))).sum(1, options);
  const c = 1 / (Math.sqrt(2 * Math.PI) * blur * total);
  const values = Array.from(dens.data, (v) => v * c);
  values[0] = 0;
  values[values.length - 1] = 0;
  return values;
}

/** The endpoints' curves, drawn in every panel. */
export interface EndpointCurves {
  a: number[];
  b: number[];
}

/** The curves of the endpoints x_i and y_j. */
export async function endpointCurves(x_i: Tensor, y_j: Tensor, options: ReduceOptions = {}): Promise<EndpointCurves> {
  return { a: await densityCurve(x_i, null, ENDPOINT_BLUR, options), b: await densityCurve(y_j, null, ENDPOINT_BLUR, options) };
}

/** The barycenter's curve at a snapshot: blurred a little more than the endpoints, as in the tutorial. */
export function barycenterCurve(s: Snapshot, options: ReduceOptions = {}): Promise<number[]> {
  const n = s.z.length;
  return densityCurve(tensor(s.z, [n, 1]), tensor(s.c, [n, 1]), BARYCENTER_BLUR, options);
}

/** One row of a panel's data: abscissa t, density d, measure m ('a', 'b' or 'barycenter'). */
export interface CurveRow {
  t: number;
  d: number;
  m: 'a' | 'b' | 'barycenter';
}

/** The rows of one panel: the two endpoints and the barycenter, on T_PLOT. */
export function panelRows(endpoints: EndpointCurves, barycenter: number[]): CurveRow[] {
  const rows: CurveRow[] = [];
  for (let k = 0; k < PLOT_POINTS; k++) {
    const t = T_PLOT.data[k];
    rows.push({ t, d: endpoints.a[k], m: 'a' }, { t, d: endpoints.b[k], m: 'b' }, { t, d: barycenter[k], m: 'barycenter' });
  }
  return rows;
}

/** The panel's title, as the tutorial's: "nit = 3, cost = 0.0904". */
export const panelTitle = (s: Pick<Snapshot, 'nit' | 'cost'>): string => `nit = ${s.nit}, cost = ${s.cost.toFixed(4)}`;

/**
 * One panel: the three filled density curves on [-0.1, 1.1] x [-0.1, 20.5], without axes.
 * `data` is the rows themselves, or the name of a data source that a live chart fills.
 */
export function panelSpec(title: string, data: CurveRow[] | string, { width = 240, height = 120 }: { width?: number; height?: number } = {}): VegaLiteView {
  return {
    title,
    width, height,
    data: typeof data === 'string' ? { name: data } : { values: data },
    // Clipped to the panel, like matplotlib's axes: a sharp barycenter peaks above 20.5.
    mark: { type: 'area', opacity: 1, interpolate: 'linear', clip: true },
    encoding: {
      x: { field: 't', type: 'quantitative', scale: { domain: [-0.1, 1.1] }, axis: null },
      y: { field: 'd', type: 'quantitative', scale: { domain: Y_DOMAIN }, axis: null, stack: null },
      color: { field: 'm', type: 'nominal', scale: { domain: ['a', 'b', 'barycenter'], range: [COLORS.a, COLORS.b, COLORS.barycenter] }, legend: null },
      order: { field: 'm' },
    },
  };
}

/**
 * The snapshots a run's row of panels shows: the evaluations the tutorial draws (nit 0 to 4, then
 * every 4th), at most `max`: the first max - 1 and the last.
 */
export function shownSnapshots(snapshots: readonly Snapshot[], max = 8): Snapshot[] {
  const panels = snapshots.filter((s) => isPanel(s.nit));
  return panels.length <= max ? panels : [...panels.slice(0, max - 1), panels[panels.length - 1]];
}

/** A drawn panel: its title and its rows. */
export interface Panel {
  title: string;
  rows: CurveRow[];
}

/** The panels of one run, computed from its snapshots (one density reduction each). */
export async function runPanels(snapshots: readonly Snapshot[], endpoints: EndpointCurves, options: ReduceOptions = {}): Promise<Panel[]> {
  const panels: Panel[] = [];
  for (const s of shownSnapshots(snapshots)) panels.push({ title: panelTitle(s), rows: panelRows(endpoints, await barycenterCurve(s, options)) });
  return panels;
}

/** The tutorial's "waffle" for one run: its name, then rows of four panels. */
export function runRowSpec(name: string, panels: readonly Panel[], size: { width?: number; height?: number } = {}): VegaLiteView {
  const views = panels.map((p) => panelSpec(p.title, p.rows, size));
  const rows = [views.slice(0, 4), views.slice(4)].filter((r) => r.length).map((r) => ({ hconcat: r }));
  return { title: { text: name, anchor: 'start', fontSize: 14 }, vconcat: rows };
}

/** A top-level spec holding one view (a panel, a run's waffle), with the figure's grey frames. */
export function standaloneSpec(view: VegaLiteView): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', vconcat: [view], config: { view: { stroke: '#ddd' } } };
}

/** The whole figure: one waffle per run, as out/barycenters-1d.png. */
export function barycentersFigureSpec(runs: readonly { name: string; panels: readonly Panel[] }[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Sinkhorn barycenters of two 1-D measures: Eulerian and Lagrangian L-BFGS descents',
    vconcat: runs.map((r) => runRowSpec(r.name, r.panels)),
    config: { view: { stroke: '#ddd' } },
  };
}

import { tensor, Vi, Vj } from '../../src/index.js';
import { isPanel, linspace } from './barycenters-model.js';
/** Points of the density curves, on [-0.1, 1.1] (the tutorial's t_plot, with 300 points instead of 1000). */
export const PLOT_POINTS = 300;
/** The abscissae of the density curves, [PLOT_POINTS, 1]. */
export const T_PLOT = tensor(linspace(PLOT_POINTS, -0.1, 1.1), [PLOT_POINTS, 1]);
/** The tutorial's blur of the endpoints' curves, and the larger one of the barycenter's. */
export const ENDPOINT_BLUR = 0.002;
export const BARYCENTER_BLUR = 0.005;
/** The tutorial's colours: endpoint a, endpoint b, the barycenter. */
export const COLORS = { a: 'rgb(242,140,140)', b: 'rgb(140,140,242)', barycenter: 'rgb(140,242,140)' };
/** The vertical range of every panel: the tutorial's ax.axis([-0.1, 1.1, -0.1, 20.5]). */
const Y_DOMAIN = [-0.1, 20.5];
/**
 * The density curve of the samples `x` [n, 1] with `weights` (uniform when null) on T_PLOT, as
 * sklearn's KernelDensity(kernel="gaussian", bandwidth=blur) with sample weights: one Gaussian
 * convolution, computed as a lazy kernel sum over the samples. Zero at both ends, as the
 * tutorial sets them, so that the filled area closes.
 */
export async function densityCurve(x, weights, blur, options = {}) {
    const n = x.shape[0];
    const w = weights ?? tensor(new Float32Array(n).fill(1 / n), [n, 1]);
    let total = 0;
    for (const v of w.data)
        total += v;
    const K = Vi(T_PLOT).sqdist(Vj(x)).mul(-1 / (2 * blur * blur)).exp();
    const dens = await K.mul(Vj(w.reshape([n, 1]))).sum(1, options);
    const c = 1 / (Math.sqrt(2 * Math.PI) * blur * total);
    const values = Array.from(dens.data, (v) => v * c);
    values[0] = 0;
    values[values.length - 1] = 0;
    return values;
}
/** The curves of the endpoints x_i and y_j. */
export async function endpointCurves(x_i, y_j, options = {}) {
    return { a: await densityCurve(x_i, null, ENDPOINT_BLUR, options), b: await densityCurve(y_j, null, ENDPOINT_BLUR, options) };
}
/** The barycenter's curve at a snapshot: blurred a little more than the endpoints, as in the tutorial. */
export function barycenterCurve(s, options = {}) {
    const n = s.z.length;
    return densityCurve(tensor(s.z, [n, 1]), tensor(s.c, [n, 1]), BARYCENTER_BLUR, options);
}
/** The rows of one panel: the two endpoints and the barycenter, on T_PLOT. */
export function panelRows(endpoints, barycenter) {
    const rows = [];
    for (let k = 0; k < PLOT_POINTS; k++) {
        const t = T_PLOT.data[k];
        rows.push({ t, d: endpoints.a[k], m: 'a' }, { t, d: endpoints.b[k], m: 'b' }, { t, d: barycenter[k], m: 'barycenter' });
    }
    return rows;
}
/** The panel's title, as the tutorial's: "nit = 3, cost = 0.0904". */
export const panelTitle = (s) => `nit = ${s.nit}, cost = ${s.cost.toFixed(4)}`;
/**
 * One panel: the three filled density curves on [-0.1, 1.1] x [-0.1, 20.5], without axes.
 * `data` is the rows themselves, or the name of a data source that a live chart fills.
 */
export function panelSpec(title, data, { width = 240, height = 120 } = {}) {
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
export function shownSnapshots(snapshots, max = 8) {
    const panels = snapshots.filter((s) => isPanel(s.nit));
    return panels.length <= max ? panels : [...panels.slice(0, max - 1), panels[panels.length - 1]];
}
/** The panels of one run, computed from its snapshots (one density reduction each). */
export async function runPanels(snapshots, endpoints, options = {}) {
    const panels = [];
    for (const s of shownSnapshots(snapshots))
        panels.push({ title: panelTitle(s), rows: panelRows(endpoints, await barycenterCurve(s, options)) });
    return panels;
}
/** The tutorial's "waffle" for one run: its name, then rows of four panels. */
export function runRowSpec(name, panels, size = {}) {
    const views = panels.map((p) => panelSpec(p.title, p.rows, size));
    const rows = [views.slice(0, 4), views.slice(4)].filter((r) => r.length).map((r) => ({ hconcat: r }));
    return { title: { text: name, anchor: 'start', fontSize: 14 }, vconcat: rows };
}
/** A top-level spec holding one view (a panel, a run's waffle), with the figure's grey frames. */
export function standaloneSpec(view) {
    return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', vconcat: [view], config: { view: { stroke: '#ddd' } } };
}
/** The whole figure: one waffle per run, as out/barycenters-1d.png. */
export function barycentersFigureSpec(runs) {
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: 'Sinkhorn barycenters of two 1-D measures: Eulerian and Lagrangian L-BFGS descents',
        vconcat: runs.map((r) => runRowSpec(r.name, r.panels)),
        config: { view: { stroke: '#ddd' } },
    };
}

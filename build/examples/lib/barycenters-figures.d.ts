import type { TopLevelSpec } from 'vega-lite';
import { type Tensor, type ReduceOptions } from '../../src/index.js';
import { type Snapshot } from './barycenters-model.js';
/** A Vega-Lite view inside another (an hconcat or vconcat panel): no top-level-only properties. */
export type VegaLiteView = Extract<TopLevelSpec, {
    hconcat: unknown;
}>['hconcat'][number];
/** Points of the density curves, on [-0.1, 1.1] (the tutorial's t_plot, with 300 points instead of 1000). */
export declare const PLOT_POINTS = 300;
/** The abscissae of the density curves, [PLOT_POINTS, 1]. */
export declare const T_PLOT: Tensor;
/** The tutorial's blur of the endpoints' curves, and the larger one of the barycenter's. */
export declare const ENDPOINT_BLUR = 0.002;
export declare const BARYCENTER_BLUR = 0.005;
/** The tutorial's colours: endpoint a, endpoint b, the barycenter. */
export declare const COLORS: {
    readonly a: "rgb(242,140,140)";
    readonly b: "rgb(140,140,242)";
    readonly barycenter: "rgb(140,242,140)";
};
/**
 * The density curve of the samples `x` [n, 1] with `weights` (uniform when null) on T_PLOT, as
 * sklearn's KernelDensity(kernel="gaussian", bandwidth=blur) with sample weights: one Gaussian
 * convolution, computed as a lazy kernel sum over the samples. Zero at both ends, as the
 * tutorial sets them, so that the filled area closes.
 */
export declare function densityCurve(x: Tensor, weights: Tensor | null, blur: number, options?: ReduceOptions): Promise<number[]>;
/** The endpoints' curves, drawn in every panel. */
export interface EndpointCurves {
    a: number[];
    b: number[];
}
/** The curves of the endpoints x_i and y_j. */
export declare function endpointCurves(x_i: Tensor, y_j: Tensor, options?: ReduceOptions): Promise<EndpointCurves>;
/** The barycenter's curve at a snapshot: blurred a little more than the endpoints, as in the tutorial. */
export declare function barycenterCurve(s: Snapshot, options?: ReduceOptions): Promise<number[]>;
/** One row of a panel's data: abscissa t, density d, measure m ('a', 'b' or 'barycenter'). */
export interface CurveRow {
    t: number;
    d: number;
    m: 'a' | 'b' | 'barycenter';
}
/** The rows of one panel: the two endpoints and the barycenter, on T_PLOT. */
export declare function panelRows(endpoints: EndpointCurves, barycenter: number[]): CurveRow[];
/** The panel's title, as the tutorial's: "nit = 3, cost = 0.0904". */
export declare const panelTitle: (s: Pick<Snapshot, "nit" | "cost">) => string;
/**
 * One panel: the three filled density curves on [-0.1, 1.1] x [-0.1, 20.5], without axes.
 * `data` is the rows themselves, or the name of a data source that a live chart fills.
 */
export declare function panelSpec(title: string, data: CurveRow[] | string, { width, height }?: {
    width?: number;
    height?: number;
}): VegaLiteView;
/**
 * The snapshots a run's row of panels shows: the evaluations the tutorial draws (nit 0 to 4, then
 * every 4th), at most `max`: the first max - 1 and the last.
 */
export declare function shownSnapshots(snapshots: readonly Snapshot[], max?: number): Snapshot[];
/** A drawn panel: its title and its rows. */
export interface Panel {
    title: string;
    rows: CurveRow[];
}
/** The panels of one run, computed from its snapshots (one density reduction each). */
export declare function runPanels(snapshots: readonly Snapshot[], endpoints: EndpointCurves, options?: ReduceOptions): Promise<Panel[]>;
/** The tutorial's "waffle" for one run: its name, then rows of four panels. */
export declare function runRowSpec(name: string, panels: readonly Panel[], size?: {
    width?: number;
    height?: number;
}): VegaLiteView;
/** A top-level spec holding one view (a panel, a run's waffle), with the figure's grey frames. */
export declare function standaloneSpec(view: VegaLiteView): TopLevelSpec;
/** The whole figure: one waffle per run, as out/barycenters-1d.png. */
export declare function barycentersFigureSpec(runs: readonly {
    name: string;
    panels: readonly Panel[];
}[]): TopLevelSpec;

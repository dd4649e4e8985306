import type { TopLevelSpec } from 'vega-lite';
import type { Tensor, EigshResult } from '../../src/index.js';
import type { Generator } from './random.js';
/** A Vega-Lite view inside another (an hconcat or vconcat panel). */
export type VegaLiteView = Extract<TopLevelSpec, {
    hconcat: unknown;
}>['hconcat'][number];
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
/** A Vega-Lite scatter plot of points { x, y, v }, coloured by v (matplotlib's Spectral map). */
export declare function scatter(points: Point[], { title, size, domain, width, colour }: ScatterOptions): {
    title: string;
    width: number;
    height: number;
    data: {
        values: Point[];
    };
    mark: {
        type: "circle";
        size: number;
        opacity: number;
    };
    encoding: {
        color: {
            field: string;
            type: "quantitative";
            scale: {
                scheme: "spectral";
            };
            legend: null;
            value?: undefined;
        };
        x: {
            field: string;
            type: "quantitative";
            scale: {
                domain: [number, number];
                nice: false;
            };
            axis: {
                title: null;
                tickCount: number;
            };
        };
        y: {
            field: string;
            type: "quantitative";
            scale: {
                domain: [number, number];
                nice: false;
            };
            axis: {
                title: null;
                tickCount: number;
            };
        };
    } | {
        color: {
            value: string;
            field?: undefined;
            type?: undefined;
            scale?: undefined;
            legend?: undefined;
        };
        x: {
            field: string;
            type: "quantitative";
            scale: {
                domain: [number, number];
                nice: false;
            };
            axis: {
                title: null;
                tickCount: number;
            };
        };
        y: {
            field: string;
            type: "quantitative";
            scale: {
                domain: [number, number];
                nice: false;
            };
            axis: {
                title: null;
                tickCount: number;
            };
        };
    };
};
/** Six panels on two rows, like plt.subplots(nrows=2, ncols=3). */
export declare function grid(panels: VegaLiteView[], title: string): TopLevelSpec;
/** The 2-D cloud [N, 2] as scatter points. */
export declare function cloudPoints(x: Tensor): Point[];
/** The spiral, in one colour, as plt.scatter(x[:, 0], x[:, 1], s=5000 / len(x)). */
export declare function spiralFigure(cloud: Point[]): TopLevelSpec;
/** The first six spectral coordinates of `result` (eigenvectors [N, k]) on the 2-D cloud, their eigenvalues to `digits` decimals. */
export declare function spiralCoordinatesFigure(cloud: Point[], result: EigshResult, digits: number, title: string): TopLevelSpec;
/**
 * Up to `count` of the roll's R points drawn at random for display (a scatter of 10^5 points
 * says no more than one of 10^4), as their indices.
 */
export declare function displaySample(R: number, rng: Generator, count?: number): number[];
/**
 * The displayed points of the roll [R, 3] in an oblique (cabinet) projection, coloured by
 * value(i): the roll's cross-section (x, z) faces us, its width y recedes at 30 degrees, far
 * points drawn first.
 */
export declare function rollView(points: Tensor, display: number[], value: (i: number) => number): Point[];
/** The source cloud coloured by its angle along the roll. */
export declare function rollFigure(points: Tensor, display: number[], t: Float64Array): TopLevelSpec;
/** The cubic cells of the block-sparse kernel, each label its own (scrambled) colour. */
export declare function rollClustersFigure(points: Tensor, display: number[], labels: Tensor): TopLevelSpec;
/** Six spectral coordinates on the roll; column(k) is eigenvector k in the points' original order. */
export declare function rollCoordinatesFigure(points: Tensor, display: number[], values: ArrayLike<number>, column: (k: number) => ArrayLike<number>): TopLevelSpec;

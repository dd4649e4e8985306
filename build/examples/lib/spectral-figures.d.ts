import type { TopLevelSpec } from 'vega-lite';
import type { Tensor, EigshResult } from '../../src/index.js';
import type { Generator } from './random.js';
/** A Vega-Lite view inside another (an hconcat or vconcat panel). */
export type VegaLiteView = Extract<TopLevelSpec, {
    hconcat: unknown;
}>['hconcat'][number];
/**
 * Draws a scatter's points as an image (a URL, such as a canvas's data URL) of `width` x
 * `width` pixels over `domain` on both axes, in the order given, as discs of area `size`
 * coloured by v over its range with Vega's 'spectral' scheme (or all '#1f77b4' without
 * `colour`): what the spec's circle marks would draw.
 */
export type PointRaster = (points: readonly Point[], options: {
    width: number;
    domain: [number, number];
    size: number;
    colour: boolean;
}) => string;
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
export declare function scatter(points: Point[], { title, size, domain, width, colour }: ScatterOptions, { raster }?: FigureOptions): {
    title: string;
    width: number;
    height: number;
    data: {
        values: {
            url: string;
        }[];
    };
    mark: {
        type: "image";
        width: number;
        height: number;
        align: "left";
        baseline: "top";
        aspect: false;
        size?: undefined;
        opacity?: undefined;
    };
    encoding: {
        x: {
            datum: number;
            type: "quantitative";
            scale: {
                domain: [number, number];
                nice: false;
            };
            axis: {
                title: null;
                tickCount: number;
                grid: boolean;
            };
            field?: undefined;
        };
        y: {
            datum: number;
            type: "quantitative";
            scale: {
                domain: [number, number];
                nice: false;
            };
            axis: {
                title: null;
                tickCount: number;
                grid: boolean;
            };
            field?: undefined;
        };
        url: {
            field: string;
            type: "nominal";
        };
    };
} | {
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
        width?: undefined;
        height?: undefined;
        align?: undefined;
        baseline?: undefined;
        aspect?: undefined;
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
            datum?: undefined;
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
            datum?: undefined;
        };
        url?: undefined;
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
            datum?: undefined;
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
            datum?: undefined;
        };
        url?: undefined;
    };
};
/**
 * Six panels on two rows, like plt.subplots(nrows=2, ncols=3), each panel's colours spread
 * over its own values as plt.scatter does (a row of a vconcat shares its colour scale unless
 * told otherwise).
 */
export declare function grid(panels: VegaLiteView[], title: string): TopLevelSpec;
/** The 2-D cloud [N, 2] as scatter points. */
export declare function cloudPoints(x: Tensor): Point[];
/** The spiral, in one colour, as plt.scatter(x[:, 0], x[:, 1], s=5000 / len(x)). */
export declare function spiralFigure(cloud: Point[], figure?: FigureOptions): TopLevelSpec;
/** The first six spectral coordinates of `result` (eigenvectors [N, k]) on the 2-D cloud, their eigenvalues to `digits` decimals. */
export declare function spiralCoordinatesFigure(cloud: Point[], result: EigshResult, digits: number, title: string, figure?: FigureOptions): TopLevelSpec;
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
export declare function rollFigure(points: Tensor, display: number[], t: Float64Array, figure?: FigureOptions): TopLevelSpec;
/** The cubic cells of the block-sparse kernel, each label its own (scrambled) colour. */
export declare function rollClustersFigure(points: Tensor, display: number[], labels: Tensor, figure?: FigureOptions): TopLevelSpec;
/** Six spectral coordinates on the roll; column(k) is eigenvector k in the points' original order. */
export declare function rollCoordinatesFigure(points: Tensor, display: number[], values: ArrayLike<number>, column: (k: number) => ArrayLike<number>, figure?: FigureOptions): TopLevelSpec;

/** A Vega-Lite scatter plot of points { x, y, v }, coloured by v (matplotlib's Spectral map); with `raster`, the points are one image. */
export function scatter(points, { title, size = 4, domain = [0, 1], width = 260, colour = true }, { raster } = {}) {
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
        };
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
    }; // a panel of grid() or, with its data, a figure of its own
}
/**
 * Six panels on two rows, like plt.subplots(nrows=2, ncols=3), each panel's colours spread
 * over its own values as plt.scatter does (a row of a vconcat shares its colour scale unless
 * told otherwise).
 */
export function grid(panels, title) {
    const independent = { scale: { color: 'independent' } };
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
export function cloudPoints(x) {
    return Array.from({ length: x.shape[0] }, (_, i) => ({ x: x.data[2 * i], y: x.data[2 * i + 1] }));
}
/** The spiral, in one colour, as plt.scatter(x[:, 0], x[:, 1], s=5000 / len(x)). */
export function spiralFigure(cloud, figure = {}) {
    const N = cloud.length;
    return scatter(cloud, { title: `A spiral of ${N.toLocaleString('en-US')} points`, size: Math.max(1, 5000 / N), width: 400, colour: false }, figure);
}
/** The first six spectral coordinates of `result` (eigenvectors [N, k]) on the 2-D cloud, their eigenvalues to `digits` decimals. */
export function spiralCoordinatesFigure(cloud, result, digits, title, figure = {}) {
    const vectors = result.vectors; // eigsh returns them unless returnEigenvectors: false
    const k = vectors.shape[1];
    const N = cloud.length;
    const panels = Array.from({ length: Math.min(6, k) }, (_, c) => scatter(cloud.map((p, i) => ({ ...p, v: vectors.data[i * k + c] })), { title: `Eigenvalue ${c + 1} = ${result.values[c].toFixed(digits)}`, size: Math.max(1, (9 * 500) / N / 2) }, figure));
    return grid(panels, title);
}
// ------------------------------------------------------------------------------------------------
// The Swiss roll, in an oblique projection
// ------------------------------------------------------------------------------------------------
/**
 * Up to `count` of the roll's R points drawn at random for display (a scatter of 10^5 points
 * says no more than one of 10^4), as their indices.
 */
export function displaySample(R, rng, count = 10000) {
    return Array.from({ length: Math.min(R, count) }, () => Math.floor(rng.uniform() * R));
}
/**
 * The displayed points of the roll [R, 3] in an oblique (cabinet) projection, coloured by
 * value(i): the roll's cross-section (x, z) faces us, its width y recedes at 30 degrees, far
 * points drawn first.
 */
export function rollView(points, display, value) {
    const data = points.data;
    return display.map((i) => {
        const [px, py, pz] = [data[3 * i], data[3 * i + 1], data[3 * i + 2]];
        return { x: px + 0.3 * (py - 0.5), y: pz + 0.17 * (py - 0.5), v: value(i), depth: py };
    }).sort((a, b) => b.depth - a.depth).map(({ x, y, v }) => ({ x, y, v }));
}
/** The source cloud coloured by its angle along the roll. */
export function rollFigure(points, display, t, figure = {}) {
    const R = points.shape[0];
    return scatter(rollView(points, display, (i) => t[i]), { title: `${display.length.toLocaleString('en-US')} out of ${R.toLocaleString('en-US')} points in our source point cloud`, size: 3, width: 400 }, figure);
}
/** The cubic cells of the block-sparse kernel, each label its own (scrambled) colour. */
export function rollClustersFigure(points, display, labels, figure = {}) {
    return scatter(rollView(points, display, (i) => (labels.data[i] * 7919) % 997), { title: 'Cluster labels', size: 3, width: 400 }, figure);
}
/** Six spectral coordinates on the roll; column(k) is eigenvector k in the points' original order. */
export function rollCoordinatesFigure(points, display, values, column, figure = {}) {
    const panels = Array.from({ length: Math.min(6, values.length) }, (_, k) => {
        const v = column(k);
        return scatter(rollView(points, display, (i) => v[i]), { title: `Eigenvalue ${k + 1} = ${values[k].toExponential(1)}`, size: 3 }, figure);
    });
    return grid(panels, 'Spectral coordinates on the Swiss roll (block-sparse kernel)');
}

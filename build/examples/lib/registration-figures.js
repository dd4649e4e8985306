const COLORS = { source: '#4c78a8', target: '#e45756', moved: '#54a24b' };
function rows(t, set) {
    const out = [];
    for (let i = 0; i < t.shape[0]; i++)
        out.push({ x: t.data[2 * i], y: t.data[2 * i + 1], set });
    return out;
}
function panel(title, points, arrows, domain) {
    const scale = (k) => ({ domain: domain[k], nice: false, zero: false });
    return {
        title,
        width: 360,
        height: 360,
        layer: [
            {
                data: { values: arrows },
                mark: { type: 'rule', color: '#999', strokeWidth: 0.6, opacity: 0.7 },
                encoding: { x: { field: 'x', type: 'quantitative', scale: scale(0), title: null }, y: { field: 'y', type: 'quantitative', scale: scale(1), title: null }, x2: { field: 'x2' }, y2: { field: 'y2' } },
            },
            {
                data: { values: points },
                mark: { type: 'circle', size: 9, opacity: 0.75 },
                encoding: {
                    x: { field: 'x', type: 'quantitative', scale: scale(0), title: null },
                    y: { field: 'y', type: 'quantitative', scale: scale(1), title: null },
                    color: { field: 'set', type: 'nominal', scale: { domain: ['shape x_i', 'deformed copy y_j', 'T(x_i)'], range: [COLORS.source, COLORS.target, COLORS.moved] }, legend: { title: null, orient: 'bottom' } },
                },
            },
        ],
    };
}
/**
 * Two panels: before (the shape x_i and the shuffled deformed copy y_j) and after (T(x_i) over
 * y_j), with one displacement x_i -> T(x_i) in `every` drawn as a grey segment.
 */
export function registrationFigureSpec(X, Y, mapped, caption, every = 6) {
    const all = [...rows(X, ''), ...rows(Y, ''), ...rows(mapped, '')];
    const pad = 0.05;
    const domain = [0, 1].map((k) => {
        const v = all.map((p) => (k === 0 ? p.x : p.y));
        return [Math.min(...v) - pad, Math.max(...v) + pad];
    });
    const arrows = [];
    for (let i = 0; i < X.shape[0]; i += every)
        arrows.push({ x: X.data[2 * i], y: X.data[2 * i + 1], x2: mapped.data[2 * i], y2: mapped.data[2 * i + 1] });
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `Registration by optimal transport: blur ${caption.blur}, mean error of the map ${caption.meanError.toFixed(4)}`,
        hconcat: [
            panel('Before: the shape and its deformed copy', [...rows(X, 'shape x_i'), ...rows(Y, 'deformed copy y_j')], [], domain),
            panel('After: T(x_i) = sum_j pi_ij y_j / sum_j pi_ij', [...rows(Y, 'deformed copy y_j'), ...rows(mapped, 'T(x_i)')], arrows, domain),
        ],
    };
}

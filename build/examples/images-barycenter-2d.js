// Wasserstein barycenters in 2D: GeomLoss's gallery example
// (geomloss/examples/optimal_transport/plot_wasserstein_barycenters_2D.py) with the Eulerian
// solver of `ImagesBarycenter`: four shapes drawn as 64 x 64 densities on the unit square (a
// disc, a ring, a square and a cross, made here instead of read from PNG files), and their
// Sinkhorn barycenters for the 5 x 5 grid of bilinear weights
//   w = [(1 - x)(1 - y), x (1 - y), (1 - x) y, x y],  x, y in {0, 1/4, 1/2, 3/4, 1},
// laid out as in the tutorial: the four shapes in the corners of a 7 x 7 board, the 25
// barycenters inside it.
//
//   node build/examples/images-barycenter-2d.js [--no-plots] [--size 64]
//
// Draws out/images-barycenter-2d.png and writes the timings to out/images-barycenter-2d.json.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { tensor, imagesBarycenter } from '../src/index.js';
const { values: opts } = parseArgs({ options: {
        'no-plots': { type: 'boolean', default: false },
        size: { type: 'string', default: '64' },
    } });
const here = new URL('.', import.meta.url);
const plot = existsSync(new URL('lib/plot.js', here)) && !opts['no-plots'] ? await import('./lib/plot.js') : null;
const N = Number(opts.size);
if (!Number.isInteger(N) || N < 4)
    throw new Error(`--size must be an integer of at least 4, received ${opts.size}`);
// The blur and the schedule: blur 0.05 (about 3 pixels at 64 x 64); five iterations per halving
// of the blur radius on the pyramid 2 x 2, 4 x 4, ..., then five at the target on the full grid.
const SETTINGS = { blur: 0.05, scaling: 2 ** (-1 / 5), iterations: 5 };
/** A density on the N x N grid: 1 inside the shape (centred coordinates in [-1/2, 1/2]), 0 outside. */
function drawShape(inside) {
    const data = new Float32Array(N * N);
    for (let r = 0; r < N; r++) {
        for (let c = 0; c < N; c++)
            data[r * N + c] = inside((c + 0.5) / N - 0.5, (r + 0.5) / N - 0.5) ? 1 : 0;
    }
    return tensor(data, [N, N]);
}
const shapes = [
    { name: 'disc', image: drawShape((x, y) => Math.hypot(x, y) < 0.3) },
    { name: 'ring', image: drawShape((x, y) => Math.abs(Math.hypot(x, y) - 0.32) < 0.07) },
    { name: 'square', image: drawShape((x, y) => Math.max(Math.abs(x), Math.abs(y)) < 0.25) },
    { name: 'cross', image: drawShape((x, y) => (Math.abs(x) < 0.08 && Math.abs(y) < 0.38) || (Math.abs(y) < 0.08 && Math.abs(x) < 0.38)) },
];
// The 25 barycenters ------------------------------------------------------------------------------
const start = performance.now();
const cpuStart = process.cpuUsage();
const panels = [];
for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
        const x = j / 4, y = i / 4;
        const weights = [(1 - x) * (1 - y), x * (1 - y), (1 - x) * y, x * y];
        const image = await imagesBarycenter(shapes.map((s) => s.image), weights, SETTINGS);
        panels.push({ row: i + 1, col: j + 1, weights, image });
    }
    process.stdout.write(`row ${i + 1} of 5 done after ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
console.log(`25 barycenters of ${N} x ${N} images in ${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
// The figure: a 7 x 7 board of density maps -------------------------------------------------------
/** CRC-32 of PNG chunks. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++)
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
function crc32(bytes) {
    let c = 0xffffffff;
    for (const b of bytes)
        c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
/** One panel as a data: URL of a grey-level PNG, darker where the density is higher (each scaled to its maximum). */
function panelPng(image) {
    const d = image.data;
    let top = 0;
    for (let k = 0; k < d.length; k++)
        top = Math.max(top, d[k]);
    const raw = new Uint8Array(N * (N + 1)); // each row starts with filter type 0
    for (let r = 0; r < N; r++) {
        for (let c = 0; c < N; c++)
            raw[r * (N + 1) + 1 + c] = Math.round(255 * (1 - d[r * N + c] / top));
    }
    const chunk = (type, body) => {
        const head = Buffer.alloc(8);
        head.writeUInt32BE(body.length, 0);
        head.write(type, 4, 'latin1');
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
        return Buffer.concat([head, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(N, 0);
    ihdr.writeUInt32BE(N, 4);
    ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey, no interlace
    const png = Buffer.concat([
        Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
        chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0)),
    ]);
    return `data:image/png;base64,${png.toString('base64')}`;
}
function boardSpec() {
    const corners = [[0, 0], [0, 6], [6, 0], [6, 6]];
    const tiles = [
        ...shapes.map((s, k) => ({ x: corners[k][1], y: corners[k][0], url: panelPng(s.image), label: s.name })),
        ...panels.map((p) => ({ x: p.col, y: p.row, url: panelPng(p.image), label: '' })),
    ];
    const side = 7 * 90;
    const position = {
        x: { field: 'cx', type: 'quantitative', scale: { domain: [0, 7] }, axis: null },
        y: { field: 'cy', type: 'quantitative', scale: { domain: [0, 7], reverse: true }, axis: null },
    };
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `Sinkhorn barycenters of four ${N} x ${N} densities (blur ${SETTINGS.blur}), bilinear weights`,
        width: side, height: side,
        data: { values: tiles },
        transform: [{ calculate: 'datum.x + 0.5', as: 'cx' }, { calculate: 'datum.y + 0.5', as: 'cy' }],
        layer: [
            { mark: { type: 'image', width: 0.94 * 90, height: 0.94 * 90, aspect: false, smooth: false }, encoding: { ...position, url: { field: 'url', type: 'nominal' } } },
            { mark: { type: 'square', size: 90 * 90 * 0.96 * 0.96, fill: null, stroke: '#bbb', strokeWidth: 0.8 }, encoding: position },
        ],
        config: { view: { stroke: null } },
    };
}
let plotSeconds = 0;
if (plot) {
    const plotStart = performance.now();
    await plot.savePlot('out/images-barycenter-2d.png', boardSpec(), {
        scale: 1.5,
        caption: 'Wasserstein barycenters in 2D: a disc, a ring, a square and a cross (corners) and their Sinkhorn barycenters for a 5 x 5 grid of bilinear weights',
    });
    plotSeconds = (performance.now() - plotStart) / 1000;
}
else if (!opts['no-plots']) {
    console.log('(no figure: lib/plot.js is missing beside this script)');
}
console.log(`figure ${plotSeconds.toFixed(2)} s`);
mkdirSync('out', { recursive: true });
writeFileSync('out/images-barycenter-2d.json', JSON.stringify({
    size: N, settings: SETTINGS, seconds, plotSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6,
    masses: panels.map((p) => p.image.sum().item()),
}, null, 1));

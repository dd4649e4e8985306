// Kernel ridge regression (Gaussian-process regression) of a 3-D function from noisy samples,
// solved as Falkon does: conjugate gradients on (K + lambda N I) alpha = y preconditioned by a
// Nystrom approximation on 1000 random centres. K (N x N) is never stored: each CG iteration is
// one kernel reduction.
//
//   node build/examples/kernel-ridge.js [--n 20000] [--centers 1000] [--sigma 0.2] [--lambda 1e-6] [--no-plots]
//
// The default N is 2 x 10^4, not the 10^5: on a 2-core machine an N x N reduction at
// 10^5 takes ~10 s at rest and the fit a minute or more; --n 100000 runs it. Prints the test error on
// 2000 fresh points against the noiseless function and writes out/kernel-ridge.png: a slice of
// the fit with the posterior's +-2 standard deviations, and predictions against the truth.
import { parseArgs } from 'node:util';
import { tensor, KernelRidge, engineInfo } from '../src/index.js';
import { savePlot } from './lib/plot.js';
import { generator } from './lib/random.js';
const { values: opts } = parseArgs({
    options: {
        n: { type: 'string', default: '20000' },
        centers: { type: 'string', default: '1000' },
        sigma: { type: 'string', default: '0.2' },
        lambda: { type: 'string', default: '1e-6' },
        'no-plots': { type: 'boolean', default: false },
    },
});
const N = Number(opts.n), centers = Math.min(Number(opts.centers), N), sigma = Number(opts.sigma), lambda = Number(opts.lambda);
const noise = 0.1;
const rng = generator(2024);
/** The function to learn, on [0, 1]^3. */
const f = (x1, x2, x3) => Math.sin(2 * Math.PI * x1) * Math.cos(Math.PI * x2) + x3 * x3;
/** n points uniform in the cube (float32, as the kernel reductions run fastest), their f and noisy f. */
function sample(n) {
    const x = new Float32Array(n * 3);
    const clean = new Float64Array(n);
    const noisy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        for (let k = 0; k < 3; k++)
            x[i * 3 + k] = rng.uniform();
        clean[i] = f(x[i * 3], x[i * 3 + 1], x[i * 3 + 2]);
        noisy[i] = clean[i] + noise * rng.normal();
    }
    return { X: tensor(x, [n, 3]), clean, noisy };
}
const train = sample(N);
const test = sample(2000);
await engineInfo(); // the engine starts before the clock
const model = new KernelRidge({ kernel: 'gaussian', sigma, lambda, centers, tol: 1e-6 });
const start = performance.now();
await model.fit(train.X, tensor(train.noisy, [N]), {
    onProgress: (p) => { if (p.iteration % 5 === 0)
        console.log(`  CG iteration ${p.iteration}: relative residual ${p.residual.toExponential(2)}`); },
});
const fitSeconds = (performance.now() - start) / 1000;
console.log(`fit: N = ${N}, ${centers} Nystrom centres, sigma = ${sigma}, lambda = ${lambda}: ${model.message}, ${fitSeconds.toFixed(1)} s`);
const predicted = await model.predict(test.X);
let se = 0;
let variance = 0;
const mean = test.clean.reduce((a, b) => a + b, 0) / test.clean.length;
for (let i = 0; i < test.clean.length; i++) {
    se += (predicted.data[i] - test.clean[i]) ** 2;
    variance += (test.clean[i] - mean) ** 2;
}
const rmse = Math.sqrt(se / test.clean.length);
console.log(`test RMSE against the noiseless function on 2000 new points: ${rmse.toFixed(4)} (noise sd ${noise}, the function's sd ${Math.sqrt(variance / test.clean.length).toFixed(3)}; R^2 ${(1 - se / variance).toFixed(4)})`);
if (!opts['no-plots']) {
    // A slice through the cube, x1 in [0, 1] at x2 = 0.25, x3 = 0.5, with the GP posterior band
    // (noise variance lambda N): 64 points, two 32-column preconditioned solves.
    const ticks = Array.from({ length: 64 }, (_, k) => k / 63);
    const slice = tensor(Float32Array.from(ticks.flatMap((t) => [t, 0.25, 0.5])), [64, 3]);
    const sliceMean = await model.predict(slice);
    const sliceVar = await model.predictVariance(slice);
    const band = ticks.map((t, k) => {
        const sd = Math.sqrt(sliceVar.data[k]);
        return { x1: t, truth: f(t, 0.25, 0.5), prediction: sliceMean.data[k], low: sliceMean.data[k] - 2 * sd, high: sliceMean.data[k] + 2 * sd };
    });
    const scatter = Array.from({ length: 2000 }, (_, i) => ({ truth: test.clean[i], prediction: predicted.data[i] }));
    await savePlot('out/kernel-ridge.png', {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `Kernel ridge regression, N = ${N}, ${centers} centres: test RMSE ${rmse.toFixed(3)}`,
        spacing: 30,
        hconcat: [
            {
                title: 'x2 = 0.25, x3 = 0.5 (dashed: truth)',
                width: 360,
                height: 260,
                data: { values: band },
                layer: [
                    { mark: { type: 'area', opacity: 0.25, color: '#4c78a8' }, encoding: { x: { field: 'x1', type: 'quantitative' }, y: { field: 'low', type: 'quantitative', title: 'f' }, y2: { field: 'high' } } },
                    { mark: { type: 'line', color: '#4c78a8' }, encoding: { x: { field: 'x1', type: 'quantitative' }, y: { field: 'prediction', type: 'quantitative' } } },
                    { mark: { type: 'line', color: 'black', strokeDash: [4, 3] }, encoding: { x: { field: 'x1', type: 'quantitative' }, y: { field: 'truth', type: 'quantitative' } } },
                ],
            },
            {
                title: 'Test points',
                width: 260,
                height: 260,
                data: { values: scatter },
                mark: { type: 'circle', size: 6, opacity: 0.5 },
                encoding: { x: { field: 'truth', type: 'quantitative', title: 'noiseless f' }, y: { field: 'prediction', type: 'quantitative' } },
            },
        ],
    }, { caption: `Kernel ridge regression of sin(2 pi x1) cos(pi x2) + x3^2 from ${N} noisy samples (sd ${noise}), Gaussian kernel sigma ${sigma}, lambda ${lambda}, Nystrom-preconditioned CG (${model.iterations} iterations): test RMSE ${rmse.toFixed(4)}.` });
    console.log('wrote out/kernel-ridge.png');
}
process.exit(0);

// Point-cloud registration by optimal transport: a 2-D shape (points inside a heart curve) is
// matched to a stretched, sheared, bent and shifted copy of itself, given in a shuffled order,
// by the barycentric map of the entropic transport plan, T(x_i) = sum_j pi_ij y_j / sum_j pi_ij
// (transportPlan(X, Y, { p: 2, blur })). The deformation is the gradient of a convex function,
// so it is the optimal map of the squared distance: T recovers it up to about blur / 4.
// The model is in lib/registration-model.ts, the figure in lib/registration-figures.ts.
//
//   node build/examples/registration.js [--n 500] [--blur 0.02] [--no-plots]
//
// Draws the before / after figure into out/registration.png and prints the mean distance
// between T(x_i) and the true deform(x_i).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { registrationData, register } from './lib/registration-model.js';
import { registrationFigureSpec } from './lib/registration-figures.js';
const { values: opts } = parseArgs({
    options: {
        n: { type: 'string', default: '500' },
        blur: { type: 'string', default: '0.02' },
        'no-plots': { type: 'boolean', default: false },
    },
});
const n = Number(opts.n), blur = Number(opts.blur);
const here = new URL('.', import.meta.url);
const plot = existsSync(new URL('lib/plot.js', here)) && !opts['no-plots'] ? await import('./lib/plot.js') : null;
const data = registrationData(n);
// The map needs no tighter marginals than 1e-3: the last Sinkhorn updates stop there.
const result = await register(data, blur, { scaling: 0.7, tol: 1e-3 });
const { ot, meanError, seconds } = result;
console.log(`${n} points, blur ${blur}: plan in ${seconds.toFixed(2)} s (${ot.iterations} final Sinkhorn updates, marginal error ${ot.marginalError.toExponential(1)})`);
console.log(`mean |T(x_i) - deform(x_i)| = ${meanError.toFixed(4)} (${(meanError / blur).toFixed(2)} blur)`);
const matches = await ot.plan.argmax(1);
let same = 0;
for (let i = 0; i < n; i++) {
    const j = matches.data[i];
    const dx = data.Y.data[2 * j] - data.truth.data[2 * i], dy = data.Y.data[2 * j + 1] - data.truth.data[2 * i + 1];
    if (Math.hypot(dx, dy) < 1e-6)
        same++;
}
console.log(`argmax_j pi_ij is the true partner of x_i for ${same} of ${n} points`);
if (plot) {
    await plot.savePlot('out/registration.png', registrationFigureSpec(data.X, data.Y, result.mapped, { blur, meanError }), {
        caption: `Registration by optimal transport: the shape (blue) and its deformed copy (red); the shape moved by the transport map (green), mean error ${meanError.toFixed(4)} for blur ${blur}`,
    });
}
mkdirSync('out', { recursive: true });
writeFileSync('out/registration.json', JSON.stringify({ n, blur, seconds, iterations: ot.iterations, marginalError: ot.marginalError, meanError, argmaxMatches: same }, null, 1));
if (!(meanError < blur)) {
    console.error(`the map's mean error ${meanError} is not below blur ${blur}`);
    process.exitCode = 1;
}

// The model of the registration example (examples/registration.ts): a 2-D shape (points drawn
// inside a heart curve), a smooth deformation of it, and the transport map that brings the
// shape onto its deformed copy without being told which point went where. Shared with the
// tests (test/ot-transport-plan.test.mjs); nothing from Node.
import { tensor, transportPlan } from '../../src/index.js';
import { generator } from './random.js';
/** Inside the heart curve (x^2 + y^2 - 1)^3 - x^2 y^3 < 0 (x, y in [-1.5, 1.5]). */
function inHeart(x, y) {
    const r = x * x + y * y - 1;
    return r * r * r - x * x * y * y * y < 0;
}
/** n points drawn uniformly inside the heart, rescaled to about [0.1, 0.9]^2, as rows [x, y]. */
export function heartPoints(n, seed = 7) {
    const rng = generator(seed);
    const out = [];
    while (out.length < n) {
        const x = 3 * rng.uniform() - 1.5, y = 3 * rng.uniform() - 1.5;
        if (inHeart(x, y))
            out.push([0.5 + x / 3.2, 0.45 + y / 3.2]);
    }
    return out;
}
/**
 * The deformation: a stretch and shear (a symmetric positive definite matrix), a cubic bend of
 * each coordinate and a shift. It is the gradient of a convex function, so it is the optimal
 * transport map of the squared distance (Brenier): the plan at a small blur recovers it.
 */
export function deform([x, y]) {
    const u = x - 0.5, v = y - 0.5;
    return [0.5 + 1.1 * u + 0.25 * v + 0.8 * u * u * u + 0.35, 0.5 + 0.25 * u + 0.9 * v + 0.6 * v * v * v + 0.1];
}
/** The shape, its deformed copy (shuffled) and the ground truth, float32. */
export function registrationData(n, seed = 7) {
    const pts = heartPoints(n, seed);
    const moved = pts.map(deform);
    const rng = generator(seed + 1);
    const order = moved.map((_, k) => k);
    for (let k = order.length - 1; k > 0; k--) {
        const r = Math.floor(rng.uniform() * (k + 1));
        [order[k], order[r]] = [order[r], order[k]];
    }
    const flat = (rows) => Float32Array.from(rows.flat());
    return { X: tensor(flat(pts), [n, 2]), Y: tensor(flat(order.map((k) => moved[k])), [n, 2]), truth: tensor(flat(moved), [n, 2]) };
}
/** The transport plan between the shape and its copy, its map, and how far the map is from the truth. */
export async function register(data, blur, options = {}) {
    const start = performance.now();
    const ot = await transportPlan(data.X, data.Y, { p: 2, blur, scaling: options.scaling ?? 0.7, tol: options.tol, maxIter: options.maxIter });
    const mapped = await ot.map();
    const n = data.X.shape[0];
    let total = 0;
    for (let i = 0; i < n; i++)
        total += Math.hypot(mapped.data[2 * i] - data.truth.data[2 * i], mapped.data[2 * i + 1] - data.truth.data[2 * i + 1]);
    return { ot, mapped, meanError: total / n, seconds: (performance.now() - start) / 1000 };
}

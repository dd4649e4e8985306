/**
 * Dense pairwise costs |x_i - y_j|^2, |x_i - y_j|^2 / 2, |x_i - y_j| and |x_i - y_j|^p / p for batched point
 * clouds x [B, N, D], y [B, M, D], in one pass over the pairs with a hand-written backward.
 * The same values through broadcasting host ops (xx - 2 xy + yy) take seconds at 5000^2 pairs,
 * all of it on the calling thread (a frozen page, an abort that cannot land); this pass is
 * several times faster, can give the event loop its turns (`pairwiseCostYielding`), and sums
 * the differences directly (coincident points give exactly 0).
 */
import { Yielder } from '../abort.js';
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
/** Pairs computed between two looks at the clock (about a millisecond of work). */
const PAIRS_PER_TICK = 1 << 18;
/** The output and the function that fills its rows [r0, r1) (rows of all batches: b * N + i). */
function setUp(x, y, kind, p) {
    const [B, N, D] = x.shape;
    const M = y.shape[1];
    const xd = x.data, yd = y.data;
    const out = allocateData(x.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32', B * N * M);
    const scale = kind === 'halfsqdist' ? 0.5 : 1;
    const sqrt = kind === 'dist';
    const pow = kind === 'pow';
    const half = p / 2;
    const fill = (r0, r1) => {
        for (let r = r0; r < r1; r++) {
            const xo = r * D;
            const yBase = Math.floor(r / N) * M;
            const row = r * M;
            for (let j = 0; j < M; j++) {
                const yo = (yBase + j) * D;
                let s = 0;
                for (let c = 0; c < D; c++) {
                    const t = xd[xo + c] - yd[yo + c];
                    s += t * t;
                }
                out[row + j] = pow ? s ** half / p : sqrt ? Math.sqrt(s) : s * scale;
            }
        }
    };
    return { out, rows: B * N, fill };
}
/**
 * Attaches the backward: dC_ij / dx_i = w_ij (x_i - y_j) = -dC_ij / dy_j, w = 2, 1,
 * 1 / |x_i - y_j| or |x_i - y_j|^(p - 2) (= p C_ij / |x_i - y_j|^2); w = 0 for coincident
 * points with 'dist' and 'pow' (the gradient of |x - y|^p / p is 0 there for p > 1, and the
 * subgradient GeomLoss's sqrt_0 picks for p = 1). One pass over the pairs that gives the
 * event loop its turns too.
 */
function withGradient(x, y, kind, p, result) {
    return attachGrad(result, gradNode(`Pairwise${kind}Backward`, [x, y], async (g) => {
        const ticks = new Yielder('backward', undefined);
        const [B, N, D] = x.shape;
        const M = y.shape[1];
        const xd = x.data, yd = y.data, gd = g.data, out = result.data;
        const gx = x.requiresGrad ? new Float64Array(B * N * D) : null;
        const gy = y.requiresGrad ? new Float64Array(B * M * D) : null;
        const w0 = kind === 'sqdist' ? 2 : 1;
        let pairs = 0;
        for (let r = 0; r < B * N; r++) {
            pairs += M;
            if (pairs >= PAIRS_PER_TICK) {
                pairs = 0;
                await ticks.tick();
            }
            const xo = r * D;
            const yBase = Math.floor(r / N) * M;
            const row = r * M;
            for (let j = 0; j < M; j++) {
                let w = gd[row + j] * w0;
                if (kind === 'dist')
                    w = out[row + j] > 0 ? w / out[row + j] : 0; // GeomLoss's sqrt_0
                const yo = (yBase + j) * D;
                if (kind === 'pow' && w !== 0) {
                    let s = 0;
                    for (let c = 0; c < D; c++)
                        s += (xd[xo + c] - yd[yo + c]) ** 2;
                    w = s > 0 ? (w * p * out[row + j]) / s : 0;
                }
                if (w === 0)
                    continue;
                for (let c = 0; c < D; c++) {
                    const t = w * (xd[xo + c] - yd[yo + c]);
                    if (gx)
                        gx[xo + c] += t;
                    if (gy)
                        gy[yo + c] -= t;
                }
            }
        }
        const typed = (data, like) => {
            if (data === null)
                return null;
            const t = allocateData(like.dtype, data.length);
            t.set(data);
            return new Tensor(t, like.shape);
        };
        return [typed(gx, x), typed(gy, y)];
    }, [x, y, result]));
}
/**
 * C [B, N, M] with C[b, i, j] = f(x[b, i] - y[b, j]), differentiable in x and y; `p` is the
 * exponent of 'pow'. For 'dist' and 'pow' the gradient is 0 where the distance is 0 (GeomLoss's `sqrt_0`).
 */
export function pairwiseCost(x, y, kind, p = 2) {
    const { out, rows, fill } = setUp(x, y, kind, p);
    fill(0, rows);
    return withGradient(x, y, kind, p, new Tensor(out, [x.shape[0], x.shape[1], y.shape[1]]));
}
/** `pairwiseCost`, ticking `yielder` every ~2^18 pairs: the event loop gets its turns, the signal its checks. */
export async function pairwiseCostYielding(x, y, kind, yielder, p = 2) {
    const { out, rows, fill } = setUp(x, y, kind, p);
    const step = Math.max(1, Math.floor(PAIRS_PER_TICK / Math.max(1, y.shape[1])));
    for (let r = 0; r < rows; r += step) {
        await yielder.tick();
        fill(r, Math.min(rows, r + step));
    }
    return withGradient(x, y, kind, p, new Tensor(out, [x.shape[0], x.shape[1], y.shape[1]]));
}

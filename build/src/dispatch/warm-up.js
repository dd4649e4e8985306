// Engine warm-up: a few small reductions run once when the engine starts, so that the runtime
// compiles the hot paths before the user's first call instead of during it. V8 compiles wasm
// lazily, function by function, first with a baseline compiler and later, in the background,
// with its optimising one; JavaScript likewise. Without this, the first reduction of a process
// runs 3-6x slower than the same call a moment later (bench/RESULTS.md, "first call").
import { Tensor } from '../tensor/tensor.js';
import { varNode, constNode } from '../formula/node.js';
import { apply } from '../formula/build.js';
import { buildPlan } from '../plan/reduction-plan.js';
import { lowerPlan } from '../plan/lower-plan.js';
import { MemoryLimitError } from '../errors.js';
/**
 * Points per side: several row blocks, a full and a partial tile, and little enough work to
 * stay on the calling thread (below any sensible pool threshold), so no worker is started.
 */
const ROWS = 256;
const COLS = 300;
/**
 * Rounds over the whole set. The optimising compiler picks up the hot functions after a few
 * and compiles them in the background; the rounds after that give it the time to finish.
 * With 3 rounds the first N = M = 1000 call of a fresh process on one thread took 2.7-17 ms
 * (median 4.7 ms, half of them over 5 ms: it ran while the optimised code was still being
 * compiled); with 8, 2.8-4.0 ms in 8 processes, for ~10 ms more at engine start
 * (bench/RESULTS.md, latency, 2026-12-05).
 */
const ROUNDS = 8;
function points(n, d, dtype, seed) {
    const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
    let s = seed;
    for (let k = 0; k < data.length; k++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        data[k] = s / 4294967296;
    }
    return new Tensor(data, [n, d]);
}
/**
 * Runs the warm-up reductions on `engine`: Gaussian sums, logsumexp and k-NN, both dtypes.
 * One that the engine refuses for memory (a small configure({ blockBytes }) leaves less than
 * its scratch needs) is skipped: the warm-up only saves time, it must not fail the start.
 */
export async function warmUp(engine) {
    for (let round = 0; round < ROUNDS; round++) {
        for (const dtype of ['float32', 'float64']) {
            // The float64 path gets one round: it is less common and compiles the same loops.
            if (dtype === 'float64' && round > 0)
                continue;
            const x = varNode(points(ROWS, 3, dtype, 1), 'i', 3);
            const y = varNode(points(COLS, 3, dtype, 2), 'j', 3);
            const b = varNode(points(COLS, 1, dtype, 3), 'j', 1);
            const d2 = apply('SqDist', [x, y]);
            const gauss = apply('Exp', [apply('Mult', [d2, constNode(-2)])]);
            const runs = [
                [apply('Mult', [gauss, b]), null, 'SUM', 1, 0],
                [apply('Mult', [d2, constNode(-2)]), null, 'LOGSUMEXP', 1, 0],
                [apply('Mult', [d2, constNode(-2)]), b, 'LOGSUMEXP_WEIGHT', 1, 0],
                [d2, null, 'ARGKMIN', 1, 3],
                [d2, null, 'MIN_ARGMIN', 1, 0],
                [apply('Mult', [gauss, x]), null, 'SUM', 0, 0],
            ];
            for (const [result, aux, kind, axis, k] of runs) {
                try {
                    // Straight to the engine being started: it is not handed out (nor dispatched to) before this ends.
                    await engine.reduce(lowerPlan(buildPlan({ formula: result, aux, kind, axis, k, backend: 'wasm' }, 'engine warm-up')));
                }
                catch (error) {
                    if (!(error instanceof MemoryLimitError))
                        throw error;
                }
            }
        }
    }
}

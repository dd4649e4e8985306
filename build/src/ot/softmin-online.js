import { Vj } from '../api/variables.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
/** The same cost with detached points (for the iterations). */
export function detachLazy(C) {
    return { x: C.x.detach(), y: C.y.detach(), ranges: C.ranges };
}
/** `t` with the given float dtype (a copy outside any graph when it differs). */
export function asDType(t, dtype) {
    if (t.dtype === dtype)
        return t;
    const data = allocateData(dtype, t.size);
    data.set(t.data);
    return new Tensor(data, t.shape);
}
/**
 * The online softmin for a lazy cost; `h` is [M] (or [M, 1]), the result [N]. With a
 * `yielder`, each call first gives the event loop its turn when due and checks the signal (a
 * reduction on the calling thread resolves as microtasks: without it a loop of them never
 * lets a timer run). `backend`: where the reductions run (undefined: the engine's choice);
 * `cluster`: a cluster that runs them instead (lazykernel/distributed).
 */
export function softminOnline(cost, signal, yielder, backend, cluster) {
    return async (eps, C, h) => {
        await yielder?.tick();
        const N = C.x.shape[0];
        const M = C.y.shape[0];
        const hj = Vj(asDType(h.detach(), C.x.dtype).reshape([M, 1]));
        const formula = cost(C.x, C.y, -1 / eps).add(hj);
        const options = { signal, ...(C.ranges !== undefined && { ranges: C.ranges }), ...(backend !== undefined && { backend }), ...(cluster && { cluster }) };
        const lse = await formula.logsumexp(1, options);
        return lse.reshape([N]).mul(-eps);
    };
}

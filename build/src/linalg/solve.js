import { LazyTensor } from '../api/lazy-tensor.js';
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { aslinearoperator, identity } from './linear-operator.js';
import { cg } from './cg.js';
import { registerKernelSolve } from '../api/kernel-solve-hook.js';
const SOLVE_OPTIONS = ['alpha', 'tol', 'atol', 'maxiter', 'x0', 'M', 'backend', 'ranges', 'checkSymmetric', 'signal', 'onProgress'];
/**
 * Solves (alpha I + K) x = b for a square, scalar-valued kernel LazyTensor K [N, N] and b a
 * Tensor [N] or [N, D] (or the i-variable Vi(b) itself, as in pykeops). Resolves to cg's
 * result: `x` shaped like b, `iterations`, `converged`, `residual`, `residuals`.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, kernelSolve } from 'lazykernel';
 * // Kernel ridge regression weights: (alpha I + K) w = y.
 * const X = tensor(Float64Array.from({ length: 30 }, (_, k) => k / 10), [30, 1]);
 * const y = tensor(Float64Array.from({ length: 30 }, (_, k) => Math.sin(k / 10)), [30]);
 * const K = Vi(X).sqdist(Vj(X)).mul(-2).exp();
 * const { x: w, converged } = await kernelSolve(K, y, { alpha: 0.01 });   // also K.solve(y, { alpha: 0.01 })
 * console.log(converged); // => true
 * console.log(w.shape);   // => [30]
 * ```
 */
export async function kernelSolve(K, b, options) {
    const where = 'solve';
    checkOptions(where, options, SOLVE_OPTIONS);
    if (!(K instanceof LazyTensor))
        throw new DTypeError(`${where}: K must be a LazyTensor, received ${describe(K)}`);
    const rhs = b instanceof LazyTensor ? variableTensor(where, b) : b;
    const alpha = options?.alpha ?? 1e-10;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
        throw new ValueError(`${where}: options.alpha must be a finite non-negative number, received ${describe(alpha)}`);
    }
    const { alpha: _a, backend, ranges, ...cgOptions } = options ?? {};
    const Kop = aslinearoperator(K, { ...(backend !== undefined && { backend }), ...(ranges !== undefined && { ranges }) });
    const [n, m] = Kop.shape;
    if (n !== m)
        throw new ShapeError(`${where}: K must be square to be solved, received shape [${n}, ${m}]`);
    const A = alpha === 0 ? Kop : identity(n).mul(alpha).add(Kop);
    return cg(A, rhs, { tol: 1e-6, ...cgOptions });
}
/** The tensor behind a bare variable such as Vi(b). */
function variableTensor(where, b) {
    const node = b.node;
    if (node.op !== 'Var' || node.category !== 'i' || !node.tensor) {
        throw new DTypeError(`${where}: b must be a Tensor [N] or [N, D], or an i-variable Vi(b); received the formula ${String(b)}`);
    }
    return node.tensor;
}
// LazyTensor.solve calls kernelSolve through this registration (the API does not import linalg).
registerKernelSolve(kernelSolve);

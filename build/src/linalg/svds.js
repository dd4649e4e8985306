/**
 * svds: a few singular triplets of any operator, square or rectangular, like
 * scipy.sparse.linalg.svds. As scipy's default ('arpack'), the symmetric eigenproblem of the
 * smaller normal operator (A^T A when M <= N, else A A^T) is solved, by eigsh or, with
 * `solver: 'lobpcg'`, by lobpcg; the other side's vectors follow from one application of A
 * (or A^T), and the singular values are taken as ||A v|| rather than sqrt(lambda), which keeps
 * small ones accurate. Nothing N x M is formed.
 */
import { Tensor } from '../tensor/tensor.js';
import { DTypeError, ValueError, checkOptions, describe } from '../errors.js';
import { LinearOperator } from './linear-operator.js';
import { checkCallback, checkSignal, nonNegative, packColumns, positiveInt, tensorOf, toBlock, unpackColumns } from './arrays.js';
import { eigsh } from './eigsh.js';
import { lobpcg } from './lobpcg.js';
import { NormalRng } from './orthogonalize.js';
import { assertFiniteOutput } from './finite-output.js';
const SVDS_OPTIONS = ['k', 'which', 'tol', 'maxiter', 'ncv', 'v0', 'seed', 'solver', 'returnSingularVectors', 'signal', 'onProgress'];
/**
 * The k largest (or smallest) singular values of an operator A [N, M], descending, with the
 * singular vectors: A Vt^T = U diag(s). A must have a transpose (every LazyTensor and Tensor
 * operator has one; a callback operator needs rmatvec). Throws eigsh's ConvergenceError when
 * the eigensolver does not converge.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, svds } from 'lazykernel';
 * // [[3, 0], [0, 2], [0, 0]]: singular values 3 and 2
 * const A = aslinearoperator(tensor([3, 0, 0, 2, 0, 0], [3, 2], { dtype: 'float64' }));
 * const { U, s, Vt } = await svds(A, { k: 1 });
 * console.log(s);          // => [3]
 * console.log(U?.shape);   // => [3, 1]
 * console.log(Vt?.shape);  // => [1, 2]
 * ```
 */
export async function svds(op, options) {
    const where = 'svds';
    checkOptions(where, options, SVDS_OPTIONS);
    if (!(op instanceof LinearOperator)) {
        throw new DTypeError(`${where}: the operator must be a LinearOperator (wrap LazyTensors and Tensors with aslinearoperator), received ${describe(op)}`);
    }
    if (!op.hasAdjoint)
        throw new ValueError(`${where}: the operator needs a transpose (aslinearoperator of an object with rmatvec), ${op.name} has none`);
    const [n, m] = op.shape;
    const small = Math.min(n, m);
    const k = positiveInt(where, 'k', options?.k, 6);
    if (k >= small)
        throw new ValueError(`${where}: options.k must be smaller than min(N, M) = ${small}, received ${k}`);
    const which = options?.which ?? 'LM';
    if (which !== 'LM' && which !== 'SM')
        throw new ValueError(`${where}: options.which must be 'LM' or 'SM', received ${describe(which)}`);
    const solver = options?.solver ?? 'arpack';
    if (solver !== 'arpack' && solver !== 'lobpcg')
        throw new ValueError(`${where}: options.solver must be 'arpack' or 'lobpcg', received ${describe(solver)}`);
    const returnVectors = options?.returnSingularVectors ?? true;
    if (returnVectors !== true && returnVectors !== false && returnVectors !== 'u' && returnVectors !== 'vh') {
        throw new ValueError(`${where}: options.returnSingularVectors must be true, false, 'u' or 'vh', received ${describe(returnVectors)}`);
    }
    if (options?.tol !== undefined)
        nonNegative(where, 'tol', options.tol, 0);
    if (options?.maxiter !== undefined)
        positiveInt(where, 'maxiter', options.maxiter, 1);
    const signal = checkSignal(where, options?.signal);
    checkCallback(where, 'onProgress', options?.onProgress);
    const seed = options?.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isInteger(seed))
        throw new ValueError(`${where}: options.seed must be an integer, received ${describe(seed)}`);
    if (options?.v0 !== undefined)
        toBlock(where, 'options.v0', options.v0, small, 1);
    if (solver === 'lobpcg' && (options?.ncv !== undefined || options?.v0 !== undefined)) {
        throw new ValueError(`${where}: options.ncv and options.v0 belong to solver 'arpack', not 'lobpcg'`);
    }
    // Eigenvectors of the smaller normal operator: right vectors (A^T A) when M <= N, left ones otherwise.
    const right = m <= n;
    const normal = right ? op.T.matmul(op) : op.matmul(op.T);
    let vectors;
    let iterations;
    if (solver === 'arpack') {
        const r = await eigsh(normal, {
            k, which: which === 'LM' ? 'LA' : 'SA', checkSymmetric: false, seed,
            ...(options?.tol !== undefined && { tol: options.tol }),
            ...(options?.maxiter !== undefined && { maxiter: options.maxiter }),
            ...(options?.ncv !== undefined && { ncv: options.ncv }),
            ...(options?.v0 !== undefined && { v0: options.v0 }),
            ...(signal && { signal }),
            ...(options?.onProgress && { onProgress: options.onProgress }),
        });
        vectors = unpackColumns(Float64Array.from(r.vectors.data), small, k);
        iterations = r.iterations;
    }
    else {
        const rng = new NormalRng(seed);
        const X0 = new Tensor(packColumns(Array.from({ length: k }, () => rng.vector(small)), small), [small, k]);
        const r = await lobpcg(normal, X0, {
            largest: which === 'LM',
            ...(options?.tol !== undefined && { tol: options.tol }),
            ...(options?.maxiter !== undefined && { maxiter: options.maxiter }),
            ...(signal && { signal }),
            ...(options?.onProgress && { onProgress: options.onProgress }),
        });
        vectors = unpackColumns(Float64Array.from(r.vectors.data), small, k);
        iterations = r.iterations;
    }
    // The other side: A v = s u (or A^T u = s v), with s = ||A v||.
    const other = right ? await op.apply(packColumns(vectors, m), k, signal) : await op.applyAdjoint(packColumns(vectors, n), k, signal);
    const otherRows = right ? n : m;
    const images = unpackColumns(other, otherRows, k);
    assertFiniteOutput(where, 'the operator', images, 'applied to the singular vectors');
    const s = Float64Array.from(images, (w) => Math.hypot(...w));
    // Descending, and the same order for the vectors.
    const order = Array.from(s, (_, i) => i).sort((p, q) => s[q] - s[p]);
    const sSorted = Float64Array.from(order, (i) => s[i]);
    const own = order.map((i) => vectors[i]);
    const derived = order.map((i) => {
        const w = Float64Array.from(images[i]);
        const si = s[i];
        if (si > 0)
            for (let r = 0; r < w.length; r++)
                w[r] /= si;
        return w;
    });
    const [uCols, vCols] = right ? [derived, own] : [own, derived];
    const wantU = returnVectors === true || returnVectors === 'u';
    const wantV = returnVectors === true || returnVectors === 'vh';
    const dtype = op.dtype;
    const Vt = new Float64Array(k * m);
    vCols.forEach((v, c) => Vt.set(v, c * m));
    return {
        U: wantU ? tensorOf(packColumns(uCols, n), [n, k], dtype) : null,
        s: sSorted,
        Vt: wantV ? tensorOf(Vt, [k, m], dtype) : null,
        iterations,
    };
}

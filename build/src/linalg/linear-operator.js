/**
 * scipy-style linear operators: anything that maps a vector to a vector. Kernel LazyTensors,
 * dense Tensors and user callbacks become operators that compose (add, sub, scalar mul,
 * matmul, transpose) without materialising anything, and that the solvers (eigsh, cg) take.
 * Unlike scipy, the dtype survives composition.
 */
import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { formulaDType } from '../plan/formula-dtype.js';
import { checkBackend } from '../api/reduce.js';
import { blockSparsity } from '../api/ranges.js';
import { checkCluster } from '../api/cluster-option.js';
import { collectVars } from '../formula/node.js';
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { checkSignal, tensorOf, throwIfAborted, toBlock } from './arrays.js';
/**
 * An [N, M] linear map applied through matvec / matmat, in the style of scipy.sparse.linalg.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, diags, eigsh } from 'lazykernel';
 * const X = tensor(Float64Array.from({ length: 50 }, (_, k) => k / 10), [50, 1]);
 * const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());   // LinearOperator [50, 50]
 * const d = await K.matvec(new Float64Array(50).fill(1));        // degrees: K 1
 * const L = diags(d).sub(K);                                     // graph Laplacian D - K, never dense
 * const { values } = await eigsh(L, { k: 2, which: 'SA' });
 * console.log(Math.abs(values[0]) < 1e-8);                       // => true
 * ```
 */
export class LinearOperator {
    shape;
    dtype;
    /** True when the dtype was not fixed by any operand (identity, diags of plain numbers). */
    flexible;
    name;
    forward;
    backward;
    constructor(spec) {
        this.shape = [spec.shape[0], spec.shape[1]];
        this.dtype = spec.dtype;
        this.flexible = spec.flexible ?? false;
        this.forward = spec.forward;
        this.backward = spec.adjoint;
        this.name = spec.name;
    }
    /**
     * A v for v of shape [M] or [M, 1]; resolves to a Tensor [N] of this operator's dtype.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.matvec([1, 1])); // => [3, 7]
     * ```
     */
    async matvec(v, options) {
        const signal = applyOptions('matvec', options);
        const x = toBlock('matvec', 'v', v, this.shape[1], 1);
        return tensorOf(await this.apply(x.data, 1, signal), [this.shape[0]], this.dtype);
    }
    /**
     * A^T v for v of shape [N] or [N, 1]; resolves to a Tensor [M].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.rmatvec([1, 1])); // => [4, 6]
     * ```
     */
    async rmatvec(v, options) {
        const signal = applyOptions('rmatvec', options);
        const x = toBlock('rmatvec', 'v', v, this.shape[0], 1);
        return tensorOf(await this.applyAdjoint(x.data, 1, signal), [this.shape[1]], this.dtype);
    }
    /**
     * A V for V of shape [M, k]: for kernel operators, the k columns go through one reduction.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { tensor as t } from 'lazykernel';
     * console.log(await A.matmat(t([1, 0, 0, 1], [2, 2]))); // => [[1, 2], [3, 4]]
     * ```
     */
    async matmat(V, options) {
        const signal = applyOptions('matmat', options);
        const x = toBlock('matmat', 'V', V, this.shape[1]);
        return tensorOf(await this.apply(x.data, x.cols, signal), [this.shape[0], x.cols], this.dtype);
    }
    /**
     * A^T U for U of shape [N, k].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { tensor as t } from 'lazykernel';
     * console.log(await A.rmatmat(t([1, 0, 0, 1], [2, 2]))); // => [[1, 3], [2, 4]]
     * ```
     */
    async rmatmat(U, options) {
        const signal = applyOptions('rmatmat', options);
        const x = toBlock('rmatmat', 'U', U, this.shape[0]);
        return tensorOf(await this.applyAdjoint(x.data, x.cols, signal), [this.shape[1], x.cols], this.dtype);
    }
    /**
     * A X for a float64 row-major block of `cols` columns, without argument checks: what the
     * solvers call. The result is float64 whatever the operator's dtype.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * // two columns [1, 0] and [1, 1], row-major: rows (1, 1) and (0, 1)
     * console.log(await A.apply(Float64Array.of(1, 1, 0, 1), 2)); // => [1, 3, 3, 7]
     * ```
     */
    apply(X, cols, signal) {
        throwIfAborted(this.name, signal);
        return this.forward(X, cols, signal);
    }
    /**
     * A^T X, like `apply`.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.applyAdjoint(Float64Array.of(1, 1), 1)); // => [4, 6]
     * ```
     */
    applyAdjoint(X, cols, signal) {
        throwIfAborted(this.name, signal);
        if (!this.backward) {
            return Promise.reject(new ValueError(`${this.name}: this operator has no transpose (the object given to aslinearoperator defines no rmatvec)`));
        }
        return this.backward(X, cols, signal);
    }
    /**
     * True when `applyAdjoint` works.
     *
     * @example
     * ```ts
     * import { aslinearoperator, type Tensor } from 'lazykernel';
     * const f = aslinearoperator({ shape: [2, 2], matvec: (v: Tensor) => v.mul(2) });
     * console.log(f.hasAdjoint); // => false
     * const g = aslinearoperator({ shape: [2, 2], matvec: (v: Tensor) => v.mul(2), rmatvec: (v: Tensor) => v.mul(2) });
     * console.log(g.hasAdjoint); // => true
     * ```
     */
    get hasAdjoint() {
        return this.backward !== undefined;
    }
    /**
     * this + B (same shape).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { identity } from 'lazykernel';
     * console.log(await A.add(identity(2)).matvec([1, 1])); // => [4, 8]
     * ```
     */
    add(B) {
        return this.combine('add', B, 1);
    }
    /**
     * this - B (same shape).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { identity } from 'lazykernel';
     * console.log(await A.sub(identity(2)).matvec([1, 1])); // => [2, 6]
     * ```
     */
    sub(B) {
        return this.combine('sub', B, -1);
    }
    /**
     * alpha * this for a finite number alpha, or the product this B for an operator B (scipy's
     * `A * B` and `A.dot(B)` on LinearOperators: the same as matmul).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.mul(10).matvec([1, 1])); // => [30, 70]
     * console.log(await A.mul(A).matvec([1, 0]));  // => [7, 15]
     * ```
     */
    mul(alpha) {
        if (alpha instanceof LinearOperator)
            return this.matmul(alpha);
        if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
            throw new ValueError(`LinearOperator.mul: alpha must be a finite number or a LinearOperator, received ${describe(alpha)}`);
        }
        const scale = (apply) => async (X, cols, signal) => {
            const Y = await apply(X, cols, signal);
            for (let k = 0; k < Y.length; k++)
                Y[k] *= alpha;
            return Y;
        };
        return new LinearOperator({
            ...this.specOf(),
            forward: scale(this.forward),
            adjoint: this.backward && scale(this.backward),
            name: `${alpha} * ${this.name}`,
        });
    }
    /**
     * this^p for an integer p >= 0 (square operators): p applications in a row, never a dense
     * matrix; p = 0 is the identity (scipy's `A ** p`).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 1, 0, 1], [2, 2], { dtype: 'float64' }));   // [[1, 1], [0, 1]]
     * console.log(await A.pow(3).matvec([0, 1])); // => [3, 1]
     * console.log(await A.pow(0).matvec([5, 7])); // => [5, 7]
     * ```
     */
    pow(p) {
        const where = 'LinearOperator.pow';
        if (typeof p !== 'number' || !Number.isInteger(p) || p < 0)
            throw new ValueError(`${where}: p must be a non-negative integer, received ${describe(p)}`);
        if (this.shape[0] !== this.shape[1])
            throw new ShapeError(`${where}: the operator must be square, received shape [${this.shape.join(', ')}]`);
        const repeat = (apply) => async (X, cols, signal) => {
            let Y = Float64Array.from(X);
            for (let t = 0; t < p; t++) {
                throwIfAborted(where, signal);
                Y = await apply(Y, cols, signal);
            }
            return Y;
        };
        return new LinearOperator({
            ...this.specOf(),
            forward: repeat(this.forward),
            adjoint: this.backward && repeat(this.backward),
            name: `(${this.name})^${p}`,
        });
    }
    /**
     * -this.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.neg().matvec([1, 1])); // => [-3, -7]
     * ```
     */
    neg() {
        return this.mul(-1);
    }
    /**
     * The product this B: X -> this(B X), of shape [N, B.shape[1]].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * // A^T A, the normal equations' operator, applied as two matvecs
     * console.log(await A.T.matmul(A).matvec([1, 0])); // => [10, 14]
     * ```
     */
    matmul(B) {
        checkOperator('LinearOperator.matmul', 'B', B);
        if (this.shape[1] !== B.shape[0]) {
            throw new ShapeError(`LinearOperator.matmul: the shapes [${this.shape.join(', ')}] and [${B.shape.join(', ')}] do not chain (${this.shape[1]} != ${B.shape[0]})`);
        }
        const A = this;
        const [dtype, flexible] = combinedDType(A, B);
        return new LinearOperator({
            shape: [A.shape[0], B.shape[1]],
            dtype,
            flexible,
            forward: async (X, cols, signal) => A.apply(await B.apply(X, cols, signal), cols, signal),
            adjoint: A.backward && B.backward ? async (X, cols, signal) => B.applyAdjoint(await A.applyAdjoint(X, cols, signal), cols, signal) : undefined,
            name: `(${A.name}) @ (${B.name})`,
        });
    }
    /**
     * A^T, of shape [M, N].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.transpose().matvec([1, 0])); // => [1, 2]
     * ```
     */
    transpose() {
        if (!this.backward)
            throw new ValueError(`LinearOperator.transpose: ${this.name} has no transpose (the object given to aslinearoperator defines no rmatvec)`);
        return new LinearOperator({
            ...this.specOf(),
            shape: [this.shape[1], this.shape[0]],
            forward: this.backward,
            adjoint: this.forward,
            name: `(${this.name}).T`,
        });
    }
    /**
     * Alias of transpose(), like scipy's `.T`.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(A.T.shape);              // => [2, 2]
     * console.log(await A.T.matvec([0, 1])); // => [3, 4]
     * ```
     */
    get T() {
        return this.transpose();
    }
    /**
     * The adjoint (conjugate transpose): the transpose, since lazykernel's operators are real.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.adjoint().matvec([1, 0])); // => [1, 2]
     * ```
     */
    adjoint() {
        return this.transpose();
    }
    /**
     * Alias of adjoint(), like scipy's `.H`.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4, 5, 6], [2, 3], { dtype: 'float64' }));
     * console.log(A.H.shape);                // => [3, 2]
     * console.log(await A.H.matvec([1, 1])); // => [5, 7, 9]
     * ```
     */
    get H() {
        return this.transpose();
    }
    /**
     * The dense [N, M] float64 matrix, one block of columns at a time; for small operators and tests.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { identity } from 'lazykernel';
     * console.log(await A.add(identity(2).mul(10)).toDense()); // => [[11, 2], [3, 14]]
     * ```
     */
    async toDense(options) {
        const signal = applyOptions('toDense', options);
        const [n, m] = this.shape;
        const out = new Float64Array(n * m);
        const chunk = Math.max(1, Math.min(m, 64));
        for (let c0 = 0; c0 < m; c0 += chunk) {
            const cols = Math.min(chunk, m - c0);
            const E = new Float64Array(m * cols);
            for (let c = 0; c < cols; c++)
                E[(c0 + c) * cols + c] = 1;
            const Y = await this.apply(E, cols, signal);
            for (let i = 0; i < n; i++)
                for (let c = 0; c < cols; c++)
                    out[i * m + c0 + c] = Y[i * cols + c];
        }
        return new Tensor(out, [n, m]);
    }
    /**
     * The shape, dtype and how the operator was composed, for logs.
     *
     * @example
     * ```ts
     * import { identity } from 'lazykernel';
     * console.log(String(identity(3).mul(2))); // => 'LinearOperator(shape=[3, 3], dtype=float64): 2 * I(3)'
     * ```
     */
    toString() {
        return `LinearOperator(shape=[${this.shape.join(', ')}], dtype=${this.dtype}): ${this.name}`;
    }
    specOf() {
        return { shape: this.shape, dtype: this.dtype, flexible: this.flexible, forward: this.forward, adjoint: this.backward, name: this.name };
    }
    combine(op, B, sign) {
        const where = `LinearOperator.${op}`;
        checkOperator(where, 'B', B);
        if (this.shape[0] !== B.shape[0] || this.shape[1] !== B.shape[1]) {
            throw new ShapeError(`${where}: shapes differ, [${this.shape.join(', ')}] and [${B.shape.join(', ')}]`);
        }
        const A = this;
        const both = (fa, fb) => async (X, cols, signal) => {
            const YA = await fa(X, cols, signal);
            const YB = await fb(X, cols, signal);
            for (let k = 0; k < YA.length; k++)
                YA[k] = YA[k] + sign * YB[k];
            return YA;
        };
        const [dtype, flexible] = combinedDType(A, B);
        return new LinearOperator({
            shape: A.shape,
            dtype,
            flexible,
            forward: both(A.forward, B.forward),
            adjoint: A.backward && B.backward ? both(A.backward, B.backward) : undefined,
            name: `${A.name} ${op === 'add' ? '+' : '-'} ${B.name}`,
        });
    }
}
function applyOptions(where, options) {
    checkOptions(where, options, ['signal']);
    return checkSignal(where, options?.signal);
}
function checkOperator(where, name, B) {
    if (!(B instanceof LinearOperator)) {
        throw new DTypeError(`${where}: ${name} must be a LinearOperator (see aslinearoperator, diags, identity), received ${describe(B)}`);
    }
}
/** The dtype of a composition: a fixed float64 wins, then a fixed float32; flexible only if both are. */
function combinedDType(A, B) {
    if (A.flexible && B.flexible)
        return ['float64', true];
    if (A.flexible)
        return [B.dtype, false];
    if (B.flexible)
        return [A.dtype, false];
    return [A.dtype === 'float64' || B.dtype === 'float64' ? 'float64' : 'float32', false];
}
/**
 * Wraps a LazyTensor [N, M], a dense Tensor [N, M] or a `{ shape, matvec, rmatvec? }` object
 * as a LinearOperator (a LinearOperator is returned as is). A LazyTensor's matvec is
 * `K.mul(Vj(v)).sum(1)`; matmat sends every column through that one reduction.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, type Tensor } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1], { dtype: 'float64' });
 * const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());   // a kernel LazyTensor
 * console.log(await K.matvec([1, 0, 0]));                       // => [1, 0.36788, 0.01832]
 * const A = aslinearoperator(tensor([2, 0, 0, 3], [2, 2]));      // a dense Tensor
 * console.log(await A.matvec([1, 1]));                          // => [2, 3]
 * const F = aslinearoperator({ shape: [2, 2], matvec: (v: Tensor) => v.mul(5) });   // scipy's LinearOperator(shape, matvec)
 * console.log(await F.matvec([1, 2]));                          // => [5, 10]
 * ```
 */
export function aslinearoperator(x, options) {
    const where = 'aslinearoperator';
    checkOptions(where, options, ['backend', 'ranges', 'cluster']);
    if (x instanceof LinearOperator)
        return x;
    if (x instanceof LazyTensor)
        return fromLazyTensor(x, options ?? {});
    if (options?.backend !== undefined || options?.ranges !== undefined || options?.cluster !== undefined) {
        throw new ValueError(`${where}: options.backend, options.ranges and options.cluster apply to LazyTensors only, received ${describe(x)}`);
    }
    if (x instanceof Tensor)
        return fromDense(x);
    if (x !== null && typeof x === 'object' && 'matvec' in x)
        return fromCallbacks(x);
    throw new DTypeError(`${where}: expected a LazyTensor, a Tensor [N, M] or an object { shape, matvec, rmatvec? }, received ${describe(x)}`);
}
function fromLazyTensor(K, options) {
    const where = 'aslinearoperator';
    if (K.dim !== 1)
        throw new ShapeError(`${where}: the LazyTensor must be scalar-valued ([N, M]), this one has vector dimension ${K.dim}; sum(-1) or elem(k) it first`);
    const vars = collectVars([K.node]);
    for (const cat of ['i', 'j']) {
        if (!vars.some((v) => v.category === cat)) {
            throw new ShapeError(`${where}: the LazyTensor needs a V${cat} variable to have a shape, this one has none`);
        }
    }
    const dtype = formulaDType(vars, where);
    const shape = K.shape;
    if (shape.length !== 2)
        throw new ShapeError(`${where}: the LazyTensor must be one [N, M] matrix, this one has batch axes (shape [${shape.join(', ')}]); make one operator per batch index`);
    const [n, m] = shape;
    // Checked here, not at the first matvec: the reductions would throw only then.
    checkBackend(where, options.backend);
    checkCluster(where, options.cluster);
    if (options.ranges !== undefined)
        blockSparsity(options.ranges, 1, n, m); // both halves: matvec and rmatvec
    const reduceOptions = {
        ...(options.backend !== undefined && { backend: options.backend }),
        ...(options.ranges !== undefined && { ranges: options.ranges }),
        ...(options.cluster !== undefined && { cluster: options.cluster }),
    };
    // One reduction for all the columns: the block is a vector variable of dimension cols.
    const product = (side, inRows) => async (X, cols, signal) => {
        const out = await K[side](tensorOf(X, [inRows, cols], dtype), { ...reduceOptions, ...(signal && { signal }) });
        return Float64Array.from(out.data);
    };
    return new LinearOperator({
        shape: [n, m],
        dtype,
        forward: product('matvec', m),
        adjoint: product('rmatvec', n),
        name: `LazyTensor[${n}, ${m}]`,
    });
}
function fromDense(A) {
    const where = 'aslinearoperator';
    if (A.shape.length !== 2)
        throw new ShapeError(`${where}: a dense operator must be a Tensor of shape [N, M], received shape [${A.shape.join(', ')}]`);
    if (A.dtype === 'int32')
        throw new DTypeError(`${where}: a dense operator must be float32 or float64, received an int32 Tensor`);
    const [n, m] = A.shape;
    const a = Float64Array.from(A.data);
    const forward = async (X, cols) => {
        const Y = new Float64Array(n * cols);
        for (let i = 0; i < n; i++) {
            const row = i * m;
            for (let j = 0; j < m; j++) {
                const aij = a[row + j];
                if (aij === 0)
                    continue;
                for (let c = 0; c < cols; c++)
                    Y[i * cols + c] += aij * X[j * cols + c];
            }
        }
        return Y;
    };
    const adjoint = async (X, cols) => {
        const Y = new Float64Array(m * cols);
        for (let i = 0; i < n; i++) {
            const row = i * m;
            for (let j = 0; j < m; j++) {
                const aij = a[row + j];
                if (aij === 0)
                    continue;
                for (let c = 0; c < cols; c++)
                    Y[j * cols + c] += aij * X[i * cols + c];
            }
        }
        return Y;
    };
    return new LinearOperator({ shape: [n, m], dtype: A.dtype, forward, adjoint, name: `Tensor[${n}, ${m}]` });
}
function fromCallbacks(obj) {
    const where = 'aslinearoperator';
    const shape = obj.shape;
    if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && s >= 1)) {
        throw new ShapeError(`${where}: shape must be [N, M] with positive integers, received ${describe(shape)}`);
    }
    if (typeof obj.matvec !== 'function')
        throw new ValueError(`${where}: matvec must be a function, received ${describe(obj.matvec)}`);
    for (const key of ['rmatvec', 'matmat']) {
        if (obj[key] !== undefined && typeof obj[key] !== 'function')
            throw new ValueError(`${where}: ${key} must be a function when given, received ${describe(obj[key])}`);
    }
    const dtype = obj.dtype ?? 'float64';
    if (dtype !== 'float32' && dtype !== 'float64')
        throw new DTypeError(`${where}: dtype must be 'float32' or 'float64', received ${describe(dtype)}`);
    const [n, m] = shape;
    const columnwise = (fn, inRows, outRows, name) => async (X, cols) => {
        const Y = new Float64Array(outRows * cols);
        for (let c = 0; c < cols; c++) {
            const v = new Float64Array(inRows);
            for (let i = 0; i < inRows; i++)
                v[i] = X[i * cols + c];
            const out = toBlock(`${where}: the ${name} callback`, 'its result', await fn.call(obj, tensorOf(v, [inRows], dtype)), outRows, 1);
            for (let i = 0; i < outRows; i++)
                Y[i * cols + c] = out.data[i];
        }
        return Y;
    };
    let forward = columnwise(obj.matvec, m, n, 'matvec');
    if (obj.matmat) {
        const matmat = obj.matmat;
        forward = async (X, cols) => {
            const out = await matmat.call(obj, tensorOf(X, [m, cols], dtype));
            if (!(out instanceof Tensor) || out.shape.length !== 2 || out.shape[0] !== n || out.shape[1] !== cols) {
                throw new ShapeError(`${where}: the matmat callback must return a Tensor [${n}, ${cols}], returned ${describe(out)}`);
            }
            return Float64Array.from(out.data);
        };
    }
    return new LinearOperator({
        shape: [n, m],
        dtype,
        forward,
        adjoint: obj.rmatvec ? columnwise(obj.rmatvec, n, m, 'rmatvec') : undefined,
        name: `LinearOperator[${n}, ${m}]`,
    });
}
export function diags(d, second, shape, fourth) {
    const where = 'diags';
    if (typeof second === 'number' || Array.isArray(second))
        return banded(where, d, second, shape, fourth);
    const options = second;
    if (shape !== undefined)
        throw new ValueError(`${where}: a shape needs offsets (diags(diagonals, offsets, shape)), received ${describe(shape)}`);
    checkOptions(where, options, ['dtype']);
    const n = d instanceof Tensor ? d.shape[0] : d?.length;
    if (typeof n !== 'number' || n < 1)
        throw new ShapeError(`${where}: d must be a non-empty vector, received ${describe(d)}`);
    const { data } = toBlock(where, 'd', d, n, 1);
    const fixed = options?.dtype ?? ownDType(d);
    if (fixed !== undefined && fixed !== 'float32' && fixed !== 'float64')
        throw new DTypeError(`${where}: options.dtype must be 'float32' or 'float64', received ${describe(fixed)}`);
    const scale = async (X, cols) => {
        const Y = new Float64Array(X.length);
        for (let i = 0; i < n; i++)
            for (let c = 0; c < cols; c++)
                Y[i * cols + c] = data[i] * X[i * cols + c];
        return Y;
    };
    return new LinearOperator({ shape: [n, n], dtype: fixed ?? 'float64', flexible: fixed === undefined, forward: scale, adjoint: scale, name: `diags([${n}])` });
}
/** diags with offsets: one band per offset, entry i of band k at (i, i + k) for k >= 0, (i - k, i) below. */
function banded(where, diagonals, offsetsArg, shapeArg, options) {
    checkOptions(where, options, ['dtype']);
    const single = typeof offsetsArg === 'number';
    const offsets = single ? [offsetsArg] : [...offsetsArg];
    const bands = single ? [diagonals] : Array.isArray(diagonals) ? diagonals : [];
    if (!single && (!Array.isArray(diagonals) || bands.length !== offsets.length)) {
        throw new ShapeError(`${where}: with ${offsets.length} offsets, diagonals must be an array of ${offsets.length} vectors or numbers, received ${describe(diagonals)}`);
    }
    if (offsets.length === 0)
        throw new ShapeError(`${where}: offsets must not be empty`);
    offsets.forEach((k, t) => {
        if (typeof k !== 'number' || !Number.isInteger(k))
            throw new ValueError(`${where}: offsets must be integers, received ${describe(k)} at index ${t}`);
        if (offsets.indexOf(k) !== t)
            throw new ValueError(`${where}: offset ${k} appears twice`);
    });
    const lengthOf = (b) => (typeof b === 'number' ? null : b instanceof Tensor ? b.shape[0] : b?.length ?? -1);
    let n;
    let m;
    if (shapeArg === undefined) {
        const len0 = lengthOf(bands[0]);
        if (len0 === null || len0 < 1)
            throw new ShapeError(`${where}: pass a shape when the first diagonal is a number (or empty), received ${describe(bands[0])}`);
        n = m = len0 + Math.abs(offsets[0]);
    }
    else {
        if (!Array.isArray(shapeArg) || shapeArg.length !== 2 || !shapeArg.every((x) => Number.isInteger(x) && x >= 1)) {
            throw new ShapeError(`${where}: shape must be [N, M] with positive integers, received ${describe(shapeArg)}`);
        }
        [n, m] = shapeArg;
    }
    let fixed = options?.dtype;
    if (fixed !== undefined && fixed !== 'float32' && fixed !== 'float64')
        throw new DTypeError(`${where}: options.dtype must be 'float32' or 'float64', received ${describe(fixed)}`);
    const explicit = fixed !== undefined;
    const values = offsets.map((k, t) => {
        const len = k >= 0 ? Math.min(n, m - k) : Math.min(n + k, m);
        if (len < 1)
            throw new ShapeError(`${where}: offset ${k} lies outside a [${n}, ${m}] operator`);
        const b = bands[t];
        if (typeof b === 'number') {
            if (!Number.isFinite(b))
                throw new ValueError(`${where}: diagonal ${t} must be finite, received ${b}`);
            return new Float64Array(len).fill(b);
        }
        if (lengthOf(b) !== len)
            throw new ShapeError(`${where}: diagonal ${t} (offset ${k}) must have length ${len} in a [${n}, ${m}] operator, received ${describe(b)}`);
        const own = ownDType(b);
        if (!explicit && own !== undefined)
            fixed = fixed === 'float64' || own === 'float64' ? 'float64' : 'float32';
        return toBlock(where, `diagonal ${t}`, b, len, 1).data;
    });
    const apply = (transposed) => async (X, cols) => {
        const Y = new Float64Array((transposed ? m : n) * cols);
        offsets.forEach((k, t) => {
            const band = values[t];
            const r0 = k >= 0 ? 0 : -k;
            const c0 = k >= 0 ? k : 0;
            for (let i = 0; i < band.length; i++) {
                const v = band[i];
                const [out, input] = transposed ? [c0 + i, r0 + i] : [r0 + i, c0 + i];
                for (let c = 0; c < cols; c++)
                    Y[out * cols + c] += v * X[input * cols + c];
            }
        });
        return Y;
    };
    return new LinearOperator({
        shape: [n, m], dtype: fixed ?? 'float64', flexible: fixed === undefined,
        forward: apply(false), adjoint: apply(true), name: `diags(offsets [${offsets.join(', ')}], [${n}, ${m}])`,
    });
}
/** The dtype a vector argument fixes: a float32 Tensor or Float32Array gives float32, numbers none. */
function ownDType(d) {
    if (d instanceof Tensor)
        return d.dtype === 'float32' ? 'float32' : 'float64';
    if (d instanceof Float32Array)
        return 'float32';
    if (d instanceof Float64Array)
        return 'float64';
    return undefined;
}
/**
 * The identity operator of size n; its dtype adapts to what it is combined with unless fixed.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, identity } from 'lazykernel';
 * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2]));
 * const shifted = A.add(identity(2).mul(0.5));   // A + 0.5 I, as scipy's aslinearoperator(A) + 0.5 * identity
 * console.log(await shifted.matvec([1, 0]));     // => [1.5, 3]
 * ```
 */
export function identity(n, options) {
    const where = 'identity';
    checkOptions(where, options, ['dtype']);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
        throw new ShapeError(`${where}: n must be a positive integer, received ${describe(n)}`);
    const dtype = options?.dtype;
    if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64')
        throw new DTypeError(`${where}: options.dtype must be 'float32' or 'float64', received ${describe(dtype)}`);
    const copy = async (X) => Float64Array.from(X);
    return new LinearOperator({ shape: [n, n], dtype: dtype ?? 'float64', flexible: dtype === undefined, forward: copy, adjoint: copy, name: `I(${n})` });
}

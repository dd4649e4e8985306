import { FormulaNode } from '../formula/node.js';
import type { Tensor } from '../tensor/tensor.js';
import type { KernelSolveOptions } from '../linalg/solve.js';
import type { SolveResult } from '../linalg/columns.js';
import { type ReduceOptions, type LogSumExpOptions } from './reduce.js';
/** What a LazyTensor operation accepts as its other operand: a LazyTensor or a number. */
export type LazyOperand = LazyTensor | number;
/**
 * A symbolic [N, M] (or [N, M, D]) kernel matrix: an immutable formula over i-variables,
 * j-variables and parameters, evaluated only inside reductions.
 */
export declare class LazyTensor {
    /** @internal The formula IR node this LazyTensor wraps. */
    readonly node: FormulaNode;
    /** @internal LazyTensors are made by Vi, Vj, Pm and their operations. */
    constructor(node: FormulaNode);
    /** Vector dimension of each (i, j) entry. */
    get dim(): number;
    /** [N, M] or [N, M, D]; an axis without variables is reported as 1. */
    get shape(): number[];
    private op;
    add(y: LazyOperand): LazyTensor;
    sub(y: LazyOperand): LazyTensor;
    mul(y: LazyOperand): LazyTensor;
    div(y: LazyOperand): LazyTensor;
    neg(): LazyTensor;
    exp(): LazyTensor;
    log(): LazyTensor;
    sqrt(): LazyTensor;
    /** 1/sqrt(x), with rsqrt(0) = 0 as in KeOps. */
    rsqrt(): LazyTensor;
    square(): LazyTensor;
    abs(): LazyTensor;
    sin(): LazyTensor;
    cos(): LazyTensor;
    sign(): LazyTensor;
    /** 0 for x < 0, 1 otherwise. */
    step(): LazyTensor;
    relu(): LazyTensor;
    inv(): LazyTensor;
    floor(): LazyTensor;
    /** Rounds half away from zero to `decimals` digits. */
    round(decimals?: number): LazyTensor;
    /**
     * x^p. Like pykeops: an integer p is repeated multiplication, 0.5 is sqrt, -0.5 is rsqrt,
     * any other number or a LazyTensor is powf (exp(p log x), NaN for x < 0).
     */
    pow(p: LazyOperand): LazyTensor;
    powf(p: LazyOperand): LazyTensor;
    /** Element-wise minimum of two formulas (NaN propagates). */
    minimum(y: LazyOperand): LazyTensor;
    /** Element-wise maximum of two formulas (NaN propagates). */
    maximum(y: LazyOperand): LazyTensor;
    atan2(x: LazyOperand): LazyTensor;
    /** x - n floor((x - d) / n), KeOps's Mod. */
    mod(n: LazyOperand, d?: LazyOperand): LazyTensor;
    clamp(lo: LazyOperand, hi: LazyOperand): LazyTensor;
    /** this >= 0 ? a : b. */
    ifelse(a: LazyOperand, b: LazyOperand): LazyTensor;
    sqnorm2(): LazyTensor;
    norm2(): LazyTensor;
    normalize(): LazyTensor;
    sqdist(y: LazyTensor): LazyTensor;
    dot(y: LazyTensor): LazyTensor;
    /** (x - y)^T S (x - y) with S of dimension 1, D (diagonal) or D*D (full). */
    weightedsqdist(y: LazyTensor, s: LazyOperand): LazyTensor;
    /** x^T S x with S of dimension 1, D (diagonal) or D*D (full). */
    weightedsqnorm(s: LazyOperand): LazyTensor;
    concat(y: LazyTensor): LazyTensor;
    elem(k: number): LazyTensor;
    extract(start: number, len: number): LazyTensor;
    /** This (a row-major n x m matrix) times v (m components). */
    matvecmult(v: LazyTensor): LazyTensor;
    /** This (n components) times A (a row-major n x m matrix). */
    vecmatmult(A: LazyTensor): LazyTensor;
    tensorprod(y: LazyTensor): LazyTensor;
    /** sum(-1) sums the vector components and stays lazy; sum(0) / sum(1) reduce over i / j. */
    sum(axis: -1): LazyTensor;
    sum(axis: 0 | 1, options?: ReduceOptions): Promise<Tensor>;
    /** log sum exp over an axis, optionally weighted: log sum_j w_j exp(this_ij). */
    logsumexp(axis: number, options?: LogSumExpOptions): Promise<Tensor>;
    /** sum_j softmax_j(this_ij) V_j. */
    sumsoftmaxweight(V: LazyTensor, axis: number, options?: ReduceOptions): Promise<Tensor>;
    /** Reduction min over an axis; with a LazyTensor argument, the element-wise minimum. */
    min(axis: number, options?: ReduceOptions): Promise<Tensor>;
    min(y: LazyTensor): LazyTensor;
    /** Reduction max over an axis; with a LazyTensor argument, the element-wise maximum. */
    max(axis: number, options?: ReduceOptions): Promise<Tensor>;
    max(y: LazyTensor): LazyTensor;
    /** Index of the minimum (first on ties); -1 where a row has no non-NaN value. */
    argmin(axis: number, options?: ReduceOptions): Promise<Tensor>;
    argmax(axis: number, options?: ReduceOptions): Promise<Tensor>;
    minArgmin(axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]>;
    maxArgmax(axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]>;
    /** The K smallest values, ascending; slots beyond the available values hold +Inf. */
    Kmin(K: number, axis: number, options?: ReduceOptions): Promise<Tensor>;
    /** Indices of the K smallest values (ties: lowest index first); -1 for missing slots. */
    argKmin(K: number, axis: number, options?: ReduceOptions): Promise<Tensor>;
    KminArgKmin(K: number, axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]>;
    /**
     * Solves (alpha I + K) x = b by conjugate gradients, like KeOps's KernelSolve; K must be a
     * square, scalar-valued kernel. Resolves to { x, iterations, converged, residual, ... }.
     */
    solve(b: Tensor | LazyTensor, options?: KernelSolveOptions): Promise<SolveResult>;
    /** The formula and shape, printed the way pykeops does. */
    toString(): string;
}

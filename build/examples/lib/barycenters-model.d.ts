import { type Tensor, type DataArray, type SamplesLossFunction, type LbfgsResult, type OTBackend } from '../../src/index.js';
/**
 * The tutorial's sizes: N = M = 50 points (its CPU setting; its gallery ran on a GPU with 500,
 * hence its initial cost 0.1210 where 50 points give 0.1221; both converge to 0.0904), and at
 * most 500 L-BFGS iterations per run.
 */
export declare const TUTORIAL: {
    readonly N: 50;
    readonly M: 50;
    readonly maxIter: 500;
};
/** The time the GeomLoss tutorial reports for its whole script (1 min 46.159 s). */
export declare const PYTHON_SECONDS = 106.159;
/** Evenly spaced float32 values from a to b, both included (torch.linspace). */
export declare function linspace(n: number, a: number, b: number): Float32Array;
/** The tutorial's measures: the endpoints x_i and y_j ([M, 1]) and the starting samples z_k ([N, 1]). */
export interface BarycenterData {
    N: number;
    M: number;
    /** M points evenly spaced on [0, 0.1]: the first endpoint. */
    X_i: Tensor;
    /** M points evenly spaced on [0.8, 1]: the second endpoint. */
    Y_j: Tensor;
    /** N points evenly spaced on [0, 1]: where both descents start. */
    Z_k: Tensor;
}
/** The endpoints and the uniform starting sample, as the tutorial builds them. */
export declare function barycenterData(N?: number, M?: number): BarycenterData;
/** The state after one closure evaluation: positions z and weights c of the barycenter. */
export interface Snapshot {
    /** The evaluation's index, from 0 (the tutorial's "nit"). */
    nit: number;
    cost: number;
    z: DataArray;
    c: DataArray;
}
/** Whether the tutorial draws a panel for evaluation `nit`: 0 to 4, then every 4th. */
export declare const isPanel: (nit: number) => boolean;
/** Options of Barycenter.fit. */
export interface FitOptions {
    /** scipy's ftol and gtol (the tutorial's tol, default 1e-10). */
    tol?: number;
    /** L-BFGS iterations at most (default 500, the tutorial's maxiter). */
    maxIter?: number;
    /** Stops the descent (and the Sinkhorn loop under way): fit rejects with an AbortError. */
    signal?: AbortSignal;
    /** Called (and awaited) after every closure evaluation, with the barycenter it evaluated. */
    onEvaluation?: (snapshot: Snapshot) => void | Promise<void>;
}
export declare abstract class Barycenter {
    loss: SamplesLossFunction;
    w: number;
    x_i: Tensor;
    y_j: Tensor;
    z_k: Tensor;
    costs: number[];
    /** The evaluations the tutorial draws as panels (isPanel). */
    snapshots: Snapshot[];
    result: LbfgsResult;
    seconds: number;
    /** The tensors L-BFGS optimises. */
    abstract parameters(): Tensor[];
    /** The cost to minimise. */
    abstract forward(): Promise<Tensor>;
    constructor(loss: SamplesLossFunction, data: BarycenterData, w?: number);
    /** The default weights are uniform, equal to 1/N. */
    weights(): Tensor;
    /** The current barycenter: positions and weights, copied. */
    snapshot(nit: number, cost: number): Snapshot;
    /** Fits the model with L-BFGS, recording the cost of every closure evaluation ("nit"). */
    fit({ tol, maxIter, signal, onEvaluation }?: FitOptions): Promise<this>;
}
/** Fixed locations z_k; the log-weights l_k are optimised. */
export declare class EulerianBarycenter extends Barycenter {
    a_i: Tensor;
    b_j: Tensor;
    l_k: Tensor;
    constructor(loss: SamplesLossFunction, data: BarycenterData, w?: number);
    parameters(): Tensor[];
    /** The weights of a probability measure: softmax of the log-weights. */
    weights(): Tensor;
    /** The cost to minimise. */
    forward(): Promise<Tensor>;
}
/** Uniform weights; the positions z_k are optimised. */
export declare class LagrangianBarycenter extends Barycenter {
    constructor(loss: SamplesLossFunction, data: BarycenterData, w?: number);
    parameters(): Tensor[];
    forward(): Promise<Tensor>;
}
/** One of the tutorial's descents: which model, its Sinkhorn loss and its tolerance. */
export interface RunSettings {
    name: string;
    model: 'eulerian' | 'lagrangian';
    blur: number;
    scaling: number;
    tol: number;
}
/** The tutorial's three runs, in its order. */
export declare const TUTORIAL_RUNS: readonly RunSettings[];
/** The name the tutorial would give a run with these settings. */
export declare function runName({ model, blur, scaling, tol }: Omit<RunSettings, 'name'>): string;
/** Options of createBarycenter: where the Sinkhorn loss runs, and a signal that stops it. */
export interface CreateOptions {
    /** samplesLoss's backend (default 'auto': 'tensorized' at the tutorial's sizes, as in GeomLoss). */
    backend?: OTBackend;
    signal?: AbortSignal;
}
/** The model of one run, with its Sinkhorn loss: `SamplesLoss("sinkhorn", blur, scaling)`. */
export declare function createBarycenter(settings: RunSettings, data: BarycenterData, { backend, signal }?: CreateOptions): Barycenter;

/**
 * GeomLoss's `sinkhorn_loop`: the symmetric Sinkhorn iterations with epsilon-scaling, the
 * optional coarse-to-fine jumps of the multiscale scheme, and a last "extrapolation" step
 * whose result carries the gradient (envelope theorem: no backpropagation through the
 * iterations, which only ever see detached tensors).
 */
import { Yielder } from '../abort.js';
import { Tensor } from '../tensor/tensor.js';
import type { SinkhornProgress } from './options.js';
/**
 * The soft C-transform: f_i = -eps log sum_j exp(h_j - C(x_i, y_j) / eps), where `C` encodes
 * the cost between the points of f (rows) and of h (columns). It records a graph only when
 * `C` holds tensors that require grad.
 */
export type Softmin<C> = (eps: number, C: C, h: Tensor) => Promise<Tensor>;
/** Everything the loop needs, as GeomLoss's arguments (lists hold one entry per scale). */
export interface SinkhornLoopArgs<C> {
    softmin: Softmin<C>;
    /** The same cost with every tensor detached: what the iterations use. */
    detach: (C: C) => C;
    aLogs: Tensor[];
    bLogs: Tensor[];
    Cxxs: C[] | null;
    Cyys: C[] | null;
    Cxys: C[];
    Cyxs: C[];
    epsList: readonly number[];
    rho: number | null;
    /** Iterations after which the loop moves to the next (finer) scale. */
    jumps?: readonly number[];
    /** Prunes the fine cost from the coarse potentials (multiscale kernel truncation). */
    kernelTruncation?: (Cxy: C, Cyx: C, CxyFine: C, CyxFine: C, f: Tensor, g: Tensor, eps: number) => Promise<[C, C]>;
    /** Extrapolates a coarse potential to the fine points: (f, g, eps, damping, Cxy, bLog, CxyFine) -> fine f. */
    extrapolate?: (f: Tensor, g: Tensor, eps: number, damping: number, Cxy: C, bLog: Tensor, CxyFine: C) => Promise<Tensor>;
    debias: boolean;
    /**
     * The loop potentials of OT(a, a) and OT(b, b) from an earlier loop on the same measure, cost
     * and schedule (single-scale only): those problems do not depend on the other measure, so
     * their iterations are skipped. The loop returns its own in `loopAA`, `loopBB`.
     */
    cachedAA?: Tensor | null;
    cachedBB?: Tensor | null;
    signal?: AbortSignal;
    /**
     * Gives the event loop a turn every 20 ms and checks the signal: shared with the softmins of
     * the same call, so that one clock spans the whole call (a new one per loop otherwise).
     */
    yielder?: Yielder;
    onProgress?: (progress: SinkhornProgress) => void | Promise<void>;
    p: number;
    batch?: number;
}
/** The four dual potentials: f_aa, g_bb (null without debias), g_ab on y and f_ba on x. */
export interface Potentials {
    fAA: Tensor | null;
    gBB: Tensor | null;
    gAB: Tensor;
    fBA: Tensor;
    /** The potentials of OT(a, a) and OT(b, b) before the last step (for `cachedAA` / `cachedBB`). */
    loopAA?: Tensor | null;
    loopBB?: Tensor | null;
}
/** Runs the loop and returns the potentials of the last (differentiable) step. */
export declare function sinkhornLoop<C>(args: SinkhornLoopArgs<C>): Promise<Potentials>;

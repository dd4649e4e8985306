import { Tensor } from '../tensor/tensor.js';
/** Options of `backward`. */
export interface BackwardOptions {
    /** Keep the graph so that backward can run through it again (default: createGraph). */
    retainGraph?: boolean;
    /**
     * Record the backward pass itself, so that the gradients it writes have a graph of their own
     * and can be differentiated again (Hessian-vector products). Kernel reductions support it:
     * the gradient of a reduction is a reduction.
     */
    createGraph?: boolean;
}
/** A seed gradient: a Tensor, or numbers in the root's row-major order. */
export type Seed = Tensor | readonly number[] | Float32Array | Float64Array | number;
/**
 * Computes the gradient of `root` with respect to every leaf tensor that requires grad and
 * adds it into that leaf's `.grad`. `seed` is d(objective)/d(root); it defaults to 1 for a
 * scalar root. Leaves are written only once every node has succeeded.
 */
export declare function backward(root: Tensor, seed?: Seed, options?: BackwardOptions): Promise<void>;

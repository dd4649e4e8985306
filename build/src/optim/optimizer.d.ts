import { Tensor } from '../tensor/tensor.js';
/** Checks an optimiser's parameter list: leaf float tensors that require grad, each once. */
export declare function checkParams(where: string, params: unknown): Tensor[];
/** A number option in [min, max] (ends inclusive unless `openMax`), or a ValueError naming it. */
export declare function checkNumber(where: string, name: string, value: unknown, min: number, max?: number, openMax?: boolean): number;
/** A boolean option, or a ValueError naming it. */
export declare function checkBoolean(where: string, name: string, value: unknown): boolean;
/** Base class of the step-wise optimisers (SGD, Adam). */
export declare abstract class Optimizer {
    /** The tensors this optimiser updates, in the order given. */
    readonly params: readonly Tensor[];
    constructor(where: string, params: readonly Tensor[]);
    /**
     * Drops every parameter's gradient (`grad = null`), like PyTorch's zero_grad().
     *
     * @example
     * ```ts
     * import { tensor, Adam } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * const opt = new Adam([w], { lr: 0.1 });
     * await w.sum().backward();
     * opt.step();
     * opt.zeroGrad();             // before the next backward, or the gradients add up
     * console.log(w.grad);        // => null
     * ```
     */
    zeroGrad(): void;
    /** Updates every parameter that has a gradient, in place. */
    abstract step(): void;
}

import { Tensor } from '../tensor.js';
/** Options of the host reductions. */
export interface TensorReduceOptions {
    /** Keep reduced axes as size 1, so the result broadcasts against the input (default false). */
    keepdims?: boolean;
}
/** The axis argument of a reduction: one axis, several, or all (undefined / null). */
export type Axis = number | readonly number[] | null | undefined;
/** Sum over `axis` (all axes by default). */
export declare function sum(a: Tensor, axis?: Axis, options?: TensorReduceOptions): Tensor;
/** Mean over `axis` (all axes by default); NaN over an empty axis. */
export declare function mean(a: Tensor, axis?: Axis, options?: TensorReduceOptions): Tensor;
/** Largest value over `axis` (all axes by default); NaN propagates. */
export declare function max(a: Tensor, axis?: Axis, options?: TensorReduceOptions): Tensor;
/** Smallest value over `axis` (all axes by default); NaN propagates. */
export declare function min(a: Tensor, axis?: Axis, options?: TensorReduceOptions): Tensor;

import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from './lazy-tensor.js';
import type { ReduceOptions } from './reduce.js';
/** The longest expression parseExpression reads, in characters. */
export declare const MAX_EXPRESSION_LENGTH = 10000;
/**
 * How deep an expression may nest: each parenthesis, argument list and sign adds a level to
 * the parser's recursion, and each method call or operator a level to the formula it builds.
 * Both are capped, so that `'('.repeat(9999)` or a chain of thousands of `.exp()` is refused
 * with a ValueError instead of overflowing the stack here or in the formula's compiler.
 */
export declare const MAX_EXPRESSION_DEPTH = 256;
/** The reductions an expression may end with (as the last call only). */
export type ExpressionReductionMethod = 'sum' | 'logsumexp' | 'sumsoftmaxweight' | 'min' | 'max' | 'argmin' | 'argmax' | 'minArgmin' | 'maxArgmax' | 'Kmin' | 'argKmin' | 'KminArgKmin';
/** The reduction that ends an expression, with its arguments as written. */
export interface ExpressionReduction {
    readonly method: ExpressionReductionMethod;
    /**
     * In call order: [axis] for most; [K, axis] for the K-min family; [V, axis] for
     * sumsoftmaxweight; [axis] or [axis, weight] for logsumexp (`{ weight: Vj(w) }`).
     */
    readonly args: readonly (number | LazyTensor)[];
}
/** A parsed expression: its formula, the reduction that ends it (if any), and a way to run it. */
export interface LazyExpression {
    /** The text as given. */
    readonly source: string;
    /** The formula before the reduction (the whole expression when it has none). */
    readonly lazy: LazyTensor;
    readonly reduction: ExpressionReduction | null;
    /**
     * Runs the reduction on `lazy` with these options (backend, ranges, signal); rejects with a
     * ValueError when the expression has no reduction. minArgmin, maxArgmax and KminArgKmin
     * resolve to [values, indices], the others to one Tensor.
     */
    run(options?: ReduceOptions): Promise<Tensor | Tensor[]>;
    /** The expression as the JS method chain it runs (infix operators written as method calls). */
    toString(): string;
}
/** The variables an expression names in Vi(name), Vj(name) and Pm(name). */
export type ExpressionVariables = Readonly<Record<string, Tensor | number | readonly number[]>>;
/**
 * Parses a lazykernel expression, the method-chain syntax of the JS API, into a LazyTensor and
 * the reduction that ends it (if any): `Vi(x).sqdist(Vj(y)).neg().exp().sum(1)` with
 * `variables` { x, y }. Infix `+ - * /` and unary minus map to add, sub, mul, div and neg.
 * Nothing is evaluated as JavaScript; every bad input is a ValueError naming the column.
 *
 * @example
 * ```ts
 * import { tensor, parseExpression } from 'lazykernel';
 * const x = tensor([0, 1, 2], [3, 1]);
 * const y = tensor([0, 2], [2, 1]);
 * const expr = parseExpression('Vi(x).sqdist(Vj(y)).neg().exp().sum(1)', { x, y });
 * console.log(expr.lazy.shape);        // => [3, 2]
 * console.log(expr.reduction?.method); // => 'sum'
 * console.log(await expr.run());       // => [[1.01832], [0.73576], [1.01832]]
 * ```
 */
export declare function parseExpression(source: string, variables: ExpressionVariables): LazyExpression;

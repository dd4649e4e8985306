import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from './lazy-tensor.js';
import { type ReduceOptions } from './reduce.js';
/** The reductions a routine may run, by KeOps's names (and their spellings without '_'). */
export type GenredReduction = 'Sum' | 'LogSumExp' | 'LogSumExpWeight' | 'SumSoftMaxWeight' | 'SoftMax' | 'Min' | 'Max' | 'ArgMin' | 'ArgMax' | 'Min_ArgMin' | 'MinArgMin' | 'Max_ArgMax' | 'MaxArgMax' | 'KMin' | 'ArgKMin' | 'KMin_ArgKMin' | 'KMinArgKMin';
/** What a routine resolves to: values and indices for the `*_Arg*` reductions, one Tensor otherwise. */
export type GenredResult<R extends GenredReduction> = R extends 'Min_ArgMin' | 'MinArgMin' | 'Max_ArgMax' | 'MaxArgMax' | 'KMin_ArgKMin' | 'KMinArgKMin' ? [Tensor, Tensor] : Tensor;
/** Options of Genred: the reduction, and defaults for every call. */
export interface GenredOptions<R extends GenredReduction = GenredReduction> extends ReduceOptions {
    /** The reduction, as KeOps names it; 'Sum' by default. */
    reductionOp?: R;
    /** 1 reduces over j (one row per i), 0 over i; 0 by default, as in pykeops. */
    axis?: number;
    /** K of 'KMin', 'ArgKMin' and 'KMin_ArgKMin' (pykeops's opt_arg). */
    k?: number;
    /**
     * The second formula, in the same aliases: the weight of 'LogSumExpWeight' (or 'LogSumExp'),
     * the values of 'SumSoftMaxWeight'.
     */
    formula2?: string;
    /** The dtype every Tensor argument must have; by default they only have to agree. */
    dtype?: 'float32' | 'float64';
}
/** A routine's argument: a Tensor, or for a Pm alias also a number or a number array. */
export type GenredArgument = Tensor | number | readonly number[];
/** A Genred routine: call it with one argument per variable, in the order of their indices. */
export interface GenredRoutine<R extends GenredReduction = GenredReduction> {
    /** Runs the reduction; a last argument that is an object gives `{ backend, ranges, signal }` for this call. */
    (...args: (GenredArgument | ReduceOptions)[]): Promise<GenredResult<R>>;
    readonly formula: string;
    readonly aliases: readonly string[];
    readonly reductionOp: R;
    readonly axis: 0 | 1;
    /** The number of arguments a call takes: one per variable index. */
    readonly nargs: number;
    /** The LazyTensor the routine reduces, for these arguments (nothing runs). */
    lazy(...args: GenredArgument[]): LazyTensor;
}
/**
 * KeOps's generic reduction from a string formula: the routine that reduces `formula` (over the
 * variables the aliases declare) with `reductionOp` over `axis`. The string is parsed with
 * KeOps's grammar (`+ - * /`, unary minus, numbers, `IntCst(n)`, `Var(index, dim, cat)`, every
 * op by the name the printer gives it, with KeOps's argument order, `Grad(f, v, e)`), never
 * evaluated as code; the formula, the aliases and the options are checked here, each argument
 * when the routine is called, before any work. `String(lazyTensor)` parses back to the same
 * formula (its `Var(k, dim, cat)` are the arguments in first-seen order).
 *
 * @example
 * ```ts
 * import { Genred, tensor } from 'lazykernel';
 * const X = tensor(new Float32Array([0, 0, 0, 1, 0, 0]), [2, 3]);
 * const Y = tensor(new Float32Array([0, 0, 0, 0, 1, 0, 0, 0, 2]), [3, 3]);
 * const B = tensor(new Float32Array([1, 2, 3]), [3, 1]);
 * const gaussian = Genred('Exp(-SqDist(x,y)) * b', ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'], { reductionOp: 'Sum', axis: 1 });
 * const out = await gaussian(X, Y, B);     // Tensor [2, 1]: sum_j exp(-|x_i - y_j|^2) b_j
 * const nearest = Genred('SqDist(x,y)', ['x = Vi(3)', 'y = Vj(3)'], { reductionOp: 'ArgKMin', k: 2, axis: 1 });
 * const idx = await nearest(X, Y);         // int32 Tensor [2, 2]: the 2 nearest y of each x
 * ```
 */
export declare function Genred<R extends GenredReduction = 'Sum'>(formula: string, aliases: readonly string[], options?: GenredOptions<R>): GenredRoutine<R>;

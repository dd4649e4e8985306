import { LinearOperator } from './linear-operator.js';
/**
 * The block operator [[A, B], [C, D]] (any grid of operators; null for a zero block), as
 * scipy's bmat. The blocks of one block row share their row count, those of one block column
 * their column count; every block row and column needs at least one operator. The transpose
 * exists when every block has one.
 *
 * @example
 * ```ts
 * import { diags, identity, bmat } from 'lazykernel';
 * const A = diags([1, 2]);
 * // [[A, I], [I, null]]: the saddle-point form of a 2 x 2 system
 * const S = bmat([[A, identity(2)], [identity(2), null]]);
 * console.log(S.shape);                       // => [4, 4]
 * console.log(await S.matvec([1, 1, 10, 20])); // => [11, 22, 1, 1]
 * ```
 */
export declare function bmat(blocks: readonly (readonly (LinearOperator | null)[])[]): LinearOperator;

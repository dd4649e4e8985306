/**
 * The true residuals ||A v - lambda v|| of eigenpairs about to be returned, from one more
 * application of A to all the vectors at once. The Krylov relation's residuals are exact only
 * when A is symmetric and applied exactly; these are what a user recomputing them would get.
 */
import type { LinearOperator } from './linear-operator.js';
import { type FloatDType } from './arrays.js';
/**
 * The vectors as they will be returned: rounded to `dtype`, since a float32 operator hands back
 * float32 eigenvectors and their residuals are the ones that count.
 */
export declare function roundToDType(columns: readonly Float64Array[], dtype: FloatDType): Float64Array[];
/**
 * ||A v_c - lambda_c v_c|| for each column v_c of `vectors`, with A applied once to the block.
 * Throws a ValueError naming `where` when A returns NaN or an infinity.
 */
export declare function trueResiduals(where: string, A: LinearOperator, vectors: readonly Float64Array[], values: Float64Array, signal: AbortSignal | undefined): Promise<Float64Array>;

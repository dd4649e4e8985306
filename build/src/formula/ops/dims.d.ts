/** KeOps broadcasting: every operand has dimension 1 or the common dimension D. */
export declare function broadcastDim(op: string, dims: readonly number[]): number;
/** Both operands must have the same dimension. */
export declare function sameDim(op: string, a: number, b: number): number;
/** Component k of an operand that may broadcast (dimension 1). */
export declare function at(v: Float64Array, k: number): number;

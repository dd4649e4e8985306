import type { VectorEmitter, Vec } from './vector-emitter.js';
/**
 * exp of each lane (vexp<T>); with `nonPositive`, for lanes known to be <= 0 or NaN
 * (vexpNonPositive<T>: no upper clamp, 2^n in one factor; the same bits there, test/math.test.mjs).
 */
export declare function emitExp(e: VectorEmitter, x: Vec, nonPositive?: boolean): Vec;
/** log of each lane (vlog<T>). */
export declare function emitLog(e: VectorEmitter, x: Vec): Vec;

import type { VectorEmitter, Vec } from './vector-emitter.js';
/** exp of each lane (vexp<T>). */
export declare function emitExp(e: VectorEmitter, x: Vec): Vec;
/** log of each lane (vlog<T>). */
export declare function emitLog(e: VectorEmitter, x: Vec): Vec;

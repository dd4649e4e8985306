import { type ReductionKind } from '../tape/opcodes.js';
import type { ReductionRequest, ReductionResult } from '../tape/request.js';
import { Heap } from './heap.js';
/**
 * The WebAssembly backend on the calling thread: copies the inputs into wasm memory (j-variables
 * transposed to structure-of-arrays and padded to whole tiles), writes the plan record and runs
 * the interpreter over chunks of rows.
 */
export declare class WasmEngine {
    private readonly exports;
    readonly heap: Heap;
    private constructor();
    /** Instantiates the module (compiled from the shipped .wasm unless one is given). */
    static create(source?: WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string): Promise<WasmEngine>;
    reduce(request: ReductionRequest): Promise<ReductionResult>;
    private varBytes;
    /** i-variables and parameters row-major; j-variables as [dim][paddedCols], zero-padded. */
    private writeVar;
}
export type { ReductionKind };

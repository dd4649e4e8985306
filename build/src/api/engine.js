import { WasmEngine } from '../engine/wasm-engine.js';
import { TILE } from '../tape/opcodes.js';
import { ValueError, checkOptions, describe } from '../errors.js';
let enginePromise = null;
let wasmSource;
/** The shared wasm engine, instantiated on first use. */
export function getWasmEngine() {
    if (!enginePromise) {
        enginePromise = WasmEngine.create(wasmSource);
        // A failed start must not poison later calls (the user may fix the source and retry).
        enginePromise.catch(() => { enginePromise = null; });
    }
    return enginePromise;
}
/** Sets engine options; applies to engines started afterwards. */
export function configure(options) {
    checkOptions('configure', options, ['wasmModule', 'threads']);
    if (options.threads !== undefined) {
        if (options.threads !== 1) {
            throw new ValueError(`configure: threads must be 1 in this build (the engine runs on the calling thread), received ${describe(options.threads)}`);
        }
    }
    if (options.wasmModule !== undefined) {
        wasmSource = options.wasmModule;
        enginePromise = null;
    }
}
export function engineInfo() {
    return {
        backend: 'wasm',
        mode: 'calling-thread',
        threads: 1,
        simd: true,
        tileLanes: TILE,
        reasons: ['the worker pool is not part of this build yet; reductions run on the calling thread'],
    };
}

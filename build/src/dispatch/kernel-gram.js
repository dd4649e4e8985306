/**
 * The Nystrom preconditioner's dense float64 Gram matrix on the wasm engine (see
 * src/engine/kernel-gram.ts), for the models layer, which reaches engines only through here.
 */
import { getWasmEngine, withWasmEngine } from './wasm-host.js';
import { MemoryLimitError } from '../errors.js';
/**
 * K_mn K_nm and K_mm of `spec` in float64 on the wasm engine (its pool's threads), or null where
 * that path is unavailable (the engine does not start here, its module lacks the dense
 * kernels, or H does not fit in its heap): the caller then forms them by reductions.
 */
export async function wasmKernelGram(where, spec, signal) {
    const started = await getWasmEngine().then(() => true, () => false);
    if (!started)
        return null;
    try {
        return await withWasmEngine((engine) => engine.kernelGram(where, spec, signal));
    }
    catch (e) {
        if (e instanceof MemoryLimitError)
            return null;
        throw e;
    }
}

/**
 * The dense soft C-transform's row kernel on the wasm engine (src/engine/dense-softmin.ts), for
 * the OT layer, which reaches engines only through here.
 */
import { engineRestarts, getWasmEngine } from './wasm-host.js';
/**
 * The restart count when the engine last failed to start: the host's loops serve until
 * configure() restarts it, rather than a new start tried (and failed) on each of a fit's ~10^5
 * calls.
 */
let failedAt = -1;
/**
 * The shared engine's dense softmin (started on first use), or null where it is unavailable:
 * the engine does not start here, or its module predates the kernel (a custom `source`).
 */
export async function denseSoftminKernel() {
    if (failedAt === engineRestarts())
        return null;
    try {
        return (await getWasmEngine()).denseSoftmin;
    }
    catch {
        failedAt = engineRestarts();
        return null;
    }
}

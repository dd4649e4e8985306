import type { WasmEngine } from '../engine/wasm-engine.js';
/**
 * Runs the warm-up reductions on `engine`: Gaussian sums, logsumexp and k-NN, both dtypes.
 * One that the engine refuses for memory (a small configure({ blockBytes }) leaves less than
 * its scratch needs) is skipped: the warm-up only saves time, it must not fail the start.
 */
export declare function warmUp(engine: WasmEngine): Promise<void>;

import type { TapeEngine } from './gpu-choice.js';
/** Runs the warm-up reductions on `engine`: Gaussian sums, logsumexp and k-NN, both dtypes. */
export declare function warmUp(engine: TapeEngine): Promise<void>;

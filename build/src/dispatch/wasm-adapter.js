// The wasm interpreter as a backend: runs the plan's tape on the shared engine (wasm-host.ts
// starts it, warms it up and restarts it on configure()). It runs every plan.
import { wasmSeconds } from './cost-model.js';
import { withWasmEngine } from './wasm-host.js';
export const wasmAdapter = {
    name: 'wasm',
    cost: (job) => wasmSeconds(job.work),
    unsupported: () => null,
    run(job, signal) {
        return withWasmEngine((engine) => engine.reduce({ ...job.request, signal }));
    },
};

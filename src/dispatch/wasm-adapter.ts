// The wasm interpreter as a backend: runs the plan's tape on the shared engine (wasm-host.ts
// starts it, warms it up and restarts it on configure()). It runs every plan.
import { wasmSeconds } from './cost-model.js';
import { withWasmEngine } from './wasm-host.js';
import type { BackendAdapter, PlanJob } from './backend-adapter.js';

export const wasmAdapter: BackendAdapter = {
  name: 'wasm',
  cost: (job: PlanJob) => wasmSeconds(job.work),
  unsupported: () => null,
  run(job: PlanJob, signal?: AbortSignal) {
    return withWasmEngine((engine) => engine.reduce({ ...job.request, signal }));
  },
};

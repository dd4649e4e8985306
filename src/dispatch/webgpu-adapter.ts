// WebGPU as a backend: float32 tapes translated to WGSL (gpu/), on the device webgpu-host.ts
// holds. Its cost is a fixed round trip, so 'auto' gives it large float32 work only, and never
// a software adapter (unless configureGpu({ allowSoftwareAdapter })).
import { gpuFixedSeconds, wasmSeconds } from './cost-model.js';
import { autoThreshold, getGpuEngine, gpuCode, gpuUnavailableReason, noteFallback, probeAdapter, settings } from './webgpu-host.js';
import { AdapterDeclined, type BackendAdapter, type PlanJob } from './backend-adapter.js';

const FLOAT32_ONLY = "backend 'webgpu': WebGPU computes in float32 only (WGSL has no float64); convert the tensors to float32, or use backend 'auto' or 'wasm' for float64";

const SUM_SCHEME_WASM = "backend 'webgpu': sums add each tile's terms in float32 into a compensated float32 row accumulator; the options sumScheme 'kahan_scheme' / 'direct_sum' and useDoubleAcc run on backend 'wasm' (or 'auto')";

export const webgpuAdapter: BackendAdapter = {
  name: 'webgpu',
  cost(job: PlanJob) {
    if (job.request.dtype !== 'float32' || job.request.sumScheme) return Infinity;
    const seconds = gpuFixedSeconds(autoThreshold());
    // Work that wasm finishes before the GPU would answer: no need to ask for an adapter.
    if (wasmSeconds(job.work) < seconds) return seconds;
    // The adapter decides before any device is made: software adapters are slower than wasm.
    return probeAdapter().then((probe) => (!probe || (probe.description.software && !settings.allowSoftwareAdapter) ? Infinity : seconds));
  },
  async unsupported(job: PlanJob) {
    if (job.request.dtype !== 'float32') return FLOAT32_ONLY;
    if (job.request.sumScheme) return SUM_SCHEME_WASM;
    const engine = await getGpuEngine();
    return engine ? null : `backend 'webgpu' is not available: ${gpuUnavailableReason()}`;
  },
  async run(job: PlanJob, signal?: AbortSignal) {
    const engine = await getGpuEngine();
    if (!engine) throw new AdapterDeclined(`the WebGPU device is gone: ${gpuUnavailableReason()}`);
    try {
      return await engine.reduce({ ...job.request, signal });
    } catch (e) {
      // A device exists, so the GPU code is loaded.
      if (!(e instanceof gpuCode!.GpuFallback)) throw e;
      noteFallback(e.reason);
      throw new AdapterDeclined(e.reason);
    }
  },
};

import { ValueError, checkOptions, describe } from '../errors.js';
import { settings, shutdownGpu } from '../dispatch/webgpu-host.js';
import { chooseAdapter } from '../dispatch/dispatcher.js';
import { workOf } from '../dispatch/backend-adapter.js';
export { webgpuInfo, shutdownGpu, currentGpuEngine, autoThreshold } from '../dispatch/webgpu-host.js';
export { defaultAutoThreshold } from '../dispatch/cost-model.js';
/**
 * Sets WebGPU options; the device is requested again on next use.
 *
 * @example
 * ```ts
 * import { configureGpu, webgpuInfo } from 'lazykernel';
 * configureGpu({ powerPreference: 'high-performance' });   // the device is requested again on next use
 * const info = await webgpuInfo();
 * console.log(info.available ? `WebGPU on ${info.adapter}` : info.reasons[0]);
 * ```
 *
 * In a browser (or Deno), hand over the runtime's WebGPU and ask for it by name:
 * ```ts
 * // doc-example: skip needs a WebGPU adapter (navigator.gpu in a browser or Deno)
 * import { tensor, Vi, Vj, configureGpu } from 'lazykernel';
 * configureGpu({ gpu: navigator.gpu });
 * const X = tensor(new Float32Array(3 * 1000).map(Math.random), [1000, 3]);
 * await Vi(X).sqdist(Vj(X)).neg().exp().sum(1, { backend: 'webgpu' });
 * ```
 */
export function configureGpu(options) {
    checkOptions('configureGpu', options, ['gpu', 'autoThreshold', 'allowSoftwareAdapter', 'cacheBytes', 'maxBindingBytes', 'workPerDispatch', 'powerPreference']);
    const { gpu, autoThreshold, allowSoftwareAdapter, cacheBytes, maxBindingBytes, workPerDispatch, powerPreference } = options;
    if (gpu !== undefined && gpu !== null && typeof gpu.requestAdapter !== 'function') {
        throw new ValueError(`configureGpu: gpu must have a requestAdapter() method (navigator.gpu or a WebGPU implementation), received ${describe(gpu)}`);
    }
    for (const [name, value] of [['autoThreshold', autoThreshold], ['cacheBytes', cacheBytes], ['maxBindingBytes', maxBindingBytes], ['workPerDispatch', workPerDispatch]]) {
        if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
            throw new ValueError(`configureGpu: ${name} must be a non-negative number, received ${describe(value)}`);
        }
    }
    if (allowSoftwareAdapter !== undefined && typeof allowSoftwareAdapter !== 'boolean') {
        throw new ValueError(`configureGpu: allowSoftwareAdapter must be a boolean, received ${describe(allowSoftwareAdapter)}`);
    }
    if (powerPreference !== undefined && powerPreference !== 'low-power' && powerPreference !== 'high-performance') {
        throw new ValueError(`configureGpu: powerPreference must be 'low-power' or 'high-performance', received ${describe(powerPreference)}`);
    }
    if (autoThreshold !== undefined)
        settings.autoThreshold = autoThreshold;
    if (allowSoftwareAdapter !== undefined)
        settings.allowSoftwareAdapter = allowSoftwareAdapter;
    const restart = 'gpu' in options || cacheBytes !== undefined || maxBindingBytes !== undefined || workPerDispatch !== undefined || powerPreference !== undefined;
    // `gpu: undefined` given explicitly goes back to the runtime's own navigator.gpu.
    if ('gpu' in options)
        settings.gpu = gpu;
    if (cacheBytes !== undefined)
        settings.cacheBytes = cacheBytes;
    if (maxBindingBytes !== undefined)
        settings.maxBindingBytes = maxBindingBytes;
    if (workPerDispatch !== undefined)
        settings.workPerDispatch = workPerDispatch;
    if (powerPreference !== undefined)
        settings.powerPreference = powerPreference;
    if (restart)
        void shutdownGpu();
}
/**
 * The WebGPU adapter when the dispatcher would run `request` there for `backend`, else null
 * (for tests and diagnostics: reductions themselves are dispatched as plans).
 */
export async function gpuEngineFor(backend, request) {
    const job = {
        get plan() {
            throw new Error('gpuEngineFor: a job made from a request has no plan');
        },
        request: request,
        work: workOf(request),
    };
    const adapter = await chooseAdapter(backend, job);
    return adapter.name === 'webgpu' ? adapter : null;
}

// The dispatcher: every reduction, the gradients' included, reaches a backend here. It takes a
// plan, picks the adapter (the one named by the plan, or for 'auto' the cheapest that can run
// it, by the cost model) and runs it; an adapter that hands a job back (a GPU fallback) has it
// run on wasm; a plan given with a cluster goes to the cluster, which runs it on the dispatchers
// of its workers. Nothing above this module decides where a reduction runs.
import { Tensor } from '../tensor/tensor.js';
import { BackendError } from '../errors.js';
import { planOutputs } from '../plan/lower-plan.js';
import { AdapterDeclined, planJob } from './backend-adapter.js';
import { oracleAdapter } from './oracle-adapter.js';
import { wasmAdapter } from './wasm-adapter.js';
import { webgpuAdapter } from './webgpu-adapter.js';
/** Adapters by name; 'auto' considers them in this order, so a tie goes to the first. */
const ADAPTERS = [webgpuAdapter, wasmAdapter, oracleAdapter];
/**
 * Plans run, by the adapter that ran them (a declined job counts for the adapter that declined
 * it and for wasm; a plan sent to a cluster counts as 'cluster'): for tests and diagnostics, to
 * see that every reduction comes this way.
 */
export const dispatchCounts = { oracle: 0, wasm: 0, webgpu: 0, declined: 0, cluster: 0 };
/**
 * The adapter that runs `job` for `backend`: the one named (BackendError when it cannot run
 * the job), or for 'auto' the cheapest by cost that can. Decided without a promise when every
 * adapter answers at once (the usual case: a small reduction, no GPU to ask), so that a small
 * reduction pays no extra turns of the event loop for its dispatch.
 */
export function chooseAdapter(backend, job) {
    if (backend === 'auto') {
        let best = null;
        let bestSeconds = Infinity;
        let answered = true;
        for (const adapter of ADAPTERS) {
            const seconds = adapter.cost(job);
            if (typeof seconds !== 'number') {
                answered = false;
                break;
            }
            if (seconds < bestSeconds)
                [best, bestSeconds] = [adapter, seconds];
        }
        if (answered && best && best.unsupported(job) === null)
            return best;
    }
    return chooseAdapterAsync(backend, job);
}
async function chooseAdapterAsync(backend, job) {
    if (backend !== 'auto') {
        const adapter = ADAPTERS.find((a) => a.name === backend);
        const reason = await adapter.unsupported(job);
        if (reason !== null)
            throw new BackendError(reason);
        return adapter;
    }
    const ranked = [];
    for (const adapter of ADAPTERS) {
        const seconds = await adapter.cost(job);
        if (seconds < Infinity)
            ranked.push({ adapter, seconds });
    }
    // Cheapest first (a tie goes to the adapter listed first); the first that can run the job.
    ranked.sort((a, b) => a.seconds - b.seconds);
    for (const { adapter } of ranked) {
        if ((await adapter.unsupported(job)) === null)
            return adapter;
    }
    return wasmAdapter;
}
/**
 * Runs a plan on its backend, or on `cluster` when one is given; values and/or indices as
 * Tensors (null when the reduction does not produce them).
 */
export async function runPlan(plan, signal, cluster) {
    if (cluster) {
        dispatchCounts.cluster++;
        return cluster.runPlan(plan, signal);
    }
    const job = planJob(plan);
    const chosen = chooseAdapter(plan.backend, job);
    const adapter = chosen instanceof Promise ? await chosen : chosen;
    dispatchCounts[adapter.name]++;
    let result;
    try {
        result = await adapter.run(job, signal);
    }
    catch (e) {
        if (!(e instanceof AdapterDeclined))
            throw e;
        dispatchCounts.declined++;
        dispatchCounts.wasm++;
        result = await wasmAdapter.run(job, signal);
    }
    const { wantValues, wantIndices } = planOutputs(plan);
    return {
        values: wantValues ? new Tensor(result.values, [...plan.outputShape]) : null,
        indices: wantIndices ? new Tensor(result.indices, [...plan.outputShape]) : null,
    };
}

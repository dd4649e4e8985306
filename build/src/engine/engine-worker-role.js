/**
 * The worker side of the separate-memory pool (separate-pool.ts): a full WasmEngine with
 * threads: 1 on a memory of this worker's own, running the row blocks it is sent. Inputs are
 * kept by key as the calling thread says (it decides what is kept and what is dropped), so a
 * repeated reduction arrives as a small message. Loaded by worker.ts with a dynamic import, so
 * that the shared pool's workers do not load the engine.
 */
import { WasmEngine } from './wasm-engine.js';
/** Starts the engine; resolves to the handler of the role's later messages. */
export async function startEngineRole(init, post) {
    const engine = await WasmEngine.create({
        source: init.module,
        threads: 1,
        poolThreshold: Infinity,
        cacheBytes: init.cacheBytes,
        rowLanes: init.rowLanes,
        blockBytes: init.blockBytes,
        compile: init.compile,
        relaxedSimd: init.relaxedSimd,
    });
    const held = new Map();
    const running = new Map();
    let nextId = 1;
    const reduce = async (msg) => {
        const controller = new AbortController();
        running.set(msg.job, controller);
        try {
            for (const key of msg.evict) {
                const entry = held.get(key);
                if (!entry)
                    continue;
                held.delete(key);
                engine.cache.forget(entry.id);
            }
            const vars = msg.inputs.map((input) => {
                const base = { dim: input.dim, category: input.category, version: 0, ...(input.slices ? { slices: input.slices } : {}) };
                if (input.key === null || input.once)
                    return { ...base, data: input.data, id: nextId++ };
                let entry = held.get(input.key);
                if (input.data) {
                    entry = { data: input.data, id: nextId++, owner: {} };
                    held.set(input.key, entry);
                }
                if (!entry)
                    throw new Error(`the worker does not hold the input ${input.key} it was told it holds`);
                return { ...base, data: entry.data, id: entry.id, owner: entry.owner };
            });
            const { rowLanesTape, ...rest } = msg.request;
            const request = {
                ...rest,
                vars,
                signal: controller.signal,
                ...(rowLanesTape ? { rowLanesTape: () => rowLanesTape } : {}),
            };
            const { values, indices } = await engine.reduce(request);
            const transfer = [];
            if (values)
                transfer.push(values.buffer);
            if (indices && indices.buffer !== values?.buffer)
                transfer.push(indices.buffer);
            post({ type: 'reduced', job: msg.job, values, indices }, transfer);
        }
        catch (e) {
            const error = e;
            post({ type: 'reduce-failed', job: msg.job, name: error?.name ?? 'Error', message: error?.message ?? String(e) });
        }
        finally {
            running.delete(msg.job);
        }
    };
    return (msg) => {
        if (msg.type === 'reduce')
            void reduce(msg);
        else if (msg.type === 'stop')
            running.get(msg.job)?.abort();
    };
}

import { BackendError } from '../errors.js';
import { startWorker } from './runtime.js';
/** How long an idle pool waits before stopping workers that would keep the process alive. */
const IDLE_STOP_MS = 300;
/**
 * A fixed set of workers sharing one WebAssembly.Memory. Workers start lazily on first use and
 * are reused; an idle pool does not keep a Node or Bun process alive. A worker that dies is
 * replaced, and the batch it was serving fails with a BackendError.
 */
export class WorkerPool {
    size;
    module;
    memory;
    workerUrl;
    slots;
    queue = [];
    nextId = 1;
    idleTimer = null;
    constructor(size, module, memory, workerUrl) {
        this.size = size;
        this.module = module;
        this.memory = memory;
        this.workerUrl = workerUrl;
        this.slots = Array.from({ length: size }, () => ({ handle: null, ready: null, started: false, busy: null }));
    }
    /** Runs the tasks across the workers; resolves when all are done. */
    run(tasks) {
        if (tasks.length === 0)
            return Promise.resolve();
        if (this.idleTimer !== null)
            clearTimeout(this.idleTimer);
        this.idleTimer = null;
        return new Promise((resolve, reject) => {
            const batch = { pending: tasks.length, failed: null, resolve, reject };
            for (const task of tasks)
                this.queue.push({ task, batch });
            this.slots.forEach((_, k) => void this.ensureStarted(k).then(() => this.dispatch(), (e) => this.failQueued(e)));
        });
    }
    /** Drops queued tasks of a batch (used on abort: running ones stop through the plan's flag). */
    cancelQueued(plan) {
        for (let k = this.queue.length - 1; k >= 0; k--) {
            const { task, batch } = this.queue[k];
            if (task.plan !== plan)
                continue;
            this.queue.splice(k, 1);
            this.settle(batch, null);
        }
    }
    /** Stops every worker; the pool starts fresh ones if used again. */
    terminate() {
        for (const slot of this.slots) {
            slot.handle?.terminate();
            if (slot.busy)
                this.settle(slot.busy.batch, new BackendError('the worker pool was shut down during the reduction'));
            slot.handle = null;
            slot.ready = null;
            slot.started = false;
            slot.busy = null;
        }
    }
    /** Test hook: makes one worker throw an uncaught error, as a crash would. */
    crashWorkerForTesting(index) {
        this.slots[index]?.handle?.post({ type: 'crash-for-testing' });
    }
    get startedWorkers() {
        return this.slots.filter((s) => s.started).length;
    }
    ensureStarted(k) {
        const slot = this.slots[k];
        if (slot.ready)
            return slot.ready;
        slot.ready = (async () => {
            const handle = await startWorker(this.workerUrl);
            slot.handle = handle;
            await new Promise((resolve, reject) => {
                handle.onFailure((reason) => {
                    reject(new BackendError(`a wasm worker failed: ${reason}`));
                    this.onWorkerDied(k, handle, reason);
                });
                handle.onMessage((data) => {
                    const msg = data;
                    if (msg.type === 'listening')
                        handle.post({ type: 'init', module: this.module, memory: this.memory });
                    else if (msg.type === 'ready')
                        resolve();
                    else if (msg.type === 'failed')
                        reject(new BackendError(`a wasm worker could not start the engine: ${msg.message}`));
                    else
                        this.onTaskEnd(k, msg.type === 'error' ? new BackendError(`a wasm worker failed: ${msg.message}`) : null);
                });
            });
            handle.setKeepsAlive(false);
            slot.started = true;
        })();
        slot.ready.catch(() => {
            slot.ready = null;
            slot.handle = null;
            slot.started = false;
        });
        return slot.ready;
    }
    dispatch() {
        for (let k = 0; k < this.slots.length && this.queue.length; k++) {
            const slot = this.slots[k];
            if (slot.busy || !slot.handle || !slot.started)
                continue;
            const { task, batch } = this.queue.shift();
            const id = this.nextId++;
            slot.busy = { id, batch };
            slot.handle.setKeepsAlive(true);
            slot.handle.post({ type: 'run', id, plan: task.plan, rowStart: task.rowStart, rowEnd: task.rowEnd, scratch: task.scratchFor(k) });
        }
    }
    onTaskEnd(k, error) {
        const slot = this.slots[k];
        const busy = slot.busy;
        slot.busy = null;
        if (!this.queue.length)
            slot.handle?.setKeepsAlive(false);
        if (busy)
            this.settle(busy.batch, error);
        this.dispatch();
        this.stopWhenIdle();
    }
    /**
     * Where workers cannot be told not to hold the process (Deno), an idle pool stops them
     * after a short grace period, so a script ends; the next reduction starts them again.
     */
    stopWhenIdle() {
        const releasable = this.slots.every((s) => !s.handle || s.handle.canRelease);
        if (releasable || this.queue.length || this.slots.some((s) => s.busy))
            return;
        if (this.idleTimer !== null)
            clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => {
            this.idleTimer = null;
            if (!this.queue.length && this.slots.every((s) => !s.busy))
                this.terminate();
        }, IDLE_STOP_MS);
    }
    onWorkerDied(k, handle, reason) {
        const slot = this.slots[k];
        if (slot.handle !== handle)
            return;
        const busy = slot.busy;
        slot.handle = null;
        slot.ready = null;
        slot.started = false;
        slot.busy = null;
        if (busy)
            this.settle(busy.batch, new BackendError(`a wasm worker died during the reduction (${reason}); it has been replaced`));
        // Replace it now, so queued work keeps flowing.
        if (this.queue.length)
            void this.ensureStarted(k).then(() => this.dispatch(), (e) => this.failQueued(e));
    }
    failQueued(error) {
        if (this.slots.some((s) => s.handle))
            return; // other workers still serve the queue
        while (this.queue.length)
            this.settle(this.queue.shift().batch, error);
    }
    settle(batch, error) {
        if (error && !batch.failed) {
            batch.failed = error;
            // The batch has failed: its queued tasks need not run.
            for (let k = this.queue.length - 1; k >= 0; k--) {
                if (this.queue[k].batch !== batch)
                    continue;
                this.queue.splice(k, 1);
                batch.pending--;
            }
        }
        batch.pending--;
        if (batch.pending > 0)
            return;
        if (batch.failed)
            batch.reject(batch.failed);
        else
            batch.resolve();
    }
}

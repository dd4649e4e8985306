import { BackendError } from '../errors.js';
import { chunksLeft, requestStop, CRASH_REQUEST } from './task-table.js';
import { handOff, retract, awaitDone, markAway, MAILBOX_BYTES } from './mailbox.js';
import { StartPolicy, startCancelled } from './start-policy.js';
/** How long an idle pool waits before stopping workers that would keep the process alive. */
const IDLE_STOP_MS = 300;
/**
 * A fixed set of workers sharing one WebAssembly.Memory. Workers start lazily on first use and
 * are reused; an idle pool does not keep a Node or Bun process alive. A reduction costs one
 * message to each worker that joins it and one back, whatever its number of chunks. A worker
 * that dies is replaced, and the reduction it was serving fails with a BackendError.
 */
export class WorkerPool {
    size;
    module;
    memory;
    workerUrl;
    mailboxes;
    slots;
    /** Reductions that idle workers may still join, oldest first. */
    open = [];
    idleTimer = null;
    /** How workers start, retries of those that fail, and when to give up (start-policy.ts). */
    policy;
    constructor(size, module, memory, workerUrl, 
    /** Where the workers' mailboxes are (MAILBOX_BYTES each, zeroed): see mailbox.ts. */
    mailboxes) {
        this.size = size;
        this.module = module;
        this.memory = memory;
        this.workerUrl = workerUrl;
        this.mailboxes = mailboxes;
        this.slots = Array.from({ length: size }, () => ({ handle: null, ready: null, started: false, busy: null, generation: 0, seq: 0, cancelStart: null }));
        this.policy = new StartPolicy(this.slots, (k) => this.ensureStarted(k), () => this.open.length > 0, () => this.dispatch());
    }
    /**
     * Runs a reduction's chunks across at most `maxWorkers` workers; resolves when every chunk
     * is done.
     */
    run(batch, maxWorkers = this.size) {
        if (this.policy.gaveUp)
            return Promise.reject(this.policy.gaveUp);
        if (this.idleTimer !== null)
            clearTimeout(this.idleTimer);
        this.idleTimer = null;
        return new Promise((resolve, reject) => {
            this.open.push({ batch, maxWorkers: Math.max(1, Math.min(this.size, maxWorkers)), engaged: 0, closed: false, failed: null, resolve, reject });
            this.dispatch();
            this.policy.startMissing();
        });
    }
    /**
     * The error the pool gave up with after its workers failed to start MAX_START_FAILURES
     * times in a row, or null: once set, the engine runs its reductions on the calling thread.
     */
    get broken() {
        return this.policy.gaveUp;
    }
    /**
     * Starts the workers in the background, so that they are ready by the first pooled
     * reduction (spawning one costs 30-100 ms). Failures surface at that reduction.
     */
    prestart() {
        void this.started().catch(() => { });
    }
    /**
     * Resolves when every worker has started (starting those that are not, retrying failed
     * starts as the start policy allows); rejects once the pool has given up.
     */
    async started() {
        await this.policy.startAll();
        this.stopWhenIdle();
    }
    /**
     * Stops sending workers to the reduction of `plan`: its chunks are all taken (the calling
     * thread took the rest), or it was aborted (its abort word is set, so the engaged workers
     * stop at their next tile). Its promise settles once the engaged workers have finished.
     */
    close(plan) {
        for (const r of [...this.open]) {
            if (r.batch.plan !== plan)
                continue;
            this.closeRun(r);
            this.settleIfDone(r);
        }
    }
    /** Stops every worker; the pool starts fresh ones if used again. */
    terminate() {
        this.policy.cancelStarts();
        for (const [k, slot] of this.slots.entries()) {
            slot.generation++;
            slot.handle?.terminate();
            slot.cancelStart?.(startCancelled());
            slot.cancelStart = null;
            this.resetMailbox(k);
            const busy = slot.busy;
            slot.handle = null;
            slot.ready = null;
            slot.started = false;
            slot.busy = null;
            if (busy)
                this.leave(busy, new BackendError('the worker pool was shut down during the reduction'));
        }
        for (const r of [...this.open]) {
            this.closeRun(r);
            if (!r.failed)
                r.failed = new BackendError('the worker pool was shut down before the reduction ran');
            this.settleIfDone(r);
        }
    }
    /**
     * Test hook: makes one worker throw an uncaught error, as a crash would: in the middle of
     * the reduction it is running, or at once if it is idle.
     */
    crashWorkerForTesting(index) {
        const slot = this.slots[index];
        if (slot?.busy)
            requestStop(this.memory, slot.busy.batch.plan, CRASH_REQUEST + index);
        else
            slot?.handle?.post({ type: 'crash-for-testing' });
    }
    mailboxFor(k) {
        return this.mailboxes + k * MAILBOX_BYTES;
    }
    /** A new or gone worker is not parked: jobs for slot k go by message until it parks. */
    resetMailbox(k) {
        markAway(this.memory, this.mailboxFor(k));
    }
    get startedWorkers() {
        return this.slots.filter((s) => s.started).length;
    }
    ensureStarted(k) {
        const slot = this.slots[k];
        return slot.ready ?? this.policy.startSlot(slot, this.workerUrl, {
            init: () => {
                this.resetMailbox(k);
                return { type: 'init', module: this.module, memory: this.memory, worker: k, mailbox: this.mailboxFor(k) };
            },
            readyType: 'ready',
            onMessage: (handle, data) => {
                const msg = data;
                if (slot.handle !== handle)
                    return;
                if (msg.seq === slot.seq && slot.busy)
                    this.onWorkEnd(k, msg.type === 'error' ? new BackendError(`a wasm worker failed: ${msg.message}`) : null);
                else
                    this.dispatch(); // a report already collected by collect()
            },
            onDied: (handle, reason) => this.onWorkerDied(k, handle, reason),
            onGaveUp: (error) => this.failOpen(error),
        });
    }
    /** Sends every idle worker to the oldest reduction that still has chunks to take. */
    dispatch() {
        for (let k = 0; k < this.slots.length; k++) {
            const slot = this.slots[k];
            if (slot.busy || !slot.handle || !slot.started)
                continue;
            const r = this.nextOpen();
            if (!r)
                return;
            r.engaged++;
            slot.busy = r;
            slot.handle.setKeepsAlive(true);
            slot.seq++;
            const job = { plan: r.batch.plan, table: r.batch.table, scratch: r.batch.scratchFor(k), seq: slot.seq };
            if (!handOff(this.memory, this.mailboxFor(k), job))
                slot.handle.post({ type: 'run', ...job });
            if (r.engaged === r.maxWorkers)
                this.closeRun(r);
        }
    }
    nextOpen() {
        while (this.open.length) {
            const r = this.open[0];
            if (chunksLeft(this.memory.buffer, r.batch.table) > 0)
                return r;
            this.closeRun(r);
            this.settleIfDone(r);
        }
        return null;
    }
    /**
     * The calling thread has finished its share of the run of `plan` and closed it: waits, at
     * most `ms`, for the workers on it to finish, and settles their part without waiting for
     * their messages (which then arrive as stale reports).
     */
    collect(plan, ms) {
        this.slots.forEach((slot, k) => {
            if (slot.busy?.batch.plan !== plan)
                return;
            // A worker still waking up (in 6-8% of the mixture tutorial's reductions it had not
            // started when the calling thread had run every chunk, and took 1-2 ms more) is not
            // waited for: its job is taken back.
            if (retract(this.memory, this.mailboxFor(k)) || awaitDone(this.memory, this.mailboxFor(k), slot.seq, ms))
                this.onWorkEnd(k, null);
        });
    }
    onWorkEnd(k, error) {
        const slot = this.slots[k];
        const r = slot.busy;
        slot.busy = null;
        if (r) {
            // A worker only ends when no chunk is left (or the reduction stopped).
            this.closeRun(r);
            this.leave(r, error);
        }
        if (!this.open.length)
            slot.handle?.setKeepsAlive(false);
        this.dispatch();
        this.stopWhenIdle();
    }
    closeRun(r) {
        r.closed = true;
        const at = this.open.indexOf(r);
        if (at >= 0)
            this.open.splice(at, 1);
    }
    /** A worker left reduction r, with the error that ended its work, if any. */
    leave(r, error) {
        r.engaged--;
        if (error && !r.failed) {
            r.failed = error;
            // Stop the other workers too: the reduction has failed.
            requestStop(this.memory, r.batch.plan);
            this.closeRun(r);
        }
        this.settleIfDone(r);
    }
    settleIfDone(r) {
        if (!r.closed || r.engaged > 0)
            return;
        if (r.failed)
            r.reject(r.failed);
        else
            r.resolve();
    }
    /**
     * Where workers cannot be told not to hold the process (Deno), an idle pool stops them
     * after a short grace period, so a script ends; the next reduction starts them again.
     */
    stopWhenIdle() {
        const releasable = this.slots.every((s) => !s.handle || s.handle.canRelease);
        // Not while a worker is starting either: stopping it then would leave its start unanswered.
        const starting = this.slots.some((s) => s.ready && !s.started);
        if (releasable || starting || this.open.length || this.slots.some((s) => s.busy))
            return;
        if (this.idleTimer !== null)
            clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => {
            this.idleTimer = null;
            if (!this.open.length && this.slots.every((s) => !s.busy && (s.started || !s.ready)))
                this.terminate();
        }, IDLE_STOP_MS);
    }
    onWorkerDied(k, handle, reason) {
        const slot = this.slots[k];
        if (slot.handle !== handle)
            return;
        this.resetMailbox(k);
        // A worker that dies while starting: its start's rejection counts the failure and cleans up.
        if (!slot.started)
            return;
        const busy = slot.busy;
        slot.handle = null;
        slot.ready = null;
        slot.started = false;
        slot.busy = null;
        if (busy)
            this.leave(busy, new BackendError(`a wasm worker died during the reduction (${reason}); it has been replaced`));
        this.policy.note(`worker ${k} stopped (${reason}); it is restarted when needed`);
        // Replace it now, so open reductions keep flowing.
        if (this.open.length)
            this.policy.startMissing();
    }
    /** The pool gave up starting workers: every reduction waiting for them fails. */
    failOpen(error) {
        for (const r of [...this.open]) {
            this.closeRun(r);
            if (!r.failed)
                r.failed = error;
            this.settleIfDone(r);
        }
    }
}

/**
 * The worker side of the pool: instantiates the threads build of the engine on the shared
 * memory it is sent, then, for each reduction it joins, takes chunks from the reduction's task
 * table until none is left. It never allocates engine memory: the calling thread lays
 * everything out.
 *
 * The same script serves the separate-memory pool (separate-pool.ts): sent 'engine-init'
 * instead of 'init', it loads engine-worker-role.js (a dynamic import, so that the shared
 * pool's workers do not pay for it) and runs a whole engine on a memory of its own.
 */
import { drainTable } from './task-table.js';
import { markDone, markAway, servesMailbox, parkAndServe } from './mailbox.js';
import { CompiledInstaller } from './compiled-install.js';
async function connect() {
    const scope = globalThis;
    if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') {
        return { post: (m, transfer) => scope.postMessage(m, transfer ?? []), listen: (h) => scope.addEventListener('message', (e) => h(e.data)) };
    }
    const { parentPort } = await import('node:worker_threads');
    if (!parentPort)
        throw new Error('lazykernel worker started outside a worker');
    return { post: (m, transfer) => parentPort.postMessage(m, transfer), listen: (h) => void parentPort.on('message', h) };
}
const channel = await connect();
let engine = null;
/** Runs each chunk's plan through this worker's copy of its compiled row kernel, compiled on first sight. */
let runner = null;
let memory = null;
let workerIndex = -1;
let mailbox = 0;
/** The engine role's message handler, once 'engine-init' has loaded it (messages wait in order). */
let engineRole = null;
/**
 * Runs one job: takes chunks of its table until none is left, then reports. Marks the job done
 * and the mailbox parked before reporting, so that the next job can be handed over at once.
 */
function serve(job) {
    let crash = false;
    try {
        crash = drainTable(runner, memory, job.plan, job.table, job.scratch, workerIndex);
    }
    catch (e) {
        // Back to the event loop, with the job not marked done: the pool learns of the failure
        // from the message, and sends the next job by message too.
        markAway(memory, mailbox);
        channel.post({ type: 'error', seq: job.seq, message: e.message });
        return;
    }
    // The pool's test hook: die in the middle of a reduction, as a real crash would.
    if (crash)
        throw new Error('simulated worker crash');
    markDone(memory, mailbox, job.seq);
    channel.post({ type: 'done', seq: job.seq });
}
channel.listen((data) => {
    const msg = data;
    if (msg.type === 'engine-init') {
        engineRole = import('./engine-worker-role.js').then((role) => role.startEngineRole(msg, channel.post));
        engineRole.then(() => channel.post({ type: 'engine-ready' }), (e) => channel.post({ type: 'failed', message: e?.message ?? String(e) }));
        return;
    }
    if (msg.type === 'reduce' || msg.type === 'stop') {
        void engineRole?.then((handle) => handle(msg), () => { });
        return;
    }
    if (msg.type === 'init') {
        const module = msg.module instanceof WebAssembly.Module ? Promise.resolve(msg.module) : WebAssembly.compile(msg.module);
        module
            .then((m) => WebAssembly.instantiate(m, { env: { memory: msg.memory, abort: () => { throw new Error('wasm abort'); } } }))
            .then((instance) => {
            engine = instance.exports;
            memory = msg.memory;
            const exports = instance.exports;
            const installer = exports.table ? new CompiledInstaller(msg.memory, exports) : null;
            runner = installer ? {
                run: (plan, start, end, scratch) => { installer.ensure(plan); exports.run(plan, start, end, scratch); },
                runPartial: (plan, r0, r1, c0, c1, scratch, partial) => { installer.ensure(plan); exports.runPartial(plan, r0, r1, c0, c1, scratch, partial); },
            } : exports;
            workerIndex = msg.worker;
            mailbox = msg.mailbox;
            channel.post({ type: 'ready' });
        })
            .catch((e) => channel.post({ type: 'failed', message: e.message }));
        return;
    }
    if (msg.type === 'crash-for-testing') {
        // Thrown at once, so the worker dies before it can take another task: the task the pool
        // has already sent it is lost, as with a real crash.
        throw new Error('simulated worker crash');
    }
    if (msg.type !== 'run')
        return;
    serve(msg);
    // Wait for the next job on the mailbox for a while before going back to the event loop.
    if (servesMailbox(memory, mailbox))
        parkAndServe(memory, mailbox, serve);
});
// Messages sent before the listener existed could be lost in Web Workers: say we are listening.
channel.post({ type: 'listening' });

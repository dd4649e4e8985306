async function connect() {
    const scope = globalThis;
    if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') {
        return { post: (m) => scope.postMessage(m), listen: (h) => scope.addEventListener('message', (e) => h(e.data)) };
    }
    const { parentPort } = await import('node:worker_threads');
    if (!parentPort)
        throw new Error('lazykernel worker started outside a worker');
    return { post: (m) => parentPort.postMessage(m), listen: (h) => void parentPort.on('message', h) };
}
const channel = await connect();
let engine = null;
channel.listen((data) => {
    const msg = data;
    if (msg.type === 'init') {
        const module = msg.module instanceof WebAssembly.Module ? Promise.resolve(msg.module) : WebAssembly.compile(msg.module);
        module
            .then((m) => WebAssembly.instantiate(m, { env: { memory: msg.memory, abort: () => { throw new Error('wasm abort'); } } }))
            .then((instance) => {
            engine = instance.exports;
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
    try {
        engine.run(msg.plan, msg.rowStart, msg.rowEnd, msg.scratch);
        channel.post({ type: 'done', id: msg.id });
    }
    catch (e) {
        channel.post({ type: 'error', id: msg.id, message: e.message });
    }
});
// Messages sent before the listener existed could be lost in Web Workers: say we are listening.
channel.post({ type: 'listening' });
export {};

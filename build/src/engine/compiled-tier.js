/**
 * The compiled tier: which reductions run their row instructions through a row kernel compiled
 * for their tape (src/compile/row-kernel.ts) rather than through the interpreter, the cache of
 * those modules (by the kernel's key: tape row part, dtype, memory kind) and their table slots;
 * each run copies its module's bytes into engine memory, where the pool's workers compile them
 * (compiled-install.ts).
 *
 * Modes: 'never' interprets; 'always' compiles wherever the code generator takes the tape;
 * 'auto' compiles once a tape has been given enough pairs to repay the compilation
 * (AUTO_MIN_PAIRS, measured in bench/compiled-tier.mjs). The fused kernels keep priority
 * where they apply (tape.affineSqDist): they are specialised further still.
 */
import { RED } from '../tape/opcodes.js';
import { compileRowKernel, rowKernelKey } from '../compile/row-kernel.js';
import { relaxedSimdUnsupported } from '../compile/relaxed-simd.js';
import { PLAN } from '../tape/opcodes.js';
import { CompiledInstaller } from './compiled-install.js';
export const COMPILE_MODES = ['auto', 'always', 'never'];
/**
 * 'auto' compiles a tape once this many pairs have been reduced with it (this call included).
 * bench/compiled-tier.mjs (bench/RESULTS.md): a module takes about 0.2 ms to generate, compile
 * and instantiate, and saves 0.05-0.7 ns per pair (more for cheap formulas: Cauchy 1.85x); a
 * new formula's first call over 10^6 pairs took 1.4 ms compiled against 2.2 ms interpreted,
 * compilation included. Break-even is near 3 x 10^5 pairs.
 */
export const AUTO_MIN_PAIRS = 5e5;
/** Modules kept at most; the least recently used one not in use is dropped past it. */
const MAX_MODULES = 64;
/** Formulas whose pairs 'auto' counts at most. */
const MAX_COUNTED_KEYS = 4096;
/** The smallest valid module: compiling it tells whether this runtime compiles bytes at all. */
const PROBE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
/** Whether `new WebAssembly.Module(bytes)` works here, or why not. */
function probeCompile() {
    try {
        new WebAssembly.Module(PROBE);
        return null;
    }
    catch (e) {
        return `this runtime refuses to compile WebAssembly from bytes (${e?.message ?? String(e)}): the interpreter runs every formula`;
    }
}
export class CompiledTier {
    mode;
    exports;
    memory;
    heap;
    shared;
    entries = new Map();
    /** Why a key is not compiled (the code generator refused it). */
    refused = new Map();
    /** Pairs reduced so far per key ('auto'). */
    pairsSeen = new Map();
    /**
     * Each tape's kernel keys per variant (dtype, and whether the kernel adds up a SUM): tapes are
     * cached per formula (plan/lower-plan.ts), and an optimiser's loop runs the same ones every
     * step; a key is a string of the whole row code.
     */
    keys = new WeakMap();
    freeSlots = [];
    /** Keys whose module compiles asynchronously (compileLater). */
    pending = new Set();
    nextSlot;
    nextId = 1;
    clock = 0;
    unavailable;
    installer;
    /** Kernels are emitted with fused multiply-adds (relaxed-simd.ts); else why not. */
    relaxed;
    relaxedReason;
    stats = { modulesCompiled: 0, compileMs: 0, runs: { compiled: 0, interpreter: 0, fused: 0 } };
    last = null;
    constructor(mode, exports, memory, heap, shared, relaxedMode) {
        this.mode = mode;
        this.exports = exports;
        this.memory = memory;
        this.heap = heap;
        this.shared = shared;
        this.relaxedReason = mode === 'never' ? "configure({ compile: 'never' }): nothing is compiled"
            : relaxedMode === 'never' ? "configure({ relaxedSimd: 'never' })" : relaxedSimdUnsupported();
        this.relaxed = this.relaxedReason === null;
        const table = exports.table;
        this.unavailable = mode === 'never' ? null
            : !(table instanceof WebAssembly.Table) ? 'the engine module has no function table (a module built before the compiled tier): the interpreter runs every formula'
                : probeCompile();
        this.installer = table instanceof WebAssembly.Table ? new CompiledInstaller(memory, exports) : null;
        this.nextSlot = table instanceof WebAssembly.Table ? table.length : 1;
    }
    /** The installer of the calling thread's instance (drainTable's helper runs use it too). */
    ensure(plan) {
        this.installer?.ensure(plan);
    }
    /**
     * The tier for one run of `tape` over `pairs` pairs (`rowLanes`: the row-lanes form, which
     * the fused kernels do not take; `sumScheme`: how a SUM adds a tile's terms, 'block' by
     * default): a compiled module to write into the plan, or null.
     */
    select(tape, dtype, kind, pairs, rowLanes, sumScheme) {
        const affine = tape.affineSqDist;
        const fused = affine !== null && !rowLanes && (tape.factor ? affine.exp && kind === RED.SUM : tape.outDim === 1);
        // The fused kernels keep priority, except on float32 kernel products (a SUM of exp(e) b_j),
        // where the compiled kernel (two rows per pass) measured 1.11-1.16x the fused one
        // (bench/compiled-tier.mjs); elsewhere they are faster or even (log-sum-exp 0.9x, argKmin
        // 1.0x, float64 0.94-1.06x). Either way the results are the interpreter's bits.
        const overridesFused = fused && dtype === 'float32' && tape.factor !== null;
        const other = (reason) => (fused ? this.ran('fused', `a fused kernel runs this reduction (tape.affineSqDist): ${reason}`) : this.ran('interpreter', reason));
        if (fused && !overridesFused)
            return other('it keeps priority over compiled code');
        if (this.mode === 'never')
            return other("configure({ compile: 'never' })");
        if (this.unavailable)
            return other(this.unavailable);
        // A SUM of the default block scheme over columns is added up in the kernel itself.
        const reduces = kind === RED.SUM && !rowLanes && (sumScheme ?? 'block') === 'block';
        const key = this.keyOf(tape, dtype, reduces);
        const refused = this.refused.get(key);
        if (refused)
            return other(refused);
        if (this.pending.has(key))
            return other('its module is being compiled in the background: interpreted meanwhile');
        let entry = this.entries.get(key);
        if (!entry && this.mode === 'auto') {
            const seen = (this.pairsSeen.get(key) ?? 0) + pairs;
            // Bounded: a program making endless new formulas forgets the counts now and then.
            if (this.pairsSeen.size >= MAX_COUNTED_KEYS && !this.pairsSeen.has(key))
                this.pairsSeen.clear();
            this.pairsSeen.set(key, seen);
            if (seen < AUTO_MIN_PAIRS)
                return other(`compile 'auto': ${seen} pairs reduced with this formula so far, fewer than the ${AUTO_MIN_PAIRS} that repay compiling it`);
        }
        if (!entry) {
            const made = this.compile(key, tape, dtype, reduces);
            if (typeof made === 'string')
                return other(made);
            entry = made;
        }
        // The run's copy of the bytes, for the workers (engine memory holds none between runs).
        let bytesPtr;
        try {
            bytesPtr = this.heap.allocate(entry.bytes.length);
        }
        catch (e) {
            return other(`no engine memory for the module's bytes (${e?.message ?? String(e)})`);
        }
        new Uint8Array(this.memory.buffer, bytesPtr, entry.bytes.length).set(entry.bytes);
        entry.users++;
        entry.lastUse = ++this.clock;
        this.ran('compiled', `compile '${this.mode}': module ${entry.id} in table slot ${entry.slot}${overridesFused ? ' (in place of the fused kernel: faster on float32 kernel products)' : ''}`);
        return { entry, overridesFused, bytesPtr, reduces };
    }
    /** Writes the compiled module's words into a plan record. */
    write(plan, use) {
        if (!use)
            return;
        plan[PLAN.compiledSlot] = use.entry.slot;
        plan[PLAN.compiledId] = use.entry.id;
        plan[PLAN.compiledBytesPtr] = use.bytesPtr;
        plan[PLAN.compiledBytesLength] = use.entry.bytes.length;
        plan[PLAN.compiledReduces] = use.reduces ? 1 : 0;
        if (use.overridesFused)
            plan[PLAN.fusedKernel] = 0;
    }
    release(use) {
        if (!use)
            return;
        use.entry.users--;
        this.heap.free(use.bytesPtr, use.entry.bytes.length);
    }
    report() {
        return {
            available: this.mode !== 'never' && this.unavailable === null,
            reason: this.mode === 'never' ? "configure({ compile: 'never' }) turned the compiled tier off" : this.unavailable,
            modulesCompiled: this.stats.modulesCompiled,
            modulesCached: this.entries.size,
            compileMs: this.stats.compileMs,
            runs: { ...this.stats.runs },
            last: this.last,
            relaxedSimd: this.relaxed,
            relaxedSimdReason: this.relaxedReason,
        };
    }
    /** The key of the kernel for `tape`: its row code, the variant, and this tier's relaxed SIMD. */
    keyOf(tape, dtype, reduces) {
        let byVariant = this.keys.get(tape);
        if (!byVariant)
            this.keys.set(tape, (byVariant = new Map()));
        const variant = reduces ? `${dtype}|sum` : dtype;
        let key = byVariant.get(variant);
        if (key === undefined) {
            key = rowKernelKey(tape, dtype, { shared: this.shared }) + (reduces ? '|sum' : '') + (this.relaxed ? '|relaxed' : '');
            byVariant.set(variant, key);
        }
        return key;
    }
    ran(tier, reason) {
        this.stats.runs[tier]++;
        this.last = { tier, reason };
        return null;
    }
    /** Compiles, installs on the calling thread and caches a module; or why not. */
    compile(key, tape, dtype, accumulateSum) {
        const started = performance.now();
        const kernel = compileRowKernel(tape, dtype, { shared: this.shared }, { accumulateSum, relaxedSimd: this.relaxed });
        if (!kernel.ok) {
            const reason = `the compiled tier does not take this formula: ${kernel.reason}`;
            this.refused.set(key, reason);
            return reason;
        }
        let module;
        try {
            module = new WebAssembly.Module(kernel.bytes);
        }
        catch (e) {
            if (e instanceof RangeError) {
                // A browser's main thread compiles at most 4 KB synchronously: compile in the
                // background; this call is interpreted, the next ones run the module.
                this.compileLater(key, kernel.bytes);
                return `its module is being compiled in the background (${e.message}): interpreted meanwhile`;
            }
            // Detected once: this runtime compiles no bytes (the probe passed, this did not).
            this.unavailable = `this runtime refused to compile a row kernel (${e?.message ?? String(e)}): the interpreter runs every formula`;
            return this.unavailable;
        }
        return this.add(key, kernel.bytes, (slot, id) => this.installer.install(slot, id, module), started);
    }
    /** Compiles a module asynchronously and caches it when done (pending until then). */
    compileLater(key, bytes) {
        this.pending.add(key);
        const started = performance.now();
        // Instantiated asynchronously too: the main thread's limit holds for WebAssembly.Instance.
        WebAssembly.compile(bytes).then((module) => WebAssembly.instantiate(module, this.installer.imports())).then((instance) => {
            this.pending.delete(key);
            if (!this.entries.has(key))
                this.add(key, bytes, (slot, id) => this.installer.put(slot, id, instance), started);
        }, (e) => {
            this.pending.delete(key);
            this.refused.set(key, `its module did not compile (${e?.message ?? String(e)})`);
        });
    }
    /** Installs a compiled module on the calling thread, puts its bytes in engine memory and caches it; or why not. */
    add(key, bytes, install, started) {
        this.evict();
        const slot = this.freeSlots.pop() ?? this.nextSlot++;
        const id = this.nextId++;
        try {
            install(slot, id);
        }
        catch (e) {
            // A module built without the vop_* exports it imports (a custom engine source): this
            // formula stays on the interpreter.
            this.freeSlots.push(slot);
            const reason = `the compiled row kernel could not be installed (${e?.message ?? String(e)})`;
            this.refused.set(key, reason);
            return reason;
        }
        const entry = { id, slot, bytes, users: 0, lastUse: 0 };
        this.entries.set(key, entry);
        this.stats.modulesCompiled++;
        this.stats.compileMs += performance.now() - started;
        return entry;
    }
    /** Drops least recently used modules not in use while the cache is full. */
    evict() {
        while (this.entries.size >= MAX_MODULES) {
            let oldest = null;
            for (const kv of this.entries)
                if (kv[1].users === 0 && (!oldest || kv[1].lastUse < oldest[1].lastUse))
                    oldest = kv;
            if (!oldest)
                return;
            const [key, entry] = oldest;
            this.entries.delete(key);
            this.freeSlots.push(entry.slot);
        }
    }
}

/**
 * Puts compiled row kernels (src/compile/row-kernel.ts) into one engine instance's function
 * table, where the interpreter's hook calls them (PLAN.compiledSlot). Each instance has its
 * own table: the calling thread installs the modules it compiles, and each pool worker, before
 * running a plan, compiles the plan's module from the bytes the host left in engine memory
 * unless its slot already holds that module (PLAN.compiledId).
 */
import { PLAN } from '../tape/opcodes.js';
export class CompiledInstaller {
    memory;
    exports;
    /** Module id in each table slot. */
    installed = new Map();
    constructor(memory, exports) {
        this.memory = memory;
        this.exports = exports;
    }
    /** What a row kernel imports: the engine memory and the engine's exports (its vop_* functions). */
    imports() {
        return { env: { memory: this.memory }, engine: this.exports };
    }
    /** Instantiates `module` on this instance's memory and puts its `rows` in table slot `slot`. */
    install(slot, id, module) {
        this.put(slot, id, new WebAssembly.Instance(module, this.imports()));
    }
    /** Puts an instantiated row kernel's `rows` in table slot `slot`. */
    put(slot, id, instance) {
        const table = this.exports.table;
        if (table.length <= slot)
            table.grow(slot + 1 - table.length);
        table.set(slot, instance.exports.rows);
        this.installed.set(slot, id);
    }
    /**
     * Makes sure the compiled module the plan at `plan` names is in this instance's table. Where
     * it cannot be compiled here, clears the plan's slot: every thread then interprets the rest
     * of the run (same results, so a run may mix both).
     */
    ensure(plan) {
        const words = new Int32Array(this.memory.buffer);
        const base = plan >>> 2;
        const slot = words[base + PLAN.compiledSlot];
        if (slot === 0)
            return;
        const id = words[base + PLAN.compiledId];
        if (this.installed.get(slot) === id)
            return;
        try {
            // A copy: the module constructor does not take views of shared memory.
            const bytes = new Uint8Array(this.memory.buffer, words[base + PLAN.compiledBytesPtr] >>> 0, words[base + PLAN.compiledBytesLength]).slice();
            this.install(slot, id, new WebAssembly.Module(bytes));
        }
        catch {
            Atomics.store(words, base + PLAN.compiledSlot, 0);
        }
    }
}

/** What a compiled module imports from the engine: its table (to be put in) and its vop_* exports. */
export interface CompiledHostExports {
    readonly table: WebAssembly.Table;
}
export declare class CompiledInstaller {
    private readonly memory;
    private readonly exports;
    /** Module id in each table slot. */
    private readonly installed;
    constructor(memory: WebAssembly.Memory, exports: CompiledHostExports);
    /** What a row kernel imports: the engine memory and the engine's exports (its vop_* functions). */
    imports(): WebAssembly.Imports;
    /** Instantiates `module` on this instance's memory and puts its `rows` in table slot `slot`. */
    install(slot: number, id: number, module: WebAssembly.Module): void;
    /** Puts an instantiated row kernel's `rows` in table slot `slot`. */
    put(slot: number, id: number, instance: WebAssembly.Instance): void;
    /**
     * Makes sure the compiled module the plan at `plan` names is in this instance's table. Where
     * it cannot be compiled here, clears the plan's slot: every thread then interprets the rest
     * of the run (same results, so a run may mix both).
     */
    ensure(plan: number): void;
}

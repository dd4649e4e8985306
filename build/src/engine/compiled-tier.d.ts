import type { Tape } from '../tape/tape.js';
import { type CompileDtype } from '../compile/row-kernel.js';
import { type RelaxedSimdMode } from '../compile/relaxed-simd.js';
import { type CompiledHostExports } from './compiled-install.js';
import type { Heap } from './heap.js';
export type CompileMode = 'auto' | 'always' | 'never';
export declare const COMPILE_MODES: readonly CompileMode[];
/**
 * 'auto' compiles a tape once this many pairs have been reduced with it (this call included).
 * bench/compiled-tier.mjs (bench/RESULTS.md): a module takes about 0.2 ms to generate, compile
 * and instantiate, and saves 0.05-0.7 ns per pair (more for cheap formulas: Cauchy 1.85x); a
 * new formula's first call over 10^6 pairs took 1.4 ms compiled against 2.2 ms interpreted,
 * compilation included. Break-even is near 3 x 10^5 pairs.
 */
export declare const AUTO_MIN_PAIRS = 500000;
export type EngineTier = 'compiled' | 'interpreter' | 'fused';
/** What engineInfo().compiler reports. */
export interface CompilerReport {
    /** Whether this runtime compiles WebAssembly from bytes (false: workerd, a CSP without 'wasm-unsafe-eval'). */
    available: boolean;
    /** Why the compiled tier is not available, or null. */
    reason: string | null;
    /** Modules compiled so far, modules in the cache now, and the milliseconds spent compiling them. */
    modulesCompiled: number;
    modulesCached: number;
    compileMs: number;
    /** Reductions whose row instructions ran through each tier. */
    runs: Record<EngineTier, number>;
    /** The last reduction's tier and why. */
    last: {
        tier: EngineTier;
        reason: string;
    } | null;
    /**
     * Whether compiled kernels use relaxed SIMD's fused multiply-adds (configure({ relaxedSimd }):
     * results within rounding of the interpreter's instead of its bits), and why not.
     */
    relaxedSimd: boolean;
    relaxedSimdReason: string | null;
}
interface Entry {
    readonly id: number;
    readonly slot: number;
    /** The module's bytes: copied into engine memory for each run (the workers compile from there). */
    readonly bytes: Uint8Array;
    users: number;
    lastUse: number;
}
/** A compiled module in use by one run: write() it into the plan records, release() it after. */
export interface CompiledUse {
    readonly entry: Entry;
    /** The run's copy of the module's bytes in engine memory (freed by release()). */
    readonly bytesPtr: number;
    /** The plan's fused kernel is turned off: the compiled kernel runs instead. */
    readonly overridesFused: boolean;
    /** The kernel adds the SUM's terms to the accumulators itself (PLAN.compiledReduces). */
    readonly reduces: boolean;
}
export declare class CompiledTier {
    readonly mode: CompileMode;
    private readonly exports;
    private readonly memory;
    private readonly heap;
    private readonly shared;
    private readonly entries;
    /** Why a key is not compiled (the code generator refused it). */
    private readonly refused;
    /** Pairs reduced so far per key ('auto'). */
    private readonly pairsSeen;
    /**
     * Each tape's kernel keys per variant (dtype, and whether the kernel adds up a SUM): tapes are
     * cached per formula (plan/lower-plan.ts), and an optimiser's loop runs the same ones every
     * step; a key is a string of the whole row code.
     */
    private readonly keys;
    private readonly freeSlots;
    /** Keys whose module compiles asynchronously (compileLater). */
    private readonly pending;
    private nextSlot;
    private nextId;
    private clock;
    private unavailable;
    private readonly installer;
    /** Kernels are emitted with fused multiply-adds (relaxed-simd.ts); else why not. */
    readonly relaxed: boolean;
    private readonly relaxedReason;
    readonly stats: {
        modulesCompiled: number;
        compileMs: number;
        runs: Record<EngineTier, number>;
    };
    last: {
        tier: EngineTier;
        reason: string;
    } | null;
    constructor(mode: CompileMode, exports: Partial<CompiledHostExports>, memory: WebAssembly.Memory, heap: Heap, shared: boolean, relaxedMode: RelaxedSimdMode);
    /** The installer of the calling thread's instance (drainTable's helper runs use it too). */
    ensure(plan: number): void;
    /**
     * The tier for one run of `tape` over `pairs` pairs (`rowLanes`: the row-lanes form, which
     * the fused kernels do not take; `sumScheme`: how a SUM adds a tile's terms, 'block' by
     * default): a compiled module to write into the plan, or null.
     */
    select(tape: Tape, dtype: CompileDtype, kind: number, pairs: number, rowLanes: boolean, sumScheme: string | undefined): CompiledUse | null;
    /** Writes the compiled module's words into a plan record. */
    write(plan: Int32Array, use: CompiledUse | null): void;
    release(use: CompiledUse | null): void;
    report(): CompilerReport;
    /** The key of the kernel for `tape`: its row code, the variant, and this tier's relaxed SIMD. */
    private keyOf;
    private ran;
    /** Compiles, installs on the calling thread and caches a module; or why not. */
    private compile;
    /** Compiles a module asynchronously and caches it when done (pending until then). */
    private compileLater;
    /** Installs a compiled module on the calling thread, puts its bytes in engine memory and caches it; or why not. */
    private add;
    /** Drops least recently used modules not in use while the cache is full. */
    private evict;
}
export {};

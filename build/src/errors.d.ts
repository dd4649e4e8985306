/** Base class of every error lazykernel raises on purpose. */
export declare class LazyKernelError extends Error {
    /**
     * The name `e.name` reports, spelled out per class: minifiers rename classes ('ShapeError'
     * became 'F' in a minified app), and code that checks `e.name` must not change with them.
     * A subclass without its own errorName reports its class name.
     */
    static readonly errorName: string;
    constructor(message: string);
}
/** Shapes or formula dimensions do not fit together. */
export declare class ShapeError extends LazyKernelError {
    static readonly errorName = "ShapeError";
}
/** An array or tensor has the wrong element type, or operands mix float32 and float64. */
export declare class DTypeError extends LazyKernelError {
    static readonly errorName = "DTypeError";
}
/** An argument has the right type and shape but a forbidden value (unknown option, axis out of range...). */
export declare class ValueError extends LazyKernelError {
    static readonly errorName = "ValueError";
}
/** A backend is missing, failed to start or failed during a call. */
export declare class BackendError extends LazyKernelError {
    static readonly errorName = "BackendError";
}
/**
 * A request needs more memory than the engine or the runtime can hold (the wasm32 heap's
 * 4 GiB, the runtime's typed-array limit, int32 indices); raised before any work starts.
 */
export declare class MemoryLimitError extends LazyKernelError {
    static readonly errorName = "MemoryLimitError";
}
/** The caller's AbortSignal fired before the work finished. */
export declare class AbortError extends LazyKernelError {
    static readonly errorName = "AbortError";
}
/** Describes a value briefly for error messages: its type, and its shape when it has one. */
export declare function describe(value: unknown): string;
/** Throws a ValueError when an options object carries a key outside `allowed`. */
export declare function checkOptions(where: string, options: unknown, allowed: readonly string[]): void;
/**
 * A source text (a formula, an expression) quoted for an error message: control characters
 * shown as spaces, long ones shortened (a message quoting megabytes is no help).
 */
export declare function quoteSource(source: string): string;

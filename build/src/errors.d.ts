/** Base class of every error lazykernel raises on purpose. */
export declare class LazyKernelError extends Error {
    constructor(message: string);
}
/** Shapes or formula dimensions do not fit together. */
export declare class ShapeError extends LazyKernelError {
}
/** An array or tensor has the wrong element type, or operands mix float32 and float64. */
export declare class DTypeError extends LazyKernelError {
}
/** An argument has the right type and shape but a forbidden value (unknown option, axis out of range...). */
export declare class ValueError extends LazyKernelError {
}
/** A backend is missing, failed to start or failed during a call. */
export declare class BackendError extends LazyKernelError {
}
/**
 * A request needs more memory than the engine or the runtime can hold (the wasm32 heap's
 * 4 GiB, the runtime's typed-array limit, int32 indices); raised before any work starts.
 */
export declare class MemoryLimitError extends LazyKernelError {
}
/** The caller's AbortSignal fired before the work finished. */
export declare class AbortError extends LazyKernelError {
}
/** Describes a value briefly for error messages: its type, and its shape when it has one. */
export declare function describe(value: unknown): string;
/** Throws a ValueError when an options object carries a key outside `allowed`. */
export declare function checkOptions(where: string, options: unknown, allowed: readonly string[]): void;

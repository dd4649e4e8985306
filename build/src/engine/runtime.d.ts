export declare const isDeno: boolean;
export declare const isBun: boolean;
/** Node, with its built-ins at hand: the browser bundle run by Node counts as a plain JS runtime. */
export declare const isNode: boolean;
/** An environment variable where the runtime has them (Node, Bun, Deno with --allow-env). */
export declare function envVar(name: string): string | undefined;
/** Why shared-memory threads cannot run here, or null when they can. */
export declare function threadsUnavailableReason(): string | null;
/**
 * Logical cores, answered synchronously (configure() checks thread counts with it), or null
 * where the runtime does not say yet (Node older than 20.16 in the first moment after load,
 * runtimes without navigator.hardwareConcurrency): callers check again at engine start.
 */
export declare function hardwareConcurrencySync(): number | null;
/** Logical cores, as the runtime reports them. */
export declare function hardwareConcurrency(): Promise<number>;
/** The minimal surface the pool needs from a Node or Web worker. */
export interface WorkerHandle {
    post(message: unknown): void;
    onMessage(handler: (data: unknown) => void): void;
    /** Called once if the worker dies or fails to load; the reason is human-readable. */
    onFailure(handler: (reason: string) => void): void;
    /** Whether an idle worker may keep the process alive (Node and Bun honour this). */
    setKeepsAlive(alive: boolean): void;
    /** False where setKeepsAlive cannot release the process (Deno): idle workers must be stopped. */
    readonly canRelease: boolean;
    terminate(): void;
}
/** Starts the worker script at `url` with the runtime's own Worker. */
export declare function startWorker(url: URL): Promise<WorkerHandle>;

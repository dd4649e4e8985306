import type { EngineInitMessage, ToEngineWorker, FromEngineWorker } from './engine-messages.js';
type Post = (message: FromEngineWorker, transfer?: Transferable[]) => void;
/** Starts the engine; resolves to the handler of the role's later messages. */
export declare function startEngineRole(init: EngineInitMessage, post: Post): Promise<(msg: ToEngineWorker) => void>;
export {};

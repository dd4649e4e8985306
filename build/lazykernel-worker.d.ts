/** The engine's worker script (started by the engine; nothing to import). */
export {};
